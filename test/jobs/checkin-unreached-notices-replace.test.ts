/**
 * With CHECKIN_FALLBACK=moderators, a member whose buddy and then the
 * moderators could not be reached, her own texts held back by Twilio's
 * 429s: each notice about her escalation withdraws those still waiting for
 * her ("we told your buddies", "…told the moderators instead"), no longer
 * true, so she gets only the last one.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MOD = '+14155550199';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };

describe('notices about one escalation, still unsent', () => {
  it('do not pile up: only the one still true goes to her', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    const throttled = () => new SendError('throttled', '429');
    await sendPass(w, 'sms', { [ROSE]: throttled(), [LILY]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    await sendPass(w, 'sms', { [ROSE]: throttled(), [MOD]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    // Twilio takes her texts again.
    w.clock.now += 3_600_000;
    const sender = await sendPass(w, 'sms');

    const toRose = sender.calls.filter((c) => c.to === ROSE).map((c) => c.body);
    expect(toRose).toContain(t.checkinNoOneReached(1));
    expect(toRose).not.toContain(t.checkinMemberTold('buddies'));
    expect(toRose).not.toContain(t.checkinBuddiesUnreachedModeratorsTold(1));
  });
});
