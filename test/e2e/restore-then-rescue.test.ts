/**
 * A line restored once (the line it replaced kept beside it, as every restore
 * does), run on, then its database removed while it runs: the rescue copy is
 * the line; the replaced one is from before the restore, and put back it
 * would lose every member and STOP since. Found by a hostile review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { runAdminCli } from '../helpers/admin-cli';
import { startHarness, startTwilioLine, TEST_MASTER_KEY } from '../helpers/harness';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

it('the start and doctor name the rescue copy, never the line the restore replaced', async () => {
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
  let skew = 0;
  let { h, stop } = await startTwilioLine({ dataDir, now: () => Date.now() + skew });
  await h.sms('+14155550101', 'JOIN 415');
  await stop();
  const backup = path.join(tempDir(), 'b.db');
  expect((await runAdminCli(['backup', backup], env)).code).toBe(0);
  expect((await runAdminCli(['restore', backup], env)).code).toBe(0);
  const replaced = fs.readdirSync(dataDir).filter((f) => f.startsWith('heads-up.db.') && !f.endsWith('-wal') && !f.endsWith('-shm'));
  expect(replaced).toEqual([expect.stringMatching(/^heads-up\.db\.replaced-\d{4}-\d\d-\d\dT\d{6}$/)]);
  // Run on: two more join; then the database is removed while the server runs, and it writes its rescue copy.
  ({ h, stop } = await startTwilioLine({ dataDir, now: () => Date.now() + skew }));
  await h.sms('+14155550102', 'JOIN 415');
  await h.sms('+14155550103', 'JOIN 415');
  fs.rmSync(path.join(dataDir, 'heads-up.db'));
  skew += 6_000;
  await waitFor(() => fs.readdirSync(dataDir).some((f) => /^heads-up\.rescued-.*\.db$/.test(f)), 10_000, 'rescue copy');
  await stop();
  const rescue = path.join(dataDir, fs.readdirSync(dataDir).find((f) => /^heads-up\.rescued-.*\.db$/.test(f)) as string);
  const start = await startHarness({ dataDir }).then(
    async (again) => (await again.close(), 'started'),
    (err: Error) => err.message,
  );
  expect(start).toContain(`run heads-up restore ${rescue}`);
  expect(start).not.toContain('replaced-');
  const database = (await runDoctor(env)).find((c) => c.name === 'database');
  expect(database?.ok).toBe(false);
  expect(database?.detail).toContain(`run heads-up restore ${rescue}`);
  expect(database?.detail).not.toContain('replaced-');
}, 90_000);

it('doctor warns of the line a restore replaced, a leftover to delete once sure, not a failure', async () => {
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
  const { h, stop } = await startTwilioLine({ dataDir });
  await h.sms('+14155550101', 'JOIN 415');
  await stop();
  const backup = path.join(tempDir(), 'b.db');
  expect((await runAdminCli(['backup', backup], env)).code).toBe(0);
  expect((await runAdminCli(['restore', backup], env)).code).toBe(0);
  const replaced = path.join(dataDir, fs.readdirSync(dataDir).find((f) => f.startsWith('heads-up.db.replaced-')) as string);
  const said = (await runDoctor(env)).filter((c) => c.name === 'restore');
  expect(said).toEqual([
    {
      name: 'restore',
      ok: true,
      warn: true,
      detail: `${replaced} is the line a restore replaced (from before it; never put it back as heads-up.db): delete it once you are sure the restored line is the one you want (it keeps what retention erased)`,
    },
  ]);
}, 60_000);
