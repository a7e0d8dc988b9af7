/**
 * Buddies asked on one channel, a check-in started on the other by the same
 * person (one number on SMS and Signal: one phone). CHECKIN by SMS was
 * refused "you need a buddy" though her buddy had accepted over Signal; the
 * escalation and the OK after it must reach that buddy, once.
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

async function world(): Promise<{ w: BotWorld; signal: (text: string) => string | null; timers: () => number }> {
  const w = await botWorld({ checkins: RULES });
  let sid = 0;
  const signal = (text: string) => w.bot.handle({ sender: roseSignal, text, providerId: `sig-${++sid}` }).reply;
  w.sms(ROSE, 'JOIN 415');
  signal('JOIN 415');
  const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;
  return { w, signal, timers };
}

const toBuddy = (w: BotWorld): string[] => w.direct(BUDDY);

describe('buddies of either membership of one person', () => {
  it('CHECKIN by SMS counts the buddy she asked over Signal: the escalation and the OK reach them', async () => {
    const { w, signal, timers } = await world();
    signal('BUDDY 415-555-0177 Rose');
    expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
    const start = w.clock.now;
    expect(w.sms(ROSE, 'CHECKIN 30 blue Honda').reply).toContain('check-in until');
    w.clock.now = start + 31 * MIN;
    expect(timers()).toBe(1);
    expect(toBuddy(w).filter((m) => m.includes('blue Honda'))).toHaveLength(1);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(toBuddy(w).filter((m) => m === t.checkinOkBuddy('Rose'))).toHaveLength(1);
  });

  it('a buddy asked on both memberships is told once', async () => {
    const { w, signal, timers } = await world();
    signal('BUDDY 415-555-0177 Rose');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    expect(signal('CHECKIN 30 red Kia')).toContain('check-in until');
    w.clock.now = start + 31 * MIN;
    expect(timers()).toBe(1);
    expect(toBuddy(w).filter((m) => m.includes('red Kia'))).toHaveLength(1);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    expect(toBuddy(w).filter((m) => m === t.checkinOkBuddy('Rose'))).toHaveLength(1);
  });

  it('BUDDY from her SMS lists the buddy she asked over Signal, once; BUDDY OFF there removes them from both', async () => {
    const { w, signal, timers } = await world();
    signal('BUDDY 415-555-0177 Rose');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyList([{ ending: '0177', status: 'accepted' }]));
    expect(w.sms(ROSE, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAlreadyAsked('0177'));
    expect(w.sms(ROSE, 'BUDDY OFF').reply).toBe(t.buddiesRemoved(1));
    expect(toBuddy(w).filter((m) => m === t.buddyDropped('Rose'))).toHaveLength(1);
    expect(signal('BUDDY')).toBe(t.buddyNone());
    // No buddy left on either membership: a check-in is refused, and none escalates to the old buddy.
    expect(signal('CHECKIN 30 red Kia')).toBe(t.checkinNeedsBuddy());
    w.clock.now += 31 * MIN;
    expect(timers()).toBe(0);
  });
});
