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
import { openToRead } from '../../src/store/open-to-read';
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

/** What the command says: either holder, each with its own cure. */
const OLDER_IN_USE =
  'the database is older than this version of Heads Up (1 migration to apply) and in use by another Heads Up process: a running server (restart it with this version: it applies them at start) or a backup or doctor still at work (try again in a moment)';

describe('an admin command of a newer version', () => {
  it('applies no migration under an older server running on the line, and says to start this version first', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    // The older server, running: its schema is one migration behind.
    const server = new Db(file);
    try {
      migrate(server, olderMigrations());
      const before = schemaOf(file);
      // Run at once: each waits out the lock's time-out (5 s) before it gives up.
      const commands = [['PENDING'], ['purge']];
      const runs = await Promise.all(commands.map((args) => runAdminCli(args, { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY })));
      expect(runs.map((r, i) => ({ args: commands[i], code: r.code, stderr: r.stderr }))).toEqual(
        commands.map((args) => ({ args, code: 1, stderr: `heads-up: ${OLDER_IN_USE}` })),
      );
      expect(schemaOf(file)).toBe(before);
      // The older server goes on as it was.
      expect(server.sqlite.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 0 });
    } finally {
      server.close();
    }
  }, 60_000);

  it('beside a backup or doctor still reading (no server), names them too, and to try again in a moment', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const older = new Db(file);
    migrate(older, olderMigrations());
    older.close();
    // What a backup or doctor holds while it reads.
    const reader = openToRead(file);
    try {
      reader.pragma('quick_check');
      const r = await runAdminCli(['PENDING'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('in use by another Heads Up process');
      expect(r.stderr).toContain('a backup or doctor still at work (try again in a moment)');
      expect(r.stderr).toContain('a running server (restart it with this version');
      expect(r.stderr).not.toContain('most likely');
    } finally {
      reader.close();
    }
    // Once the reader is done, the command migrates and runs.
    const again = await runAdminCli(['PENDING'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(again.code).toBe(0);
  }, 60_000);
});
