/**
 * A buddy who opted out at the carrier, reported late: Twilio accepts the
 * escalation (as it does through a Messaging Service) and its status callback
 * says undelivered with 21610. That is the buddy's STOP as surely as a 21610
 * on the send itself: the link shows "stopped" and nothing more is queued
 * for them.
 */
import { catalog } from '../../src/bot/catalog';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor, type Harness } from '../helpers/harness';

const t = catalog('en');
const ROSE = '+14155550100';
const PAT = '+14155550177';

describe('a buddy refused with 21610 in a status callback', () => {
  let fake: FakeTwilio;
  let h: Harness;
  // The server's clock is moved on past a check-in's end (0.05 minutes, 3 s) rather than waited for.
  let ahead = 0;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbackDelayMs: 2 });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { CHECKIN_MIN_MINUTES: '0.05', SEND_RATE: '50' }, now: () => Date.now() + ahead });
    fake.callbackBase = h.url;
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('is recorded as their STOP: the member sees the link stopped', async () => {
    await h.sms(ROSE, 'JOIN');
    await h.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    await waitFor(() => fake.to(PAT).some((m) => m.body === t.buddyInvite('Rose')), 10_000, 'the invitation');
    expect((await h.sms(PAT, 'ACCEPT')).message).toBe(t.buddyAccepted());
    // The buddy texts STOP to the line's number at the carrier: Twilio refuses what follows, after accepting it.
    fake.failDelivery(PAT, 21610);
    await h.sms(ROSE, 'CHECKIN 0.05 blue Honda');
    ahead += 3_000;
    await waitFor(() => fake.callbacks.some((c) => c.to === PAT && c.status === 'undelivered' && c.answer === 204), 15_000, "the escalation's report");
    expect((await h.sms(ROSE, 'BUDDY')).message).toBe(t.buddyList([{ ending: '0177', status: 'stopped' }]));
  }, 40_000);
});
