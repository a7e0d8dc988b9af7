/**
 * A restore onto a folder holding only heads-up.db-wal, killed at its swap,
 * leaves that log kept as heads-up.db-wal.stray-<time> beside its staged
 * copy: doctor and the start say the same thing, and neither sends the
 * operator to start a new, empty line beside the old line's last writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runAdminCli } from '../helpers/admin-cli';
import { startHarness, tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { leaveOnlyWal } from '../helpers/orphan-wal';
import { numbersIn, seedMembers } from '../helpers/seed';

describe('a restore killed at its swap beside a write-ahead log with no database', () => {
  it('doctor gives the start\'s refusal, never "start the server once", and once the staged copy is deleted the start refuses naming the kept log', async () => {
    const from = tempDir();
    await seedMembers(from, '917', numbersIn('917', 2));
    const backup = path.join(tempDir(), 'line.db');
    expect((await runAdminCli(['backup', backup], { DATA_DIR: from, HEADSUP_MASTER_KEY: TEST_MASTER_KEY })).code).toBe(0);

    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
    const file = path.join(dataDir, 'heads-up.db');
    leaveOnlyWal(file);
    const killed = await runAdminCli(['restore', backup], { ...env, NODE_OPTIONS: `--require ${path.join(__dirname, '../helpers/kill-at-swap.cjs')}` });
    expect(killed.code).toBeNull();
    const stray = fs.readdirSync(dataDir).filter((f) => f.startsWith('heads-up.db-wal.stray-'));
    expect(stray).toHaveLength(1);
    const kept = path.join(dataDir, stray[0] ?? '');

    const doctor = await runAdminCli(['doctor'], env);
    const fails = doctor.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(fails.join('\n')).not.toContain('start the server once');
    expect(fails.join('\n')).toContain(`no database at ${file}, but ${kept}`);

    // The operator follows doctor's advice for the staged copy: "delete it".
    fs.rmSync(`${file}.restoring`);
    const started = await startHarness({ dataDir }).then(
      async (h) => (await h.close(), 'started a new, empty line'),
      (err: Error) => err.message,
    );
    expect(started).toContain(`DATA_DIR: no database at ${file}, but ${kept}`);
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);
});
