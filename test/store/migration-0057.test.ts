/**
 * Migrations 0055-0057: a build of the twenty-sixth session numbered the
 * line_settings table 0057 (with no 0055 or 0056); the migrations were then
 * renumbered, line_settings to 0056. A database that build migrated holds
 * schema 57: the version after must still start on it (not "made by a newer
 * version"), make what it lacks, and keep what line_settings holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/temp-dir';

/** line_settings as that build's 0057_line_settings.sql made it. */
const OLD_0057 = 'CREATE TABLE line_settings (\n  name  TEXT PRIMARY KEY,\n  value TEXT NOT NULL\n) WITHOUT ROWID;\n';

it('a database migrated with line_settings as 0057 migrates to this version and keeps its settings', () => {
  const migrations = findProjectDir('migrations');
  const oldDir = tempDir();
  for (const f of fs.readdirSync(migrations).filter((f) => f < '0055')) fs.copyFileSync(path.join(migrations, f), path.join(oldDir, f));
  fs.writeFileSync(path.join(oldDir, '0057_line_settings.sql'), OLD_0057);
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db, oldDir);
    db.sqlite.prepare("INSERT INTO line_settings (name, value) VALUES ('screening_country', 'GB')").run();
    migrate(db);
    expect(db.sqlite.prepare('SELECT name, value FROM line_settings').all()).toEqual([{ name: 'screening_country', value: 'GB' }]);
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'decided_requests'").get()).toEqual({ n: 1 });
    expect(migrate(db)).toEqual([]);
  } finally {
    db.close();
  }
});
