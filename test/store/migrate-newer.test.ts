/** A database a newer version migrated (an upgrade rolled back) is refused, by the store and at server start, and left as it was. */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { startHarness } from '../helpers/harness';
import { tempDir } from '../helpers/temp-dir';

function newerDatabase(): string {
  const dir = tempDir();
  const db = new Db(path.join(dir, 'heads-up.db'));
  migrate(db);
  const known = (db.sqlite.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
  db.sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(known + 1, `${known + 1}_later.sql`, 1);
  db.close();
  return dir;
}

describe('a database made by a newer version', () => {
  it('is refused by migrate, naming DATA_DIR and what to do', () => {
    const dir = newerDatabase();
    const db = new Db(path.join(dir, 'heads-up.db'));
    try {
      expect(() => migrate(db)).toThrow(/^DATA_DIR: the database was made by a newer version of Heads Up \(schema \d+, this one knows \d+\): run that version, or restore a backup made by this one$/);
    } finally {
      db.close();
    }
  });

  it('stops the server at start, and the file is left as it was', async () => {
    const dir = newerDatabase();
    const before = fs.readFileSync(path.join(dir, 'heads-up.db'));
    // A server that starts all the same is closed at once, so the test fails instead of hanging.
    const outcome = await startHarness({ dataDir: dir }).then(
      async (h) => (await h.close(), 'started'),
      (err: Error) => err.message,
    );
    expect(outcome).toMatch(/newer version of Heads Up/);
    expect(fs.readFileSync(path.join(dir, 'heads-up.db')).equals(before)).toBe(true);
  });
});
