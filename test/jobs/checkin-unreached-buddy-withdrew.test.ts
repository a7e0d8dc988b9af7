/**
 * Her only buddy DECLINEs, or DELETEs, while her escalation still waits
 * unsent: it is withdrawn (they are no one's buddy now, and must not get
 * her details), so no buddy will hear she missed her check-in. She is told
 * it reached no one, as for a buddy who refused for good; with
 * CHECKIN_FALLBACK=moderators the moderators are told instead, and she
 * hears that they were.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import type { BotWorld } from '../helpers/bot-world';
import { missedCheckin, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const ROSE = '+14155550100';
const LILY = '+14155550177';
const JO = '+12125550142';
const MOD = '+14155550199';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };

/** What Rose was sent after her escalation notice. */
const afterNotice = (w: BotWorld) => {
  const texts = w.queued(sms(ROSE)).map((m) => m.text);
  return texts.slice(texts.indexOf(t.checkinMemberTold('buddies')) + 1);
};

describe('her only buddy leaves while her escalation waits unsent', () => {
  it.each(['DECLINE', 'DELETE'])('after their %s she is told it reached no one, once', async (word) => {
    const w = await missedCheckin('sms', [LILY]);
    w.sms(LILY, word);

    timers(w);
    timers(w);

    expect(afterNotice(w).filter((m) => m === t.checkinBuddiesUnreached(1))).toHaveLength(1);
    // Nothing of the escalation is left to go to them.
    expect(w.direct(LILY).filter((m) => m.includes('blue Honda'))).toEqual([]);
  });

  it('after BUDDY OFF too', async () => {
    const w = await missedCheckin('sms', [LILY]);
    w.sms(ROSE, 'BUDDY OFF');

    timers(w);

    expect(afterNotice(w)).toContain(t.checkinBuddiesUnreached(1));
  });

  it('with CHECKIN_FALLBACK=moderators, the moderators are told, and she hears so', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    const due = w.clock.now;
    w.sms(LILY, 'DECLINE');

    timers(w, MODERATORS);

    expect(w.queued(sms(MOD)).map((m) => m.text)).toEqual([t.checkinEscalationModerators(refIn(w.queued(sms(MOD))[0]?.text), clockTime(due), 'blue Honda', true)]);
    expect(afterNotice(w)).toContain(t.checkinBuddiesUnreachedModeratorsTold(1));
  });

  it('one of two leaving withdraws only theirs: LATER still takes back what waits for the other', async () => {
    const w = await missedCheckin('sms', [LILY, JO]);
    w.sms(LILY, 'DECLINE');

    expect(w.sms(ROSE, 'LATER 30').reply).toMatch(/^Heads Up: no one had been told yet/);
  });

  it('after LATER took back what waited for the other, a new escalation none of hers hears counts only those left', async () => {
    const w = await missedCheckin('sms', [LILY, JO]);
    w.sms(LILY, 'DECLINE');
    w.sms(ROSE, 'LATER 30');
    w.clock.now += 30 * 60_000;
    expect(timers(w).escalated).toBe(1);
    await sendPass(w, 'sms', { [JO]: new SendError('invalid', '21211') });

    timers(w);

    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.checkinBuddiesUnreached(1));
  });
});
