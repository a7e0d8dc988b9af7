/**
 * An earlier version's restore, killed between its renames, left the line
 * only as heads-up.db.before-restore: the server refuses to start and sends
 * the operator to restore. That file may be the newest copy of the line,
 * newer than the backup: restore keeps it under a dated name, says so, and
 * doctor names it until the operator deletes it. It keeps its name until the
 * swap is done: killed at the swap, the folder still holds it, and the server
 * refuses to start (renamed before, the server saw nothing and made a new,
 * empty line).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runAdminCli } from '../helpers/admin-cli';
import { startHarness, tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

/** A line of two members, its backup, and the line left as heads-up.db.before-restore with no database, as an interrupted restore of an earlier version left it. */
async function lineLeftAside() {
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
  await seedMembers(dataDir, '917', numbersIn('917', 2));
  const backup = path.join(tempDir(), 'line.db');
  expect((await runAdminCli(['backup', backup], env)).code).toBe(0);
  const file = path.join(dataDir, 'heads-up.db');
  fs.renameSync(file, `${file}.before-restore`);
  return { dataDir, env, backup, file };
}

describe('restore where an interrupted restore left the line aside', () => {
  it('keeps that database under a dated name, says so, and doctor names it', async () => {
    const { dataDir, env, backup, file } = await lineLeftAside();
    const before = fs.readFileSync(`${file}.before-restore`);

    const r = await runAdminCli(['restore', backup], env);
    expect(r.code).toBe(0);
    const kept = fs.readdirSync(dataDir).filter((f) => f.includes('before-restore'));
    expect(kept).toEqual([expect.stringMatching(/^heads-up\.db\.before-restore\.kept-\d{4}-\d\d-\d\dT\d{6}$/)]);
    const keptFile = path.join(dataDir, kept[0] as string);
    expect(fs.readFileSync(keptFile).equals(before)).toBe(true);
    expect(r.stdout.split('\n')[1]).toBe(
      `restore: the database an interrupted restore set aside (the line as it was then, maybe newer than this backup) is kept as ${keptFile}: delete it once the line is right (it keeps what retention erased)`,
    );

    const doctor = await runAdminCli(['doctor'], env);
    expect(doctor.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([
      `FAIL restore: ${keptFile} was kept aside by a restore (the line as an interrupted restore left it): delete it once the line is right (it keeps what retention erased)`,
    ]);
  }, 60_000);

  it('killed at its swap, leaves a folder the server refuses to start on, not one it makes a new, empty line in', async () => {
    const { dataDir, env, backup, file } = await lineLeftAside();

    const killed = await runAdminCli(['restore', backup], { ...env, NODE_OPTIONS: `--require ${path.join(__dirname, '../helpers/kill-at-swap.cjs')}` });
    expect(killed.code).toBeNull(); // killed, as at a power cut
    const left = fs.readdirSync(dataDir);
    const started = await startHarness({ dataDir }).then(
      async (h) => (await h.close(), 'started a new, empty line'),
      (err: Error) => err.message,
    );
    expect({ left, started }).toEqual({ left, started: expect.stringContaining('DATA_DIR') });
  }, 60_000);

  it('killed after its swap and run again as doctor says, keeps the line the first run left aside as the line a restore replaced (the server ran on the restored one since) and says so', async () => {
    const { dataDir, env, backup, file } = await lineLeftAside();
    const before = fs.readFileSync(`${file}.before-restore`);

    const killed = await runAdminCli(['restore', backup], { ...env, NODE_OPTIONS: `--require ${path.join(__dirname, '../helpers/kill-after-swap.cjs')}` });
    expect(killed.code).toBeNull(); // killed after the swap, before it kept the file aside, as at a power cut
    // The server starts on the restored copy (there is a database), leaving the line aside under its name.
    await (await startHarness({ dataDir })).close();
    const doctor = await runAdminCli(['doctor'], env);
    const again = await runAdminCli(['restore', backup], env);

    const holding = fs.readdirSync(dataDir).filter((f) => fs.readFileSync(path.join(dataDir, f)).equals(before));
    expect(holding).toEqual([expect.stringMatching(/^heads-up\.db\.replaced-\d{4}-\d\d-\d\dT\d{6}$/)]);
    expect({
      advice: doctor.stdout.split('\n').filter((l) => l.includes('before-restore')),
      code: again.code,
      said: again.stdout.split('\n').find((l) => l.startsWith('restore: the line as it was before an interrupted restore')),
    }).toEqual({
      advice: [
        `FAIL restore: ${file}.before-restore was left by an interrupted restore and may be the newest copy of the line: run npm run admin -- restore (heads-up restore in the image) again with the backup (it keeps that file under a dated name)`,
      ],
      code: 0,
      said: `restore: the line as it was before an interrupted restore is kept as ${path.join(dataDir, holding[0] as string)}: if you did not mean that restore, stop the server and run npm run admin -- restore (heads-up restore in the image) with a copy of it made outside DATA_DIR; else delete it once the line is right (it keeps what retention erased)`,
    });
  }, 90_000);

  it('where the only copy of the line is the one a restore kept aside, doctor names that kept file with the start\'s words, not "start the server once"', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
    await seedMembers(dataDir, '917', numbersIn('917', 2));
    const file = path.join(dataDir, 'heads-up.db');
    const kept = `${file}.before-restore.kept-2026-12-01T031500`;
    fs.renameSync(file, kept);

    const refused = await startHarness({ dataDir }).then(
      async (h) => (await h.close(), 'started a new, empty line'),
      (err: Error) => err.message,
    );
    const doctor = await runAdminCli(['doctor'], env);
    expect(refused).toContain(kept);
    expect(doctor.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([`FAIL database: ${refused.replace(/^DATA_DIR: /, '')}`]);
  }, 60_000);
});
