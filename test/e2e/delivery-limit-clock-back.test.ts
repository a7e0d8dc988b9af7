/**
 * The warning that Twilio reports messages not sent for the line's own
 * account (63038: its daily limit) is logged at most once an hour. The
 * wall clock stepped back an hour (NTP) must not silence it for that hour.
 */
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const MEMBER = '+14155550141';
const HOUR = 3_600_000;

describe("the account's daily limit, warned of again after the clock steps back", () => {
  let fake: FakeTwilio;
  let h: Harness;
  let ahead = HOUR; // the clock an hour fast
  const now = () => Date.now() + ahead;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 5, callbackDelayMs: 2 });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD }, now });
    fake.callbackBase = h.url;
    await h.sms(MEMBER, 'JOIN');
    fake.failDelivery(MEMBER, 63038, 'failed');
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const warned = () => h.logs.map((l) => JSON.parse(l) as { code?: string; msg: string }).filter((l) => l.code === '63038');
  const failedReports = () => fake.callbacks.filter((c) => c.to === MEMBER && c.status === 'failed' && c.answer === 204).length;

  it('warns again for a report after the step', async () => {
    expect((await h.sms(MOD, 'ALERT 415 grey pickup, no plate')).status).toBe(200);
    await waitFor(() => failedReports() === 1, 10_000, 'the first final report');
    expect(warned()).toHaveLength(1);
    ahead = 0; // NTP sets the clock right
    expect((await h.sms(MOD, 'ALERT 415 white van, dented door')).status).toBe(200);
    await waitFor(() => failedReports() === 2, 10_000, 'the second final report');
    expect(warned()).toHaveLength(2);
  });
});
