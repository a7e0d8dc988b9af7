/**
 * The line's Twilio account past its daily message limit (63038), told in
 * the status callback: Twilio took every send of a fan-out, then reports
 * each failed. No alert is lost: each waits to be sent again later (the
 * message was not sent, so a second copy cannot come of it), the member
 * kept; the server says so in its log, once however many come, naming the
 * code and the limit, never a number, and counts them as retries.
 */
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, readMetrics, startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const MEMBERS = ['+14155550141', '+14155550142', '+14155550143'];

describe("deliveries failed on the account's daily limit", () => {
  let fake: FakeTwilio;
  let h: Harness;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 5, callbackDelayMs: 2 });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '100' } });
    fake.callbackBase = h.url;
    for (const n of MEMBERS) await h.sms(n, 'JOIN');
    for (const n of MEMBERS) fake.failDelivery(n, 63038, 'failed');
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('keeps every alert to send again later, keeps the members, and logs one line naming 63038 and the daily limit', async () => {
    expect((await h.sms(MOD, 'ALERT 415 grey pickup, no plate')).status).toBe(200);
    const final = (n: string) => fake.callbacks.find((c) => c.to === n && c.status === 'failed');
    await waitFor(() => MEMBERS.every((n) => final(n)?.answer === 204), 10_000, 'every final report');
    const alertRows = h.server.db.sqlite
      .prepare("SELECT state, error FROM outbox WHERE alert_id IS NOT NULL AND channel = 'sms' ORDER BY id")
      .all() as Array<{ state: string; error: string }>;
    expect(alertRows).toEqual(MEMBERS.map(() => ({ state: 'pending', error: 'limited:failed:63038' })));
    const statuses = h.server.db.sqlite.prepare("SELECT DISTINCT status FROM members WHERE channel = 'sms'").all() as Array<{ status: string }>;
    expect(statuses).toEqual([{ status: 'active' }]);
    const said = h.logs.map((l) => JSON.parse(l) as { code?: string; msg: string; level: number }).filter((l) => l.code === '63038');
    expect(said).toHaveLength(1);
    expect(said[0]!.msg).toMatch(/^Twilio reports messages not sent \(63038\): the Twilio account has reached its daily message limit/);
    expect(said[0]!.level).toBe(40);
    expect(h.logs.join('\n')).not.toMatch(/555014\d|SM[0-9a-f]{32}/);
    const metrics = await readMetrics(h.url);
    expect(/headsup_outbox_outcomes_total\{channel="sms",outcome="retry",reason="retry"\} (\d+)/.exec(metrics)?.[1]).toBe('3');
    expect(metrics).not.toMatch(/headsup_outbox_outcomes_total\{channel="sms",outcome="failed"/);
  });
});
