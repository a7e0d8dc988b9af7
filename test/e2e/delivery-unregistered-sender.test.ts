/**
 * A US sender not registered for A2P 10DLC (Twilio 30034): Twilio takes
 * every send, then reports each undelivered. The server says so in its log,
 * once however many come, naming the code and the fix and never a number,
 * and counts them apart in /metrics.
 */
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, readMetrics, startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const MEMBERS = ['+14155550131', '+14155550132', '+14155550133'];

describe('deliveries failed for an unregistered sender', () => {
  let fake: FakeTwilio;
  let h: Harness;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 5, callbackDelayMs: 2 });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '100' } });
    fake.callbackBase = h.url;
    for (const n of MEMBERS) await h.sms(n, 'JOIN');
    for (const n of MEMBERS) fake.failDelivery(n, 30034);
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('logs one line naming 30034 and A2P 10DLC, no number, and counts each message apart', async () => {
    expect((await h.sms(MOD, 'ALERT 415 grey pickup, no plate')).status).toBe(200);
    const final = (n: string) => fake.callbacks.find((c) => c.to === n && c.status === 'undelivered');
    await waitFor(() => MEMBERS.every((n) => final(n)?.answer === 204), 10_000, 'every final report');
    const said = h.logs.map((l) => JSON.parse(l) as { code?: string; msg: string; level: number }).filter((l) => l.code === '30034');
    expect(said).toHaveLength(1);
    expect(said[0]!.msg).toMatch(/not registered for A2P 10DLC/);
    expect(said[0]!.level).toBe(40);
    expect(h.logs.join('\n')).not.toMatch(/555013\d|SM[0-9a-f]{32}/);
    const metrics = await readMetrics(h.url);
    expect(/headsup_outbox_outcomes_total\{channel="sms",outcome="failed",reason="setup"\} (\d+)/.exec(metrics)?.[1]).toBe('3');
  });
});
