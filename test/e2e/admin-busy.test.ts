import path from 'node:path';
import { openExclusive } from '../../src/store/exclusive-open';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const IN_USE = 'the database is in use by restore or rotate-key: wait for it to finish (or stop it), then run this again';

describe('admin commands while restore or rotate-key holds the database', () => {
  let dataDir: string;
  let held: ReturnType<typeof openExclusive>;

  beforeAll(async () => {
    dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 3));
    // What restore and rotate-key hold while they run.
    held = openExclusive(path.join(dataDir, 'heads-up.db'));
  });

  afterAll(() => held.close());

  const env = () => ({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });

  it('a moderator command and purge say which commands hold it and what to do, in one line, and exit 1', async () => {
    for (const args of [['PENDING'], ['purge']]) {
      const r = await runAdminCli(args, env());
      expect({ args, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ args, code: 1, stderr: `heads-up: ${IN_USE}`, stdout: '' });
    }
  });

  it('doctor says the database is in use, not that it is damaged (which sends the operator to restore a backup)', async () => {
    const r = await runAdminCli(['doctor'], env());
    expect(r.code).toBe(1);
    const failures = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(failures).toEqual([`FAIL database: ${IN_USE}`]);
  });
});
