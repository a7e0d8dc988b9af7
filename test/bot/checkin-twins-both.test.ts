/**
 * OK, LATER and CHECKIN across a person's two memberships work on the
 * check-ins of both: with an old escalated check-in (never acknowledged) on
 * her SMS membership and a new one running over Signal, an OK or LATER by
 * SMS went to the old one only, and at the new deadline her buddy was told
 * she was missing; a CHECKIN by SMS left the Signal one running.
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
const DAY = 24 * 60 * MIN;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const t = catalog('en');
const roseSignal: Sender = { channel: 'signal', address: ROSE_UUID, phone: ROSE };

async function twinsWithOldEscalation(withOld = true): Promise<{ w: BotWorld; signal: (text: string) => string | null; timers: () => number; start: number }> {
  const w = await botWorld({ checkins: RULES });
  let sid = 0;
  const signal = (text: string) => w.bot.handle({ sender: roseSignal, text, providerId: `sig-${++sid}` }).reply;
  const timers = () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;
  w.sms(ROSE, 'JOIN 415');
  signal('JOIN 415');
  // The same buddy on both memberships.
  w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
  expect(w.sms(BUDDY, 'ACCEPT').reply).toBe(t.buddyAccepted());
  signal('BUDDY 415-555-0177 Rose');
  w.sms(BUDDY, 'ACCEPT');
  // Three days ago, a check-in by SMS that escalated and that she never acknowledged.
  if (withOld) {
    const old = w.clock.now;
    expect(w.sms(ROSE, 'CHECKIN 30').reply).toContain('check-in until');
    w.clock.now = old + 31 * MIN;
    expect(timers()).toBe(1);
    w.db.sqlite.prepare("UPDATE outbox SET state = 'sent' WHERE member_id IS NULL").run();
    w.clock.now = old + 3 * DAY;
  }
  // Today, a check-in over Signal.
  const start = w.clock.now;
  expect(signal('CHECKIN 60 blue Honda')).toContain('check-in until');
  return { w, signal, timers, start };
}

describe('OK and LATER by SMS while her Signal membership runs a check-in and her SMS one holds an old escalated one', () => {
  it('OK by SMS ends the running check-in: her buddy is not told she is missing', async () => {
    const { w, timers, start } = await twinsWithOldEscalation();
    w.clock.now = start + 20 * MIN;
    w.sms(ROSE, 'OK');
    w.clock.now = start + 61 * MIN;
    expect(timers()).toBe(0);
  });

  it('LATER 60 by SMS moves the running check-in', async () => {
    const { w, timers, start } = await twinsWithOldEscalation();
    w.clock.now = start + 20 * MIN;
    expect(w.sms(ROSE, 'LATER 60').reply).toContain('check-in extended');
    w.clock.now = start + 61 * MIN;
    expect(timers()).toBe(0);
  });

  it('CHECKIN by SMS while her Signal check-in runs replaces it: OK by SMS then leaves none running', async () => {
    const { w, timers, start } = await twinsWithOldEscalation(false);
    w.clock.now = start + 5 * MIN;
    // She moves her plan by SMS (Signal not getting through): "replaced" is what one person, one phone means.
    expect(w.sms(ROSE, 'CHECKIN 90').reply).toContain('check-in until');
    w.clock.now = start + 20 * MIN;
    w.sms(ROSE, 'OK');
    w.clock.now = start + 61 * MIN;
    expect(timers()).toBe(0);
  });
});
