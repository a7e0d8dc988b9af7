/**
 * The line stops sending on Signal while a late OK's all-clear waits there: it moves to the same number by SMS.
 * Found by review: the move queued it outside its pair, so the Signal copy's failure as 'sms_instead' made the
 * pair look all-failed and she heard "we couldn't get word through" although it arrived; and where the pair
 * had an SMS copy already (alarmed by both channels), the buddy got the all-clear by SMS twice.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import { settleRemovedChannel } from '../../src/store/channel-removed';
import { missedCheckin, ROSE, sendPass, timers } from '../helpers/checkin-escalation';
import type { BotWorld } from '../helpers/bot-world';

const LILY = '+14155550177';
const MIN = 60_000;
const ALL_CLEAR = 'Heads Up: Rose has checked in and is OK.';
const t = catalog('en');

/** The all-clears a pass of the SMS lane sent Lily. */
async function smsAllClears(w: BotWorld): Promise<string[]> {
  return (await sendPass(w, 'sms')).calls.filter((c) => c.to === LILY && c.body.includes('checked in')).map((c) => c.body);
}

describe('an all-clear waiting over Signal when the line stops sending there', () => {
  it('goes by SMS, and she is not told it reached no one', async () => {
    const w = await missedCheckin('signal', [LILY]);
    expect((await sendPass(w, 'signal')).calls.filter((c) => c.body.includes('blue Honda'))).toHaveLength(1);
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    settleRemovedChannel(w.db, w.vault, 'signal', 'sms', 0, w.clock.now, 100, true);
    expect(await smsAllClears(w)).toEqual([ALL_CLEAR]);
    timers(w);
    expect(w.queued({ channel: 'sms', address: ROSE }).map((m) => m.text).filter((m) => m === t.checkinOkUnreached(1))).toEqual([]);
  });

  it('goes by SMS once when its pair has an SMS copy already', async () => {
    const w = await missedCheckin('signal', [LILY]);
    await sendPass(w, 'signal');
    // A second check-in whose alarm Signal could not carry went by SMS: her OK's all-clear goes by both.
    w.sms(ROSE, 'CHECKIN 30 red van');
    w.clock.now += 31 * MIN;
    expect(timers(w).escalated).toBe(1);
    for (let i = 0; i < 5; i++) {
      await sendPass(w, 'signal', { [LILY]: new SendError('connection', 'ECONNREFUSED') });
      w.clock.now += MIN;
    }
    await sendPass(w, 'sms');
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());
    settleRemovedChannel(w.db, w.vault, 'signal', 'sms', 0, w.clock.now, 100, true);
    expect(await smsAllClears(w)).toEqual([ALL_CLEAR]);
  });
});
