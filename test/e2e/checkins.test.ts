/**
 * Check-ins end to end (issue 13), with the real timer job, over the fakes:
 * a check-in of three seconds (CHECKIN_MIN_MINUTES is set to 0.05, which only
 * NODE_ENV=test permits), run out by moving the server's clock on three
 * seconds rather than waiting them out, and the timer job looking every
 * 100 ms (the harness's). SMS and Signal,
 * members and buddies, and a Signal member whose number is hidden naming an
 * SMS buddy.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { readMetrics, SIGNAL_NUMBER, waitFor, type Harness } from '../helpers/harness';
import { numberForms } from '../helpers/needles';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const t = catalog('en');
const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const SIG_BUDDY = '+14155550178';
const SMS_BUDDY_OF_HIDDEN = '+12125550142';
const HIDDEN = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-00000000c0de', number: null };

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Five of the timer job's looks (every 100 ms in the harness). */
const FIVE_TICKS = 500;

describe('check-ins end to end, with the real timer', () => {
  let world: SignalWorld;
  let h: Harness;
  let twilio: FakeTwilio;
  let signal: FakeSignal;
  let ahead = 0;
  /** A check-in of 0.05 minutes started now has run out (the next tick sees it). */
  const runOut = () => void (ahead += 3_000);

  beforeAll(async () => {
    world = await startSignalWorld({ sms: true, env: { CHECKIN_MIN_MINUTES: '0.05', SEND_RATE: '50' }, now: () => Date.now() + ahead });
    ({ h, twilio, signal } = world);
  });
  afterAll(() => world.close());

  const smsTo = (n: string, marker: string) => twilio.to(n).filter((m) => m.body.includes(marker));
  const signalTo = (u: string, marker: string) => signal.to(u).filter((m) => m.message.includes(marker));

  it('invites a buddy by SMS, who accepts; a check-in that runs out tells them once, with the details; the member is told', async () => {
    await h.sms(ROSE, 'JOIN');
    expect((await h.sms(ROSE, 'BUDDY 415-555-0177 Rose')).message).toBe(t.buddyAsked('0177'));
    await waitFor(() => smsTo(BUDDY, 'asked you to be their safety buddy').length === 1, 10_000, 'the invitation');
    const invite = smsTo(BUDDY, 'safety buddy')[0]?.body ?? '';
    expect(invite).toBe(t.buddyInvite('Rose'));
    expect((await h.sms(BUDDY, 'ACCEPT')).message).toBe(t.buddyAccepted());
    await waitFor(() => smsTo(ROSE, 'accepted').length === 1, 10_000, "the member's notice");

    const reply = (await h.sms(ROSE, 'CHECKIN 0.05 blue Honda 415-555-0123')).message ?? '';
    expect(reply).toContain('Heads Up: check-in until');
    expect(reply).toContain('your buddies');
    runOut();
    await waitFor(() => smsTo(BUDDY, 'blue Honda').length === 1, 15_000, 'the escalation');
    const escalation = smsTo(BUDDY, 'blue Honda')[0]?.body ?? '';
    expect(escalation).toContain("Rose hasn't checked in");
    expect(escalation).toContain('They shared: blue Honda 415-555-0123');
    for (const form of numberForms(ROSE)) expect(escalation).not.toContain(form);
    await waitFor(() => smsTo(ROSE, t.checkinMemberTold('buddies')).length === 1, 10_000, 'the member told');
    // Several more timer ticks: still once.
    await settle(FIVE_TICKS);
    expect(smsTo(BUDDY, 'blue Honda')).toHaveLength(1);

    // A late OK tells the buddy.
    expect((await h.sms(ROSE, 'OK')).message).toBe(t.checkinOkLate());
    await waitFor(() => smsTo(BUDDY, t.checkinOkBuddy('Rose')).length === 1, 10_000, 'the buddy told of the late OK');
  }, 60_000);

  it('a check-in ended by OK in time tells no buddy', async () => {
    await h.sms(ROSE, 'CHECKIN 0.05 green jeep');
    expect((await h.sms(ROSE, 'OK')).message).toBe(t.checkinOk());
    // Past the deadline, with the timer job running meanwhile.
    runOut();
    await settle(FIVE_TICKS);
    expect(smsTo(BUDDY, 'green jeep')).toEqual([]);
  }, 30_000);

  it('a Signal buddy is reached over Signal, by number', async () => {
    await h.sms(ROSE, 'BUDDY SIGNAL 415-555-0178 Rose');
    await waitFor(() => signalTo(SIG_BUDDY, 'safety buddy').length === 1, 10_000, 'the Signal invitation');
    signal.push(textEnvelope(SIGNAL_NUMBER, { uuid: '1b2c3d4e-5f60-4a7b-8c9d-0000000000b2', number: SIG_BUDDY }, 'ACCEPT'));
    await waitFor(() => signal.to('1b2c3d4e-5f60-4a7b-8c9d-0000000000b2').some((m) => m.message === t.buddyAccepted()), 10_000, 'the acceptance');
    await h.sms(ROSE, 'CHECKIN 0.05 white van');
    runOut();
    await waitFor(() => signalTo(SIG_BUDDY, 'white van').length === 1 && smsTo(BUDDY, 'white van').length === 1, 15_000, 'both buddies told');
  }, 40_000);

  it('a Signal member with a hidden number names an SMS buddy, and is told over Signal', async () => {
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'BUDDY 212-555-0142 Lou'));
    await waitFor(() => signal.to(HIDDEN.uuid).some((m) => m.message === t.buddyAsked('0142')), 10_000, 'the BUDDY reply');
    await waitFor(() => smsTo(SMS_BUDDY_OF_HIDDEN, 'Lou asked you').length === 1, 10_000, 'the SMS invitation');
    expect((await h.sms(SMS_BUDDY_OF_HIDDEN, 'ACCEPT')).message).toBe(t.buddyAccepted());
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'SAFE 0.05 motel 6 room 12'));
    await waitFor(() => signal.to(HIDDEN.uuid).some((m) => m.message.startsWith('Heads Up: check-in until')), 10_000, 'the CHECKIN reply');
    runOut();
    await waitFor(() => smsTo(SMS_BUDDY_OF_HIDDEN, 'motel 6 room 12').length === 1, 15_000, 'the SMS escalation');
    await waitFor(() => signal.to(HIDDEN.uuid).some((m) => m.message === t.checkinMemberTold('buddies')), 10_000, 'the member told over Signal');
  }, 40_000);

  it('logs neither the details, nor the names, nor any number', () => {
    const logs = h.logs.join('\n');
    for (const needle of ['blue Honda', 'green jeep', 'white van', 'motel 6', 'Rose', 'Lou', HIDDEN.uuid]) expect(logs).not.toContain(needle);
    for (const n of [ROSE, BUDDY, SIG_BUDDY, SMS_BUDDY_OF_HIDDEN, '+14155550123']) for (const form of numberForms(n)) expect(logs).not.toContain(form);
    // The timer job did log (counts only): the check is not vacuous.
    expect(logs).toContain('check-in timers fired');
  });

  it('counts the escalations in /metrics', async () => {
    const text = await readMetrics(h.url);
    expect(Number(/^headsup_checkin_timers_total\{event="escalated"\} (\d+)/m.exec(text)?.[1])).toBe(3);
  });
});
