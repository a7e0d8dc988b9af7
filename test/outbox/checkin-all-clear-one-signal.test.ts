/**
 * A buddy linked on Signal alarmed twice: Rose's first check-in ran out and
 * its escalation reached Lily over Signal; her second ran out too, and its
 * Signal copy failing (signal-cli down), that alarm went by SMS. Her late OK
 * ends both, and the all-clear follows the alarms, over Signal and by SMS.
 * Checked on last session's note of a possible duplicate: when the SMS
 * all-clear met Lily's carrier opt-out (21610), it went back to Signal,
 * where the same OK had already queued one: Lily got it there twice. It now
 * goes back only when none waits or went there for that OK (and an all-clear
 * moved to SMS likewise only when none went by SMS).
 */
import { SendError } from '../../src/channels/types';
import { finalStatus, missedCheckin, ROSE, sendPass, timers } from '../helpers/checkin-escalation';
import type { BotWorld } from '../helpers/bot-world';

const LILY = '+14155550177';
const MIN = 60_000;
const ALL_CLEAR = 'Heads Up: Rose has checked in and is OK.';
const TOLD = "Heads Up: glad you're safe. We've told them you checked in.";
const down = () => ({ [LILY]: new SendError('connection', 'ECONNREFUSED') });
const optOut = () => ({ [LILY]: new SendError('stopped', '21610') });

/** Rose's first alarm reached Lily over Signal, her second by SMS (signal-cli down meanwhile). */
async function alarmedTwice(): Promise<BotWorld> {
  const w = await missedCheckin('signal', [LILY]);
  expect((await sendPass(w, 'signal')).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda'))).toHaveLength(1);
  w.sms(ROSE, 'CHECKIN 30 red van');
  w.clock.now += 31 * MIN;
  expect(timers(w).escalated).toBe(1);
  for (let i = 0; i < 5; i++) {
    await sendPass(w, 'signal', down());
    w.clock.now += MIN;
  }
  expect((await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY && c.body.includes('red van'))).toHaveLength(1);
  expect(w.sms(ROSE, 'OK').reply).toBe(TOLD);
  return w;
}

/** The all-clears a pass of the `channel` lane sent Lily. */
async function allClears(w: BotWorld, channel: 'sms' | 'signal', refusals: Record<string, SendError> = {}): Promise<string[]> {
  return (await sendPass(w, channel, refusals)).calls.filter((c) => c.to === LILY && c.body.includes('checked in')).map((c) => c.body);
}

describe('an all-clear after alarms over Signal and by SMS', () => {
  it('reaches Lily over Signal once when its SMS copy meets her carrier opt-out', async () => {
    const w = await alarmedTwice();
    expect(await allClears(w, 'sms', optOut())).toEqual([ALL_CLEAR]);
    expect(await allClears(w, 'signal')).toEqual([ALL_CLEAR]);
    expect(await allClears(w, 'signal')).toEqual([]);
  });

  it('reaches Lily over Signal once when Twilio reports the opt-out after taking it', async () => {
    const w = await alarmedTwice();
    expect(await allClears(w, 'signal')).toEqual([ALL_CLEAR]);
    const sms = await sendPass(w, 'sms');
    finalStatus(w, sms, LILY, 'undelivered', '21610', 'checked in');
    expect(await allClears(w, 'signal')).toEqual([]);
  });

  it('reaches Lily by SMS once when Signal refuses its Signal copy for good', async () => {
    const w = await alarmedTwice();
    expect(await allClears(w, 'signal', { [LILY]: new SendError('invalid', 'UnregisteredUser') })).toEqual([ALL_CLEAR]);
    expect(await allClears(w, 'sms')).toEqual([ALL_CLEAR]);
    expect(await allClears(w, 'sms')).toEqual([]);
  });
});
