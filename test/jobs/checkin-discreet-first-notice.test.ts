/**
 * The notice a discreet member gets unasked when her check-in runs out
 * ("we're messaging your buddies…") names neither the line nor its
 * subject on her lock screen, as her other unasked notices don't.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';
import { timers } from '../helpers/checkin-escalation';

const ROSE = '+14155550100';
const LILY = '+14155550177';
const MIN = 60_000;

it('tells a discreet member that her message is being passed to her contact, naming neither the line nor the check-in', async () => {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, `BUDDY ${LILY} Rose`);
  w.sms(LILY, 'ACCEPT');
  w.sms(ROSE, 'DISCREET');
  w.sms(ROSE, 'CHECKIN 30 blue Honda');
  const before = w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).length;
  w.clock.now += 30 * MIN;
  expect(timers(w).escalated).toBe(1);
  const notice = w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text).slice(before);
  expect(notice).toHaveLength(1);
  expect(notice[0]).not.toMatch(/Heads Up|check in|buddies/i);
  expect(notice).toEqual([catalog('en').discreetMemberTold('buddies')]);
});
