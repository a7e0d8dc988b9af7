/**
 * A missed check-in whose escalation reaches no buddy at all: refused for
 * good over Signal on a line with no SMS to fall back on (the buddy left
 * Signal), or by SMS (Twilio 21211 an invalid number, 21610 the buddy
 * texted STOP, 30005/30006 final statuses). She was told her buddies were
 * told; she is now told, once, that none could be reached, so that she can
 * reach someone another way (discreetly if she chose DISCREET). If any
 * buddy was reached she is told nothing more.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import type { Channel } from '../../src/domain/channel';
import type { BotWorld } from '../helpers/bot-world';
import { finalStatus as report, missCheckin, missedCheckin as missed, ROSE, roseAndTwoChannelBuddy, sendPass, timers } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const LILY_UUID = '4e5f6a7b-8c9d-4e0f-9a1b-000000000177';
const JO = '+12125550142';
const t = catalog('en');
const rose = { channel: 'sms', address: ROSE, phone: ROSE } as const;

/** What Rose was sent after her escalation notice (after her buddy's ACCEPT, when a newer notice withdrew it unsent). */
const afterNotice = (w: BotWorld) => {
  const texts = w.queued(rose).map((m) => m.text);
  const told = texts.indexOf(t.checkinMemberTold('buddies'));
  return texts.slice((told >= 0 ? told : texts.indexOf(t.buddyAcceptedMember('0177'))) + 1);
};

/** Each of Rose's escalation messages: its channel and state, in order. */
const escalationStates = (w: BotWorld) =>
  (w.db.sqlite.prepare("SELECT o.channel, o.state FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' ORDER BY o.id").all() as Array<{ channel: string; state: string }>).map(
    (r) => [r.channel, r.state],
  );

/** One pass of a `channel` lane whose provider refuses LILY with `refusal` (none: takes all); `smsSends` as the line's. */
const send = (w: BotWorld, channel: Channel, refusal?: SendError, smsSends = true) => sendPass(w, channel, refusal ? { [LILY]: refusal } : {}, { smsSends });

describe('an escalation that reaches no buddy', () => {
  it('on a Signal-only line, refused for good (the buddy left Signal): she is told her buddy could not be reached, once', async () => {
    const w = await missed('signal', [LILY]);
    await send(w, 'signal', new SendError('invalid', 'unregistered'), false);
    timers(w);
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1)]);
  });

  it('by SMS, an invalid number (21211): she is told', async () => {
    const w = await missed('sms', [LILY]);
    await send(w, 'sms', new SendError('invalid', '21211'));
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1)]);
  });

  it.each([
    ['21610', 'undelivered'],
    ['30005', 'undelivered'],
    ['30006', 'failed'],
  ])('by SMS, a final status %s for every buddy: she is told, once', async (code, status) => {
    const w = await missed('sms', [LILY, JO]);
    const sms = await send(w, 'sms');
    report(w, sms, LILY, status, code);
    timers(w);
    // One buddy may still hear: nothing yet.
    expect(afterNotice(w)).toEqual([]);
    report(w, sms, JO, status, code);
    timers(w);
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(2)]);
  });

  it.each([
    ['who left it', new SendError('invalid', 'unregistered')],
    ['whose identity it refuses', new SendError('rejected', 'untrusted_identity')],
  ])("a buddy over Signal %s, her SMS copy opted out (21610) more than 3 minutes on: she is told, and not that we're still trying", async (_who, refusal) => {
    const { w } = await roseAndTwoChannelBuddy(LILY, LILY_UUID, true);
    expect(missCheckin(w)).toBe(1);
    // Signal refuses Lily for good: her escalation goes to her number by SMS, which Twilio takes.
    await send(w, 'signal', refusal);
    const sms = await send(w, 'sms');
    w.clock.now += 4 * 60_000;
    timers(w);
    expect(afterNotice(w)).toEqual([]);
    // Her carrier's final word: she had texted STOP. Signal already refused her: nothing is left to try.
    report(w, sms, LILY, 'undelivered', '21610');
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1, false)]);
    expect(escalationStates(w)).toEqual([
      ['signal', 'failed'],
      ['sms', 'failed'],
    ]);
  });

  it("a buddy over Signal whose escalation Signal refused with a 400 it did not explain (not her leaving it): her SMS copy opted out (21610) goes back to Signal, and she is not told", async () => {
    const { w } = await roseAndTwoChannelBuddy(LILY, LILY_UUID, true);
    expect(missCheckin(w)).toBe(1);
    await send(w, 'signal', new SendError('rejected', '400'));
    report(w, await send(w, 'sms'), LILY, 'undelivered', '21610');
    timers(w);
    expect(afterNotice(w)).toEqual([]);
    expect(escalationStates(w)).toEqual([
      ['signal', 'failed'],
      ['sms', 'failed'],
      ['signal', 'pending'],
    ]);
  });

  it('once she was told, LATER and OK no longer claim her buddies were told, and nothing more goes to them', async () => {
    const w = await missed('sms', [LILY]);
    report(w, await send(w, 'sms'), LILY, 'undelivered', '30005');
    timers(w);
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1)]);
    const toLily = w.direct(LILY).length;
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('nobody'));
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    expect(w.direct(LILY)).toHaveLength(toLily);
  });

  it('tells her nothing when one buddy of two was reached', async () => {
    const w = await missed('sms', [LILY, JO]);
    const sms = await send(w, 'sms');
    report(w, sms, LILY, 'undelivered', '30005');
    report(w, sms, JO, 'delivered', '');
    timers(w);
    expect(afterNotice(w)).toEqual([]);
  });

  it('once she has started another check-in, tells her without asking for the OK that would end the new one too; that one still runs', async () => {
    const w = await missed('sms', [LILY]);
    // She is about: her next booking, without an OK for the last one.
    w.sms(ROSE, 'CHECKIN 60 grey Civic');
    await send(w, 'sms', new SendError('invalid', '21211'));
    timers(w);
    const told = afterNotice(w);
    expect(told).toEqual([t.checkinBuddiesUnreached(1, false, true)]);
    expect(told[0]).toContain("we couldn't reach your buddy");
    expect(told[0]).not.toMatch(/\bOK\b/);
    // Missed, the new one is escalated: she is not left with no one told.
    w.clock.now += 61 * 60_000;
    expect(timers(w).escalated).toBe(1);
  });

  it('once her newer check-in has run out too (escalated), asks for the OK again: it ends both, and no check-in of hers still runs', async () => {
    const w = await missed('sms', [LILY]);
    w.sms(ROSE, 'CHECKIN 60 grey Civic');
    // Nothing of the first escalation has gone when the new check-in is missed as well.
    w.clock.now += 61 * 60_000;
    expect(timers(w).escalated).toBe(1);
    await send(w, 'sms', new SendError('invalid', '21211'));
    timers(w);
    // The first one's still-trying notice, told with the new one escalated, then the new one's: each asks for the OK.
    expect(afterNotice(w)).toEqual([t.checkinBuddiesUnreached(1, true, false), t.checkinBuddiesUnreached(1, false, false)]);
    expect(afterNotice(w)[0]).toContain("Text OK when you're safe.");
  });

  it('words it discreetly for a member who chose DISCREET', async () => {
    const w = await missed('sms', [LILY]);
    w.sms(ROSE, 'DISCREET');
    report(w, await send(w, 'sms'), LILY, 'undelivered', '30005');
    timers(w);
    expect(afterNotice(w).at(-1)).toBe(t.discreetUnreached());
  });
});
