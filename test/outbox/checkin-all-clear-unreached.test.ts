/**
 * A late OK is answered "We've told them you checked in" once the all-clear
 * to her buddy is queued. Found in last session's notes: an all-clear then
 * refused on every channel left that untrue, and she was never told; and
 * an all-clear waiting by SMS for a buddy linked over Signal too went back
 * to Signal only when the SMS lane reached it, not at that number's STOP.
 * As when her escalation reaches none of her buddies, she is now told, once,
 * that we could not pass on her word and to let them know herself; and a
 * STOP by SMS moves the all-clears waiting there to Signal at once.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import { missedCheckin, ROSE, sendPass, timers } from '../helpers/checkin-escalation';
import type { BotWorld } from '../helpers/bot-world';

const LILY = '+14155550177';
const MIN = 60_000;
const ALL_CLEAR = 'Heads Up: Rose has checked in and is OK.';
const t = catalog('en');
const down = () => ({ [LILY]: new SendError('connection', 'ECONNREFUSED') });
const toRose = (w: BotWorld) => w.queued({ channel: 'sms', address: ROSE }).map((m) => m.text);

/** The all-clears a pass of the `channel` lane sent Lily. */
async function allClears(w: BotWorld, channel: 'sms' | 'signal', refusals: Record<string, SendError> = {}): Promise<string[]> {
  return (await sendPass(w, channel, refusals)).calls.filter((c) => c.to === LILY && c.body.includes('checked in')).map((c) => c.body);
}

/** Rose's check-in ran out with Lily her buddy by SMS; the alarm reached her; Rose's OK queued the all-clear. */
async function okAfterSmsAlarm(): Promise<BotWorld> {
  const w = await missedCheckin('sms', [LILY]);
  expect((await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda'))).toHaveLength(1);
  expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
  return w;
}

describe('an all-clear that reaches the buddy on no channel', () => {
  it('is told to her once: she is to let them know herself', async () => {
    const w = await okAfterSmsAlarm();
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    timers(w);
    timers(w);
    expect(toRose(w).filter((m) => m === t.checkinOkUnreached(1))).toHaveLength(1);
  });

  it('tells her nothing when it went through', async () => {
    const w = await okAfterSmsAlarm();
    expect(await allClears(w, 'sms')).toEqual([ALL_CLEAR]);
    timers(w);
    expect(toRose(w).filter((m) => m === t.checkinOkUnreached(1))).toEqual([]);
  });

  it('is told in discreet words to one who chose DISCREET', async () => {
    const w = await okAfterSmsAlarm();
    w.sms(ROSE, 'DISCREET');
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    timers(w);
    expect(toRose(w).filter((m) => m === t.discreetOkUnreached(1))).toHaveLength(1);
  });
});

describe('an all-clear waiting by SMS when the number texts STOP there, her link over Signal standing', () => {
  it('goes over Signal at once, before the SMS lane reaches it, and she is told nothing more', async () => {
    const w = await missedCheckin('signal', [LILY]);
    for (let i = 0; i < 5; i++) {
      await sendPass(w, 'signal', down());
      w.clock.now += MIN;
    }
    expect((await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY && c.body.includes('blue Honda'))).toHaveLength(1);
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    w.sms(LILY, 'STOP');
    expect(await allClears(w, 'signal')).toEqual([ALL_CLEAR]);
    expect(await allClears(w, 'sms')).toEqual([]);
    timers(w);
    expect(toRose(w).filter((m) => m === t.checkinOkUnreached(1))).toEqual([]);
  });
});
