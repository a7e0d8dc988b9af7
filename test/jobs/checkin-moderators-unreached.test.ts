/**
 * CHECKIN_FALLBACK=moderators: a missed check-in's escalation to the
 * moderators (she had no buddy, or none of hers could be reached) that is
 * refused for good for every moderator reached no one, as when all her
 * buddies refuse: she is told, once, so that she can reach someone another
 * way (discreetly if she chose DISCREET); LATER and OK then no longer say
 * anyone was told.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import type { BotWorld } from '../helpers/bot-world';
import { finalStatus, missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MOD = '+14155550199';
const MOD2 = '+14155550198';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const rose = sms(ROSE);
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD), sms(MOD2)] };

/** What Rose was sent after `notice`. */
const after = (w: BotWorld, notice: string) => {
  const texts = w.queued(rose).map((m) => m.text);
  return texts.slice(texts.indexOf(notice) + 1);
};
const toModerator = (w: BotWorld, address: string) => w.queued(sms(address)).map((m) => m.text);

/** The moderators' escalation: MOD's number is refused (21211), MOD2's is not delivered in the end (30005), unless `mod2Hears`. */
async function moderatorsRefuse(w: BotWorld, mod2Hears = false): Promise<void> {
  const sent = await sendPass(w, 'sms', { [MOD]: new SendError('invalid', '21211') });
  timers(w, MODERATORS);
  finalStatus(w, sent, MOD2, mod2Hears ? 'delivered' : 'undelivered', mod2Hears ? '' : '30005');
}

describe('an escalation to the moderators that reaches none of them', () => {
  it('for a member with no buddy: she is told, once, after the last refusal', async () => {
    const w = await missedCheckin('sms', [], MODERATORS);
    const sent = await sendPass(w, 'sms', { [MOD]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    // MOD2 may still hear: nothing yet.
    expect(after(w, t.checkinMemberTold('moderators'))).toEqual([]);

    finalStatus(w, sent, MOD2, 'undelivered', '30005');
    timers(w, MODERATORS);
    timers(w, MODERATORS);

    expect(after(w, t.checkinMemberTold('moderators'))).toEqual([t.checkinModeratorsUnreached()]);
  });

  it('tells her nothing when one moderator was reached', async () => {
    const w = await missedCheckin('sms', [], MODERATORS);
    await moderatorsRefuse(w, true);
    timers(w, MODERATORS);

    expect(after(w, t.checkinMemberTold('moderators'))).toEqual([]);
  });

  it('after her buddies could not be reached either: she is told, once', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    expect(after(w, t.checkinMemberTold('buddies'))).toEqual([t.checkinBuddiesUnreachedModeratorsTold(1)]);

    await moderatorsRefuse(w);
    timers(w, MODERATORS);

    expect(after(w, t.checkinBuddiesUnreachedModeratorsTold(1))).toEqual([t.checkinNoOneReached(1)]);
  });

  it('words it discreetly for a member who chose DISCREET', async () => {
    const w = await missedCheckin('sms', [], MODERATORS);
    w.sms(ROSE, 'DISCREET');
    await moderatorsRefuse(w);
    timers(w, MODERATORS);

    expect(after(w, t.checkinMemberTold('moderators')).at(-1)).toBe(t.discreetModeratorsUnreached());
  });

  it('once she was told, LATER and OK no longer say the moderators were told, and nothing goes to them', async () => {
    const w = await missedCheckin('sms', [], MODERATORS);
    await moderatorsRefuse(w);
    timers(w, MODERATORS);

    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('nobody'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());

    for (const m of [MOD, MOD2]) expect(toModerator(w, m)).toEqual([]);
  });
});
