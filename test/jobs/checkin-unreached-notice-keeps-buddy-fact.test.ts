/**
 * b4325e6: the moderators' "couldn't reach the moderators" notice withdraws the
 * waiting "we couldn't reach your buddy, so we told the moderators instead".
 * Half of that was still true: her buddy was not reached. She is left with
 * only "we couldn't reach the line's moderators", and may believe her buddy
 * was told.
 */
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MOD = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };

describe('her texts held back while neither her buddy nor the moderators can be reached', () => {
  it('she still learns that her buddy was not reached', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    const throttled = () => new SendError('throttled', '429');
    await sendPass(w, 'sms', { [ROSE]: throttled(), [LILY]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    await sendPass(w, 'sms', { [ROSE]: throttled(), [MOD]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    w.clock.now += 3_600_000;
    const toRose = (await sendPass(w, 'sms')).calls.filter((c) => c.to === ROSE).map((c) => c.body);
    expect(toRose.some((m) => /couldn't reach (your buddy|any of your buddies)/.test(m))).toBe(true);
  });
});
