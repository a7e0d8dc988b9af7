/**
 * A newer checkout's admin command beside an older server still running on
 * DATA_DIR: the command must not apply its migrations under that server
 * (whose code expects the schema it started with). It changes nothing and
 * says to restart the server as this version, which migrates at start. With
 * no server running, it migrates (test/e2e/admin-purge.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { findProjectDir } from '../../src/store/find-up';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';

/** The migrations of the version before this one: all but the newest. */
function olderMigrations(): string {
  const dir = tempDir();
  const files = fs.readdirSync(findProjectDir('migrations')).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  for (const f of files.slice(0, -1)) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(dir, f));
  return dir;
}

const schemaOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
  } finally {
    db.close();
  }
};

describe('an admin command of a newer version', () => {
  it('applies no migration under an older server running on the line, and says to start this version first', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    // The older server, running: its schema is one migration behind.
    const server = new Db(file);
    try {
      migrate(server, olderMigrations());
      const before = schemaOf(file);
      for (const args of [['PENDING'], ['purge']]) {
        const r = await runAdminCli(args, { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
        expect({ args, code: r.code, stderr: r.stderr }).toEqual({
          args,
          code: 1,
          stderr: 'heads-up: the database is older than this version of Heads Up (1 migration to apply) and in use, by a server of the older version most likely: restart the server with this version (it applies them at start), then run this again',
        });
      }
      expect(schemaOf(file)).toBe(before);
      // The older server goes on as it was.
      expect(server.sqlite.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 0 });
    } finally {
      server.close();
    }
  }, 60_000);
});
