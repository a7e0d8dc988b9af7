import path from 'node:path';
import Database from 'better-sqlite3';
import { openExclusive } from '../../src/store/exclusive-open';
import { runAdminCli, type AdminRun } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const IN_USE =
  'another program holds the database: a restore or rotate-key at work (wait for it to finish, or stop it), or a program that opened the file (an sqlite3 shell, a database browser: close it); then run this again';

describe('admin commands while restore or rotate-key holds the database', () => {
  let dataDir: string;
  let held: ReturnType<typeof openExclusive>;
  /** Each command waits out the lock's time-out (5 s) before it gives up: the three wait at once, not one after another. */
  let runs: Map<string, Promise<AdminRun>>;

  beforeAll(async () => {
    dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 3));
    // What restore and rotate-key hold while they run.
    held = openExclusive(path.join(dataDir, 'heads-up.db'));
    const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
    runs = new Map(['PENDING', 'purge', 'doctor'].map((command) => [command, runAdminCli([command], env)]));
  });

  afterAll(async () => {
    await Promise.allSettled(runs.values());
    held.close();
  });

  it('a moderator command and purge say which commands hold it and what to do, in one line, and exit 1', async () => {
    for (const args of [['PENDING'], ['purge']]) {
      const r = await runs.get(args[0] as string)!;
      expect({ args, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ args, code: 1, stderr: `heads-up: ${IN_USE}`, stdout: '' });
    }
  });

  it('doctor says the database is in use, not that it is damaged (which sends the operator to restore a backup)', async () => {
    const r = await runs.get('doctor')!;
    expect(r.code).toBe(1);
    const failures = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(failures).toEqual([`FAIL database: ${IN_USE}`]);
  });
});

it("a write while an operator's sqlite3 shell holds the write lock (BEGIN IMMEDIATE) names that possibility too, not only restore or rotate-key", async () => {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 3));
  const shell = new Database(path.join(dataDir, 'heads-up.db'));
  shell.exec('BEGIN IMMEDIATE');
  try {
    const r = await runAdminCli(['purge'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: `heads-up: ${IN_USE}` });
  } finally {
    shell.exec('ROLLBACK');
    shell.close();
  }
}, 60_000);
