/**
 * A buddy who is herself a member and chose DISCREET reads a missed
 * check-in, and the late OK that ends it, on her lock screen: before, her
 * invitation and BUDDY OFF came as "HU: …" but the escalation ("Heads Up:
 * Rose hasn't checked in… They shared: blue Honda") and the all-clear
 * ("Heads Up: Rose has checked in and is OK.") named the line. Now they
 * name neither it nor a check-in, and keep what she needs to act.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { BUDDY_UUID, sendPass, timers } from '../helpers/checkin-escalation';

const ROSE = '+14155550101';
const LILY = '+14155550177';
const MIN = 60_000;
const RULES = { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms' as const, 'signal' as const] };
const NAMED = /Heads Up|check-?in/i;

/** Lily, a discreet member by SMS, is Rose's buddy (asked `how`); Rose's check-in ("blue Honda") has run out. */
async function missedWithDiscreetLily(how: 'BUDDY' | 'BUDDY SIGNAL'): Promise<BotWorld> {
  const w = await botWorld({ checkins: RULES });
  w.sms(LILY, 'JOIN 415');
  expect(w.sms(LILY, 'DISCREET').reply).toBe(catalog('en').discreetOn('sms'));
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, `${how} ${LILY} Rose`);
  if (how === 'BUDDY') w.sms(LILY, 'ACCEPT');
  else w.bot.handle({ sender: { channel: 'signal', address: BUDDY_UUID, phone: LILY }, text: 'ACCEPT', providerId: 'sig:accept' }, 'outbox');
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  w.clock.now += 31 * MIN;
  expect(timers(w).escalated).toBe(1);
  return w;
}

const toLily = (calls: Array<{ to: string; body: string }>) => calls.filter((c) => c.to === LILY && !c.body.includes('ACCEPT')).map((c) => c.body);

describe('a discreet buddy', () => {
  it('gets the escalation and the all-clear without the line or the check-in named', async () => {
    const w = await missedWithDiscreetLily('BUDDY');
    const [escalation, ...more] = toLily((await sendPass(w, 'sms')).calls);
    expect(more).toEqual([]);
    expect(escalation).not.toMatch(NAMED);
    expect(escalation).toMatch(/^HU: Rose hasn't answered us in time\. They expected to be done by \d\d:\d\d\. Their message: blue Honda\. Please try to reach them\.$/);

    expect(w.sms(ROSE, 'OK').reply).toBe(catalog('en').checkinOkLate());
    expect(toLily((await sendPass(w, 'sms')).calls)).toEqual(['HU: Rose has answered us and is OK.']);
  });

  it('linked on Signal, refused there, gets the same discreet words by SMS', async () => {
    const w = await missedWithDiscreetLily('BUDDY SIGNAL');
    const overSignal = toLily((await sendPass(w, 'signal', { [LILY]: new SendError('invalid', 'unregistered') })).calls);
    expect(overSignal).toHaveLength(1);
    expect(overSignal[0]).not.toMatch(NAMED);
    expect(toLily((await sendPass(w, 'sms')).calls)).toEqual(overSignal);

    w.sms(ROSE, 'OK');
    expect(toLily((await sendPass(w, 'sms')).calls)).toEqual(['HU: Rose has answered us and is OK.']);
  });

  it('once she turned DISCREET off, is told plainly', async () => {
    const w = await missedWithDiscreetLily('BUDDY');
    await sendPass(w, 'sms');
    w.sms(LILY, 'DISCREET OFF');
    w.sms(ROSE, 'OK');
    expect(toLily((await sendPass(w, 'sms')).calls)).toEqual(['Heads Up: Rose has checked in and is OK.']);
  });
});
