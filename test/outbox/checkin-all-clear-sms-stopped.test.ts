/**
 * A buddy linked on Signal whose alarm went by SMS (signal-cli down), and
 * whose number then stopped SMS (its STOP there, or a carrier opt-out):
 * found by a hostile review, the all-clear went by SMS only, where the stop
 * refused it, while the member read "We've told them you checked in". It
 * now goes over Signal, where her link stands: queued there after the stop,
 * or back there when an SMS all-clear meets it.
 */
import { SendError } from '../../src/channels/types';
import { finalStatus, missedCheckin, ROSE, sendPass } from '../helpers/checkin-escalation';
import type { BotWorld } from '../helpers/bot-world';

const LILY = '+14155550177';
const MIN = 60_000;
const ALL_CLEAR = 'Heads Up: Rose has checked in and is OK.';
const TOLD = "Heads Up: glad you're safe. We've told them you checked in.";
const down = () => ({ [LILY]: new SendError('connection', 'ECONNREFUSED') });

/** Rose's check-in ran out with Lily accepted over Signal; signal-cli down, Lily got the alarm by SMS. */
async function alarmedBySms(): Promise<BotWorld> {
  const w = await missedCheckin('signal', [LILY]);
  for (let i = 0; i < 5; i++) {
    await sendPass(w, 'signal', down());
    w.clock.now += MIN;
  }
  const sms = await sendPass(w, 'sms');
  expect(sms.calls.filter((c) => c.to === LILY && c.body.includes('blue Honda'))).toHaveLength(1);
  return w;
}

/** The all-clears a pass of the `channel` lane sent Lily. */
async function allClears(w: BotWorld, channel: 'sms' | 'signal', refusals: Record<string, SendError> = {}): Promise<string[]> {
  return (await sendPass(w, channel, refusals)).calls.filter((c) => c.to === LILY && c.body.includes('checked in')).map((c) => c.body);
}

describe('an all-clear to a number that stopped SMS, her link over Signal standing', () => {
  it('is queued over Signal when she stopped SMS before the OK', async () => {
    const w = await alarmedBySms();
    w.sms(LILY, 'STOP');
    expect(w.sms(ROSE, 'OK').reply).toBe(TOLD);
    expect(await allClears(w, 'sms')).toEqual([]);
    expect(await allClears(w, 'signal')).toEqual([ALL_CLEAR]);
  });

  it('goes back to Signal when she stops SMS while it waits there', async () => {
    const w = await alarmedBySms();
    expect(w.sms(ROSE, 'OK').reply).toBe(TOLD);
    w.sms(LILY, 'STOP');
    expect(await allClears(w, 'sms')).toEqual([]);
    expect(await allClears(w, 'signal')).toEqual([ALL_CLEAR]);
  });

  it('goes back to Signal when Twilio refuses it for her carrier opt-out', async () => {
    const w = await alarmedBySms();
    w.sms(ROSE, 'OK');
    expect(await allClears(w, 'sms', { [LILY]: new SendError('stopped', '21610') })).toEqual([ALL_CLEAR]);
    expect(await allClears(w, 'signal')).toEqual([ALL_CLEAR]);
    expect(await allClears(w, 'sms')).toEqual([]);
  });

  it('goes back to Signal when Twilio reports her carrier opt-out after taking it', async () => {
    const w = await alarmedBySms();
    w.sms(ROSE, 'OK');
    const sms = await sendPass(w, 'sms');
    finalStatus(w, sms, LILY, 'undelivered', '21610', 'checked in');
    expect(await allClears(w, 'signal')).toEqual([ALL_CLEAR]);
  });
});
