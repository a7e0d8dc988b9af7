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
  expect(start).toContain(`run npm run admin -- restore ${rescue} (heads-up restore ${rescue} in the image)`);
  expect(start).not.toContain('replaced-');
  const database = (await runDoctor(env)).find((c) => c.name === 'database');
  expect(database?.ok).toBe(false);
  expect(database?.detail).toContain(`run npm run admin -- restore ${rescue} (heads-up restore ${rescue} in the image)`);
  expect(database?.detail).not.toContain('replaced-');
}, 90_000);

/** A stopped line of one member, backed up and restored over itself: the line it replaced lies beside it. */
async function restoredOverItself(): Promise<{ dataDir: string; env: Record<string, string> }> {
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
  const { h, stop } = await startTwilioLine({ dataDir });
  await h.sms('+14155550101', 'JOIN 415');
  await stop();
  const backup = path.join(tempDir(), 'b.db');
  expect((await runAdminCli(['backup', backup], env)).code).toBe(0);
  expect((await runAdminCli(['restore', backup], env)).code).toBe(0);
  return { dataDir, env };
}

it('doctor warns of the line a restore replaced, a leftover to delete once sure, not a failure', async () => {
  const { dataDir, env } = await restoredOverItself();
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

it('with no database and only the line a restore replaced, the start refuses and doctor fails, both naming it; restore refuses it as it lies', async () => {
  const { dataDir, env } = await restoredOverItself();
  // The database lost while the line was stopped: only the replaced line is left.
  for (const f of ['heads-up.db', 'heads-up.db-wal', 'heads-up.db-shm']) fs.rmSync(path.join(dataDir, f), { force: true });
  const replaced = path.join(dataDir, fs.readdirSync(dataDir).find((f) => /^heads-up\.db\.replaced-\d{4}-\d\d-\d\dT\d{6}$/.test(f)) as string);
  const start = await startHarness({ dataDir }).then(
    async (again) => (await again.close(), 'started'),
    (err: Error) => err.message,
  );
  expect(start).toContain(`but ${replaced}, the line a restore replaced on `);
  expect(start).toContain(
    'restore the latest backup made since; only if there is none, and that restore did not replace it for being wrong or damaged, copy that file elsewhere and restore the copy; to start a new, empty line on purpose, move every heads-up.db.replaced-* file out of DATA_DIR first (nothing was changed)',
  );
  expect(fs.existsSync(path.join(dataDir, 'heads-up.db'))).toBe(false);
  const database = (await runDoctor(env)).find((c) => c.name === 'database');
  expect({ ok: database?.ok, named: database?.detail.includes(`but ${replaced}, the line a restore replaced on `) }).toEqual({ ok: false, named: true });
  const again = await runAdminCli(['restore', replaced], env);
  expect({ code: again.code, refused: again.stderr.includes('copy it elsewhere first') }).toEqual({ code: 1, refused: true });
}, 90_000);

it('doctor warns of a rescue copy beside a database: left, it would be offered as the line should the database be lost', async () => {
  const dataDir = tempDir();
  const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY };
  const { h, stop } = await startTwilioLine({ dataDir });
  await h.sms('+14155550101', 'JOIN 415');
  await stop();
  // As the server writes one; the database put back since by hand.
  const rescue = path.join(dataDir, 'heads-up.rescued-2026-11-02T10-00-00-000Z.db');
  fs.copyFileSync(path.join(dataDir, 'heads-up.db'), rescue);
  const said = (await runDoctor(env)).filter((c) => c.name === 'restore');
  expect(said).toEqual([
    {
      name: 'restore',
      ok: true,
      warn: true,
      detail: `${rescue} is a copy the server wrote when its database was removed while it ran: delete it only if the database's own moved files were put back since; if a backup was copied in or restored instead, this copy is newer: stop the server and run npm run admin -- restore ${rescue} (heads-up restore ${rescue} in the image) (left, it would be offered as the line should the database be lost)`,
    },
  ]);
}, 60_000);
