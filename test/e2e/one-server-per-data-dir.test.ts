/**
 * One server per DATA_DIR: a second one started beside a running server (on
 * another PORT, a `docker compose run`) refuses to start and takes nothing
 * back; admin commands still work beside it, and a server killed outright
 * does not keep the next one from starting.
 */
import path from 'node:path';
import { ServerRunningError } from '../../src/store/server-lock';
import { runAdminCli } from '../helpers/admin-cli';
import { freePort, startChild, startToFail } from '../helpers/child-server';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, TEST_MASTER_KEY, tempDir, waitFor } from '../helpers/harness';

const MOD = '+14155550199';
const MEMBERS = ['+14155550101', '+14155550102'];

describe('a second server on the same DATA_DIR', () => {
  it('refuses to start while the first sends, and no member gets the alert twice', async () => {
    // Twilio holds each send 2 s: the alert's copies are claimed, in flight, when the second server starts.
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 2_000 });
    await fake.start();
    const h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD } });
    try {
      for (const n of MEMBERS) expect((await h.sms(n, 'JOIN 415')).message).toContain('415');
      expect((await h.sms(MOD, 'ALERT 415 grey van, knife')).message).toMatch(/going to/);
      await waitFor(() => MEMBERS.every((n) => fake.to(n).length === 1), 10_000, 'both copies in flight');
      const second = await startHarness({ dataDir: h.dataDir, twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD } }).catch((err: Error) => err);
      if (!(second instanceof Error)) await second.close();
      expect(second).toBeInstanceOf(ServerRunningError);
      expect((second as Error).message).toBe(`another Heads Up server runs on DATA_DIR ${h.dataDir}: stop it first (nothing was changed)`);
      await waitFor(() => fake.inFlight === 0, 10_000, 'the sends answered');
      expect(MEMBERS.map((n) => fake.to(n).length)).toEqual([1, 1]);
    } finally {
      await h.close();
      await fake.stop();
    }
  });

  it('is not refused after a start in this process that failed past the lock (under another key)', async () => {
    const first = await startHarness();
    await first.close();
    const otherKey = Buffer.alloc(32, 9).toString('base64');
    await expect(startHarness({ dataDir: first.dataDir, env: { HEADSUP_MASTER_KEY: otherKey } })).rejects.toThrow(/HEADSUP_MASTER_KEY/);
    const again = await startHarness({ dataDir: first.dataDir });
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    await again.close();
  });

  it('exits 1 with one line naming DATA_DIR; admin commands work beside the first, restore is refused, and a start after a kill works', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, MODERATORS: MOD };
    const first = await startChild({ ...env, LOG_LEVEL: 'warn' });
    try {
      const refused = await startToFail({ ...env, PORT: String(await freePort()) });
      expect({ code: refused.code, stderr: refused.stderr }).toEqual({
        code: 1,
        stderr: `heads-up: start-up failed: another Heads Up server runs on DATA_DIR ${dataDir}: stop it first (nothing was changed)\n`,
      });
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      const pending = await runAdminCli(['PENDING'], env);
      expect(pending.code).toBe(0);
      const backup = path.join(tempDir(), 'line.db');
      expect((await runAdminCli(['backup', backup], env)).code).toBe(0);
      const restore = await runAdminCli(['restore', backup], env);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain('in use by another Heads Up process');
    } finally {
      first.proc.kill('SIGKILL');
      await first.exited;
    }
    const after = await startChild({ ...env, LOG_LEVEL: 'warn' });
    after.proc.kill('SIGTERM');
    expect(await after.exited).toBe(0);
  }, 60_000);
});
