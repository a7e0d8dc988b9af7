/**
 * CHECKIN_FALLBACK=moderators: the line's operator chose that a missed
 * check-in with no buddy to tell goes to the moderators. A member whose
 * every buddy turned out unreachable (each refused for good) is in the same
 * place: once the last refusal is in, the moderators are told, as for a
 * member with no buddy (the time and the details; no name, no number), and
 * she is told so, once (discreetly if she chose DISCREET). An OK then tells
 * the moderators, not the buddies who never heard.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import type { BotWorld } from '../helpers/bot-world';
import { finalStatus, missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';
import { numberForms } from '../helpers/needles';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const LILY = '+14155550177';
const JO = '+12125550142';
const MOD = '+14155550199';
const MOD2 = '+14155550198';
const MIN = 60_000;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const rose = sms(ROSE);
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD), sms(MOD2)] };

/** What Rose was sent after her escalation notice. */
const afterNotice = (w: BotWorld) => {
  const texts = w.queued(rose).map((m) => m.text);
  return texts.slice(texts.indexOf(t.checkinMemberTold('buddies')) + 1);
};
const toModerator = (w: BotWorld, address: string) => w.queued(sms(address)).map((m) => m.text);

/** Rose's check-in, due 30 minutes after the start, ran out; LILY (and JO) refused for good (an invalid number, then Twilio's final 30005). */
async function unreached(buddies: string[], line: Fallback = MODERATORS): Promise<{ w: BotWorld; due: number }> {
  const w = await missedCheckin('sms', buddies, line);
  const due = w.clock.now;
  const sent = await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
  w.clock.now += MIN;
  if (buddies.includes(JO)) finalStatus(w, sent, JO, 'undelivered', '30005');
  return { w, due };
}

describe('an escalation that reaches none of her buddies, on a line whose fallback is the moderators', () => {
  it('once she has started another check-in, tells her the moderators were told without asking for the OK that would end the new one too', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    w.sms(ROSE, 'CHECKIN 60 grey Civic');
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    timers(w, MODERATORS);
    const told = afterNotice(w);
    expect(told).toEqual([t.checkinBuddiesUnreachedModeratorsTold(1, false, true)]);
    expect(told[0]).toContain("so we told the line's moderators instead");
    expect(told[0]).not.toMatch(/\bOK\b/);
  });

  it('goes to every moderator, as for a member with no buddy, once; she is told so, once', async () => {
    const { w, due } = await unreached([LILY, JO]);

    timers(w, MODERATORS);
    timers(w, MODERATORS);

    for (const m of [MOD, MOD2]) expect(toModerator(w, m)).toEqual([t.checkinEscalationModerators(refIn(toModerator(w, MOD)[0]), clockTime(due), 'blue Honda', true)]);
    for (const form of numberForms(ROSE)) expect(toModerator(w, MOD)[0]).not.toContain(form);
    expect(toModerator(w, MOD)[0]).not.toContain('Rose');
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreachedModeratorsTold(2)]);
  });

  it('tells the moderators nothing while a buddy may still hear', async () => {
    const w = await missedCheckin('sms', [LILY, JO], MODERATORS);
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });

    timers(w, MODERATORS);

    expect(toModerator(w, MOD)).toEqual([]);
    expect(afterNotice(w)).toEqual([]);
  });

  it('words her notice discreetly for a member who chose DISCREET', async () => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    w.sms(ROSE, 'DISCREET');
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });

    timers(w, MODERATORS);

    expect(toModerator(w, MOD)).toHaveLength(1);
    expect(afterNotice(w).at(-1)).toBe(t.discreetUnreachedModeratorsTold());
  });

  it('then LATER says the moderators were told, and OK tells them (and not her buddies)', async () => {
    const { w } = await unreached([LILY]);
    timers(w, MODERATORS);
    await sendPass(w, 'sms');
    const toLily = w.direct(LILY).length;

    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('moderators'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOkLate());

    for (const m of [MOD, MOD2]) expect(toModerator(w, m).at(-1)).toBe(t.checkinOkModerators(refIn(toModerator(w, m)[0])));
    expect(w.direct(LILY)).toHaveLength(toLily);
  });

  it('with no moderator to tell (none configured), she is told her buddies could not be reached, as before', async () => {
    const { w } = await unreached([LILY], { fallback: 'moderators', moderatorContacts: [] });

    timers(w, { fallback: 'moderators', moderatorContacts: [] });

    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1)]);
  });
});
