/**
 * LATER after the end, while the escalation to the moderators still waits
 * unsent, takes it back for a member with no buddy; it does too when the
 * moderators were told because none of her buddies could be reached (their
 * messages failed for good: went nowhere, so nothing has gone).
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

describe('LATER while the fallback escalation to the moderators still waits unsent', () => {
  it('for a member with no buddy, takes it back (as documented)', async () => {
    const w = await missedCheckin('sms', [], MODERATORS);
    expect(w.sms(ROSE, 'LATER 30').reply).toMatch(/^Heads Up: no one had been told yet/);
    expect(w.queued(sms(MOD))).toEqual([]);
  });

  it('for a member whose only buddy could not be reached, takes it back too', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    // Queued to the moderators, not sent yet (SEND_RATE behind a fan-out, a 429, a held lane).
    expect(w.queued(sms(MOD))).toHaveLength(1);

    const reply = w.sms(ROSE, 'LATER 30').reply;

    expect(reply).not.toBe(t.checkinMemberTold('moderators'));
    expect(reply).toMatch(/^Heads Up: no one had been told yet/);
    expect(w.queued(sms(MOD))).toEqual([]);
  });

  it('runs again, and its new escalation counts only its own failures', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    w.sms(ROSE, 'LATER 30');
    w.clock.now += 30 * 60_000;
    expect(timers(w, MODERATORS).escalated).toBe(1);
    // Her buddy's new escalation waits: nothing has failed yet, so the moderators are not told.
    timers(w, MODERATORS);
    expect(w.direct(LILY).filter((m) => m.includes('blue Honda'))).toHaveLength(1);
    expect(w.queued(sms(MOD))).toEqual([]);
    expect(w.queued(sms(ROSE)).filter((m) => /couldn't|could not|instead/.test(m.text))).toEqual([]);
  });

  it("counts, when the new escalation reaches no one, only the buddies it went to", async () => {
    const IRIS = '+14155550166';
    const w = await missedCheckin('sms', [LILY, IRIS]);
    // Lily's number refuses; Iris's escalation waits behind a 429.
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211'), [IRIS]: new SendError('throttled', '20429') });
    timers(w);
    expect(w.sms(ROSE, 'LATER 30').reply).toMatch(/^Heads Up: no one had been told yet/);
    w.sms(ROSE, `BUDDY OFF ${LILY}`);
    w.clock.now += 30 * 60_000;
    expect(timers(w).escalated).toBe(1);
    await sendPass(w, 'sms', { [IRIS]: new SendError('invalid', '21211') });
    timers(w);
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.checkinBuddiesUnreached(1));
  });
});
