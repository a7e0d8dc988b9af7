/**
 * Delivery reports from a fake Twilio that posts signed status callbacks as
 * Twilio does (queued, sent, then delivered or undelivered with ErrorCode).
 * Late failures change what later alerts do (a stop at once; an invalid
 * number only at the third in a row: delivery-invalid-number.test.ts); a
 * report that arrives before the send's answer still counts.
 */
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, readMetrics, startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const OK = '+14155550111';
const LANDLINE = '+14155550112'; // 30006
const UNKNOWN = '+14155550113'; // 30005
const STOPPED = '+14155550114'; // 21610
const FILTERED = '+14155550115'; // 30007

describe('delivery reports', () => {
  let fake: FakeTwilio;
  let h: Harness;

  beforeAll(async () => {
    // Twilio's answer comes only after its callbacks, posted a few ms after the create: they beat the outcome, however loaded the machine.
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 50, callbackDelayMs: 2, answerAfterCallbacks: true });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '100' } });
    fake.callbackBase = h.url;
    for (const n of [OK, LANDLINE, UNKNOWN, STOPPED, FILTERED]) await h.sms(n, 'JOIN');
    fake.failDelivery(LANDLINE, 30006);
    fake.failDelivery(UNKNOWN, 30005);
    fake.failDelivery(STOPPED, 21610);
    fake.failDelivery(FILTERED, 30007, 'failed');
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const alertsTo = (n: string, text: string) => fake.to(n).filter((m) => m.body.includes(text));
  const finalReport = (n: string) => fake.callbacks.find((c) => c.to === n && c.status !== 'queued' && c.status !== 'sent');

  // The two alerts and their reports, sent once by whichever test needs them first (Stryker runs only the tests covering a mutant).
  let story: Promise<void> | null = null;
  const twoAlerts = () => (story ??= sendTwoAlerts());
  async function sendTwoAlerts(): Promise<void> {
    expect((await h.sms(MOD, 'ALERT 415 first warning: green sedan')).status).toBe(200);
    await waitFor(() => [OK, LANDLINE, UNKNOWN, STOPPED, FILTERED].every((n) => finalReport(n)?.answer === 204), 10_000, 'every final report');
    // Each final report was posted while the create that it reports on was still unanswered.
    for (const n of [LANDLINE, UNKNOWN, STOPPED]) {
      const sent = alertsTo(n, 'green sedan')[0]!;
      const report = fake.callbacks.find((c) => c.sid === sent.sid && c.status === 'undelivered')!;
      expect(report.postedBeforeAnswer).toBe(true);
    }
    // Let the sends' own answers land after the reports.
    await waitFor(() => fake.inFlight === 0, 5_000, 'answers');

    expect((await h.sms(MOD, 'ALERT 415 second warning: white van')).status).toBe(200);
    const reached = [OK, FILTERED, LANDLINE, UNKNOWN];
    await waitFor(() => reached.every((n) => alertsTo(n, 'white van').length === 1), 10_000, 'second alert');
    await fake.callbacksSettled();
  }

  it('applies reports that arrive before the send is answered: a later alert skips the stopped member, and still goes to a number reported invalid once', async () => {
    await twoAlerts();
    expect(alertsTo(STOPPED, 'white van')).toHaveLength(0);
    expect(alertsTo(LANDLINE, 'white van')).toHaveLength(1);
    expect(alertsTo(UNKNOWN, 'white van')).toHaveLength(1);
  });

  it('counts carrier-filtered messages apart, for the operator', async () => {
    await twoAlerts();
    const metrics = await readMetrics(h.url);
    const filtered = /headsup_outbox_outcomes_total\{channel="sms",outcome="failed",reason="filtered"\} (\d+)/.exec(metrics);
    expect(Number(filtered?.[1])).toBe(2);
    const invalid = /headsup_outbox_outcomes_total\{channel="sms",outcome="failed",reason="invalid"\} (\d+)/.exec(metrics);
    // Both alerts, to the landline and to the unknown number.
    expect(Number(invalid?.[1])).toBe(4);
  });

  it('answers a report about an unknown message 204 and changes nothing', async () => {
    const res = await h.postForm('/webhooks/twilio/status?o=999999', {
      MessageSid: `SM${'a'.repeat(32)}`,
      MessageStatus: 'undelivered',
      ErrorCode: '30006',
      AccountSid: ACCOUNT_SID,
    });
    expect(res.status).toBe(204);
  });
});
