/**
 * The admin commands count what they copied or restored: "1 members" read
 * as a slip, and an operator checking a backup on a bad day reads counts
 * closely. One is singular, any other number plural.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { runDoctor } from '../../src/cli/doctor';
import { latestMigration } from '../../src/cli/line';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

describe('the counts backup and restore print', () => {
  it('say "1 member" and "0 reports": singular for one, plural otherwise', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
    await seedMembers(dataDir, '917', numbersIn('917', 1));
    const backup = path.join(tempDir(), 'line.db');
    const made = await runAdminCli(['backup', backup], env);
    expect(made.stdout).toMatch(/\): 1 member, 0 reports, 0 alerts$/);
    const restored = await runAdminCli(['restore', backup], env);
    const [holds, replaced, ...more] = restored.stdout.split('\n');
    expect(holds).toBe(`restore: ${path.join(dataDir, 'heads-up.db')} now holds the backup ${backup}: 1 member, 0 reports, 0 alerts; start the server`);
    // The line it replaced is counted the same way.
    expect(replaced).toMatch(/^restore: it replaced a line with 1 member, 0 reports, 0 alerts, kept as /);
    expect(more).toEqual([]);
  }, 60_000);

  it('doctor says "1 newer migration", not "migration(s)"', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 1));
    // As a line one migration behind this version reads (doctor only reads the record).
    const db = new Database(path.join(dataDir, 'heads-up.db'));
    db.prepare('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)').run();
    // The one before it (0043 was reverted before release: the numbers have a gap).
    const left = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
    db.close();
    expect(left).toBeLessThan(latestMigration());
    const checks = await runDoctor({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(checks.find((c) => c.name === 'migrations')?.detail).toBe(`schema ${left}; the server applies 1 newer migration at start`);
  });
});
