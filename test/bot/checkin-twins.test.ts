/**
 * A check-in started on one channel, as seen from the other membership of
 * the same person (the same number on SMS and Signal: one person, one
 * phone). Her OK by SMS got "you have no check-in running", and at the
 * deadline her buddies were told she was missing; after an escalation they
 * never heard she was safe.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const ROSE_UUID = '2c3d4e5f-6a7b-4c8d-9e0f-000000000100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');
const roseSignal: Sender = { channel: 'signal', address: ROSE_UUID, phone: ROSE };

async function twins(): Promise<{ w: BotWorld; signal: (text: string) => string | null; timers: () => number }> {
  const w = await botWorld({ checkins: RULES });
  let sid = 0;
  const signal = (text: string) => w.bot.handle({ sender: roseSignal, text, providerId: `sig-${++sid}` }).reply;
  w.sms(ROSE, 'JOIN 415');
  signal('JOIN 415');
  signal('BUDDY 415-555-0177 Rose');
  expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
  const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;
  return { w, signal, timers };
}

/** What was queued straight to the buddy (buddies are not members), opened. */
const toBuddy = (w: BotWorld): string[] => w.direct(BUDDY);

describe('a check-in and the same person on the other channel', () => {
  it('OK from her SMS membership ends the check-in she started over Signal: her buddy is not told she is missing', async () => {
    const { w, signal, timers } = await twins();
    const start = w.clock.now;
    expect(signal('CHECKIN 30 blue Honda')).toContain('check-in until');
    w.clock.now = start + 20 * MIN;
    // Signal is not getting through on her phone; she texts OK from the same phone by SMS.
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    w.clock.now = start + 30 * MIN;
    expect(timers()).toBe(0);
  });

  it('after the escalation, OK from her SMS membership tells her buddy she is safe', async () => {
    const { w, signal, timers } = await twins();
    const start = w.clock.now;
    signal('CHECKIN 30 blue Honda');
    w.clock.now = start + 31 * MIN;
    expect(timers()).toBe(1);
    expect(toBuddy(w).some((m) => m.includes('blue Honda'))).toBe(true);
    // The escalation has gone out.
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(toBuddy(w)).toContain(t.checkinOkBuddy('Rose'));
  });
});
