/**
 * A buddy who opted out at the carrier, reported late: Twilio accepts the
 * escalation (as it does through a Messaging Service) and its status callback
 * says undelivered with 21610. That is the buddy's STOP as surely as a 21610
 * on the send itself: the link shows "stopped" and nothing more is queued
 * for them. It is final: reported minutes later, the member hears that her
 * buddy could not be reached, never that we are still trying.
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

  it('reported more than 3 minutes after the escalation, tells the member her buddy could not be reached, not that we are still trying', async () => {
    const rose = '+14155550101';
    const lily = '+14155550178';
    await h.sms(rose, 'JOIN');
    await h.sms(rose, 'BUDDY 415-555-0178 Rose');
    await waitFor(() => fake.to(lily).some((m) => m.body === t.buddyInvite('Rose')), 10_000, 'the invitation');
    expect((await h.sms(lily, 'ACCEPT')).message).toBe(t.buddyAccepted());
    // Her carrier reports nothing for now: Twilio took the escalation, and it stays "sent".
    fake.withholdFinalStatus(lily);
    await h.sms(rose, 'CHECKIN 0.05 blue Honda');
    ahead += 3_000;
    const escalation = () => fake.to(lily).find((m) => m.body.includes('blue Honda'));
    await waitFor(() => fake.callbacks.some((c) => c.sid === escalation()?.sid && c.status === 'sent' && c.answer === 204), 15_000, 'the escalation taken');
    ahead += 4 * 60_000;
    // Then Twilio posts the final status: the buddy had texted STOP.
    await fake.reportLate(lily, 'undelivered', 21610);
    const told = (text: string) => fake.to(rose).some((m) => m.body === text);
    await waitFor(() => told(t.checkinBuddiesUnreached(1, false)) || told(t.checkinBuddiesUnreached(1, true)), 10_000, 'the member told');
    expect(fake.to(rose).map((m) => m.body).filter((b) => b.startsWith("Heads Up: we couldn't reach"))).toEqual([t.checkinBuddiesUnreached(1, false)]);
  }, 40_000);
});
