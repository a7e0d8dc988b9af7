/**
 * Check-in commands (issue 13), directly on the bot over a real database,
 * with the timer job run by hand at the times it would fire and a fake
 * dispatcher that sends what is queued: the bounds of CHECKIN and LATER,
 * who would be told, OK before and after the escalation has gone out, and
 * every reply in its reader's language.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime, dayTime } from '../../src/bot/clock-time';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers, type TimerRun } from '../../src/jobs/checkin-timers';
import type { Sender } from '../../src/phone/identity';
import { openAddress } from '../../src/store/members';
import { claimLane, openBody, openRowAddress, recordOutcomes, type Outcome } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { inTimeZone } from '../helpers/time-zone';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const BUDDY2 = '+12125550142';
const ASKED = '+14155550178';
const MOD = '+14155550199';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');
const es = catalog('es');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

interface Line {
  w: BotWorld;
  /** Sends an SMS; says what came back and whether the dispatcher was woken after the commit. */
  text(from: string, body: string): { reply: string | null; woke: boolean };
  /** The reply alone. */
  reply(from: string, body: string): string | null;
  /** Everything the line has delivered to that number so far (it sends what is queued first), oldest first. */
  inbox(to: string): string[];
  /** Runs the timer job now, as the server would. */
  timers(): TimerRun;
}

/** A line (CHECKIN_* from `rules`, moderators reached at MOD when `moderators`) whose outbox a fake dispatcher empties on demand. */
async function line(rules: Partial<CheckinRules> = {}, moderators = false, subscribeMode: 'open' | 'approval' = 'open'): Promise<Line> {
  let wakes = 0;
  const checkins = { ...RULES, ...rules };
  const moderatorContacts = moderators ? [sms(MOD)] : [];
  const w = await botWorld({ checkins, moderatorContacts, moderators: new Set(moderators ? [MOD] : []), subscribeMode, onQueued: () => void wakes++ });
  const delivered: Array<{ to: string; text: string }> = [];
  let sid = 0;
  const deliver = () => {
    for (const channel of ['sms', 'signal'] as const) {
      const rows = claimLane(w.db, channel, w.clock.now, 1000, w.clock.now + MIN);
      const outcomes: Outcome[] = rows.map((row) => {
        const to =
          row.member_id !== null && row.address_ct
            ? openAddress(w.vault, { id: row.member_id, address_ct: row.address_ct, key_version: row.address_kv })
            : openRowAddress(w.vault, row);
        delivered.push({ to, text: openBody(w.vault, row) });
        return { id: row.id, kind: 'sent', providerId: `SMfake${++sid}` };
      });
      recordOutcomes(w.db, outcomes, w.clock.now);
    }
  };
  const text = (from: string, body: string) => {
    const before = wakes;
    const { reply } = w.sms(from, body);
    return { reply, woke: wakes > before };
  };
  return {
    w,
    text,
    reply: (from, body) => text(from, body).reply,
    inbox: (to) => {
      deliver();
      return delivered.filter((m) => m.to === to).map((m) => m.text);
    },
    timers: () => runCheckinTimers({ db: w.db, vault: w.vault, fallback: checkins.fallback, moderatorContacts }, w.clock.now),
  };
}

/** Rose, a member, with BUDDY (who knows her as Rose) accepted. */
async function withBuddy(rules: Partial<CheckinRules> = {}, moderators = false): Promise<Line> {
  const l = await line(rules, moderators);
  l.text(ROSE, 'JOIN');
  l.text(ROSE, 'BUDDY 415-555-0177 Rose');
  // The invitation reaches them before they accept it.
  expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
  expect(l.reply(BUDDY, 'ACCEPT')).toBe(t.buddyAccepted());
  return l;
}

describe('CHECKIN', () => {
  it('takes the bounds themselves; ten minutes is too short for a reminder', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    // No minutes: how to start one (the word alone too, with none running).
    for (const text of ['CHECKIN', 'CHECKIN soon']) expect(l.reply(ROSE, text)).toBe(t.checkinUsage(10, 720));
    expect(l.reply(ROSE, 'CHECKIN 9.5')).toBe(t.checkinUsage(10, 720));
    expect(l.reply(ROSE, 'CHECKIN 721')).toBe(t.checkinUsage(10, 720));
    expect(l.reply(ROSE, 'CHECKIN 10')).toBe(t.checkinStarted(clockTime(start + 10 * MIN), 'buddies', false));
    expect(l.timers()).toEqual({ reminded: 0, escalated: 0, failed: 0, unreached: 0 });
    l.w.clock.now = start + 10 * MIN;
    expect(l.timers()).toEqual({ reminded: 0, escalated: 1, failed: 0, unreached: 0 });
    expect(l.inbox(ROSE)).not.toContain(t.checkinReminder(clockTime(start + 10 * MIN)));
    expect(l.reply(ROSE, 'CHECKIN 720')).toBe(t.checkinStarted(clockTime(l.w.clock.now + 720 * MIN), 'buddies', true, false, null));
  });

  it('takes 200 characters of details, not one more, and they reach the buddy whole', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    const details = `red pickup ${'x'.repeat(189)}`;
    expect(Array.from(details)).toHaveLength(200);
    expect(l.reply(ROSE, `CHECKIN 30 ${details}x`)).toBe(t.checkinDetailsTooLong(200));
    expect(l.reply(ROSE, 'OK')).toBe(t.checkinNone());
    expect(l.reply(ROSE, `CHECKIN 30 ${details}`)).toBe(t.checkinStarted(clockTime(start + 30 * MIN), 'buddies', true));
    l.w.clock.now = start + 30 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), t.checkinEscalation('Rose', clockTime(start + 30 * MIN), details)]);
  });

  it('refuses details an emoji would have clipped at the deadline over SMS, says how many fit, and takes that many whole', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    // One emoji makes the escalation UCS-2: 3 segments then hold about a third of what GSM-7 does.
    const details = `\u{1F697}${'x'.repeat(150)}`;
    const reply = l.reply(ROSE, `CHECKIN 30 ${details}`);
    const room = Number(/under (\d+) characters/.exec(reply ?? '')?.[1]);
    expect(reply).toBe(t.checkinDetailsTooLong(room));
    expect(room).toBeGreaterThan(40);
    expect(room).toBeLessThan(Array.from(details).length);
    expect(l.reply(ROSE, 'OK')).toBe(t.checkinNone());
    const expected = clockTime(start + 30 * MIN);
    // One more character would not have fitted; exactly `room` does, and arrives whole.
    const fitting = Array.from(details).slice(0, room).join('');
    expect(l.reply(ROSE, `CHECKIN 30 ${fitting}x`)).toBe(t.checkinDetailsTooLong(room));
    expect(l.reply(ROSE, `CHECKIN 30 ${fitting}`)).toBe(t.checkinStarted(expected, 'buddies', true));
    l.w.clock.now = start + 30 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), t.checkinEscalation('Rose', expected, fitting)]);
  });

  it('sizes the details for an escalation that names its day (written after midnight: a server asleep, a CHECKIN held at Signal), and they arrive whole', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    const details = `\u{1F697}${'x'.repeat(150)}`;
    const room = Number(/under (\d+) characters/.exec(l.reply(ROSE, `CHECKIN 30 ${details}`) ?? '')?.[1]);
    const fitting = Array.from(details).slice(0, room).join('');
    expect(l.reply(ROSE, `CHECKIN 30 ${fitting}`)).toBe(t.checkinStarted(clockTime(start + 30 * MIN), 'buddies', true));
    // The timers run again only the next day: the escalation says which day she expected to be done.
    l.w.clock.now = start + 30 * MIN + 24 * 60 * MIN;
    expect(l.timers().escalated).toBe(1);
    const expected = t.checkinEnd(dayTime(start + 30 * MIN, l.w.clock.now));
    expect(expected).toMatch(/ on /);
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), t.checkinEscalation('Rose', expected, fitting)]);
  });

  it('holds details for the moderators (CHECKIN_FALLBACK) to the same rule, in the language that takes the most room', async () => {
    const l = await line({ fallback: 'moderators' }, true);
    l.text(ROSE, 'JOIN');
    const details = `\u{1F697}${'x'.repeat(150)}`;
    const reply = l.reply(ROSE, `CHECKIN 30 ${details}`);
    const room = Number(/under (\d+) characters/.exec(reply ?? '')?.[1]);
    expect(reply).toBe(t.checkinDetailsTooLong(room));
    const fitting = Array.from(details).slice(0, room).join('');
    expect(l.reply(ROSE, `CHECKIN 30 ${fitting}`)).toBe(t.checkinStarted(clockTime(l.w.clock.now + 30 * MIN), 'moderators', true));
    // The same room without the emoji is plain GSM-7: 150 characters go (and the reply says the check-in running was replaced).
    expect(l.reply(ROSE, `CHECKIN 30 ${'x'.repeat(150)}`)).toBe(t.checkinStarted(clockTime(l.w.clock.now + 30 * MIN), 'moderators', true, true));
  });

  it('a second CHECKIN replaces the first, its details too, and says so', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    expect(l.reply(ROSE, 'CHECKIN 30 blue Honda')).toBe(t.checkinStarted(clockTime(start + 30 * MIN), 'buddies', true));
    expect(l.reply(ROSE, 'CHECKIN 60')).toBe(t.checkinStarted(clockTime(start + 60 * MIN), 'buddies', true, true));
    l.w.clock.now = start + 60 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), t.checkinEscalation('Rose', clockTime(start + 60 * MIN), '')]);
    // Once that one is over, a new CHECKIN replaces nothing.
    expect(l.reply(ROSE, 'CHECKIN 30')).toBe(t.checkinStarted(clockTime(l.w.clock.now + 30 * MIN), 'buddies', true));
  });

  it('with CHECKIN_FALLBACK=none, needs a buddy even where moderators could be told', async () => {
    const l = await line({ fallback: 'none' }, true);
    l.text(ROSE, 'JOIN');
    expect(l.reply(ROSE, 'CHECKIN 30 tan SUV')).toBe(t.checkinNeedsBuddy());
    expect(l.reply(ROSE, 'OK')).toBe(t.checkinNone());
  });

  it('with CHECKIN_FALLBACK=moderators but no moderator to tell, needs a buddy', async () => {
    const l = await line({ fallback: 'moderators' }, false);
    l.text(ROSE, 'JOIN');
    expect(l.reply(ROSE, 'CHECKIN 30 tan SUV')).toBe(t.checkinNeedsBuddy());
    expect(l.reply(ROSE, 'OK')).toBe(t.checkinNone());
  });

  it('under SUBSCRIBE_MODE=approval, is for members a moderator admitted: no one else can have the moderators told', async () => {
    const l = await line({ fallback: 'moderators' }, true, 'approval');
    const checkins = () => (l.w.db.sqlite.prepare('SELECT count(*) AS n FROM checkins').get() as { n: number }).n;
    expect(l.reply(ROSE, 'CHECKIN 10 tan SUV')).toBe(t.membersOnly());
    l.text(ROSE, 'JOIN');
    // Waiting, she is told so rather than to JOIN again.
    expect(l.reply(ROSE, 'CHECKIN 10 tan SUV')).toBe(t.requestWaiting(['415']));
    expect(checkins()).toBe(0);
    const ref = /#([A-Z0-9]{4,6})/.exec(l.reply(MOD, 'PENDING') ?? '')?.[1];
    l.text(MOD, `APPROVE ${ref}`);
    expect(l.reply(ROSE, 'CHECKIN 10 tan SUV')).toBe(t.checkinStarted(clockTime(l.w.clock.now + 10 * MIN), 'moderators', false));
    expect(checkins()).toBe(1);
  });

  it('answers in the member\'s language: SEGURA, LUEGO, LISTA', async () => {
    const l = await line();
    l.text(ROSE, 'UNIRSE');
    l.text(ROSE, 'AMIGA 415-555-0177 Rosa');
    l.text(BUDDY, 'ACCEPT');
    const start = l.w.clock.now;
    expect(l.reply(ROSE, 'SEGURA 60')).toBe(es.checkinStarted(clockTime(start + 60 * MIN), 'buddies', true));
    expect(l.reply(ROSE, 'LUEGO 30')).toBe(es.checkinExtended(clockTime(start + 90 * MIN)));
    expect(l.reply(ROSE, 'LISTA')).toBe(es.checkinOk());
  });
});

describe('the end of a check-in on another day (CHECKIN_MAX_MINUTES of up to a week)', () => {
  // The line's clock: botWorld starts at 20:00 on Tuesday 1 December there.
  inTimeZone('America/Los_Angeles');

  it('is told with its day when it is not today, so a day and an hour does not read as an hour', async () => {
    const l = await withBuddy({ maxMinutes: 2880 });
    expect(l.reply(ROSE, 'CHECKIN 60')).toBe(t.checkinStarted('21:00', 'buddies', true));
    l.text(ROSE, 'OK');
    expect(l.reply(ROSE, 'CHECKIN 1500')).toBe(t.checkinStarted('21:00 on Wed 2', 'buddies', true));
    expect(l.reply(ROSE, 'LATER 30')).toBe(t.checkinExtended('21:30 on Wed 2'));
    expect(l.reply(ROSE, 'LUEGO 30')).toBe(es.checkinExtended('22:00 del miercoles 2'));
  });

  it('names the day in the reminder and the escalation as they are written: none on the day itself', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    // 20:00 to midnight: the reminder, at 23:50, speaks of tomorrow.
    expect(l.reply(ROSE, 'CHECKIN 240 grey van')).toBe(t.checkinStarted('00:00 on Wed 2', 'buddies', true));
    l.w.clock.now = start + 230 * MIN;
    expect(l.timers().reminded).toBe(1);
    expect(l.inbox(ROSE)).toContain(t.checkinReminder('00:00 on Wed 2'));
    l.w.clock.now = start + 240 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.inbox(BUDDY)).toContain(t.checkinEscalation('Rose', '00:00', 'grey van'));
  });

  it('names the day of an escalation written a day late (the line was down)', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    l.text(ROSE, 'CHECKIN 30 grey van');
    l.w.clock.now = start + 24 * 60 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.inbox(BUDDY)).toContain(t.checkinEscalation('Rose', '20:30 on Tue 1', 'grey van'));
  });
});

describe('LATER', () => {
  it('LATER 0 moves nothing', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    l.text(ROSE, 'CHECKIN 30 grey van');
    expect(l.reply(ROSE, 'LATER 0')).toBe(t.laterUsage(720, 10));
    l.w.clock.now = start + 30 * MIN;
    expect(l.timers().escalated).toBe(1);
  });

  it('without minutes, or with too many, says how LATER works, not CHECKIN (a new CHECKIN would drop the details)', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    l.text(ROSE, 'CHECKIN 30 grey van');
    for (const text of ['LATER', 'LATER 1000']) expect(l.reply(ROSE, text)).toBe(t.laterUsage(720, 10));
    expect(l.reply(ROSE, 'LUEGO')).toBe(es.laterUsage(720, 10));
    l.w.clock.now = start + 30 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.inbox(BUDDY).some((m) => m.includes('grey van'))).toBe(true);
  });

  it('moves the end up to the longest check-in from now, and no further', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    l.text(ROSE, 'CHECKIN 700');
    expect(l.reply(ROSE, 'LATER 20')).toBe(t.checkinExtended(clockTime(start + 720 * MIN)));
    expect(l.reply(ROSE, 'LATER 1')).toBe(t.laterUsage(720, 10, null));
    // Counted from now, not from the start.
    l.w.clock.now = start + 100 * MIN;
    expect(l.reply(ROSE, 'LATER 100')).toBe(t.checkinExtended(clockTime(start + 820 * MIN)));
    l.w.clock.now = start + 820 * MIN - 1;
    expect(l.timers().escalated).toBe(0);
    l.w.clock.now = start + 820 * MIN;
    expect(l.timers().escalated).toBe(1);
  });

  it('past the end but before the escalation was written (the line was down), counts from now: the buddies are not told at once', async () => {
    const l = await withBuddy();
    const start = l.w.clock.now;
    l.text(ROSE, 'CHECKIN 30 grey van');
    // The timer has not run since the end (a restart): the check-in is still open.
    l.w.clock.now = start + 60 * MIN;
    expect(l.reply(ROSE, 'LATER 30')).toBe(t.checkinExtended(clockTime(start + 90 * MIN)));
    expect(l.timers().escalated).toBe(0);
    l.w.clock.now = start + 90 * MIN;
    expect(l.timers().escalated).toBe(1);
  });

  it('after the escalation, while it is still queued, takes it back and runs the check-in again (checkin-later-after-escalation)', async () => {
    const l = await withBuddy();
    l.text(ROSE, 'CHECKIN 10');
    l.w.clock.now += 10 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.reply(ROSE, 'LATER 30')).toBe(t.checkinEscalationWithdrawn(clockTime(l.w.clock.now + 30 * MIN)));
    expect(l.reply(ROSE, 'LATER 30')).toBe(t.checkinExtended(clockTime(l.w.clock.now + 60 * MIN)));
  });

  it('with no check-in, says there is none', async () => {
    const l = await withBuddy();
    expect(l.reply(ROSE, 'LATER 30')).toBe(t.checkinNone());
  });
});

describe('OK', () => {
  it('with no check-in, says there is none, to a member or anyone', async () => {
    const l = await withBuddy();
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinNone(), woke: false });
    expect(l.reply('+12065550111', 'OK')).toBe(t.checkinNone());
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
  });

  it('before the escalation has gone out, stops it: the buddy hears nothing at all', async () => {
    const l = await withBuddy();
    l.text(ROSE, 'CHECKIN 10 grey van');
    l.w.clock.now += 10 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOk(), woke: false });
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose')]);
    expect(l.reply(ROSE, 'OK')).toBe(t.checkinNone());
  });

  it('before the escalation to the moderators has gone out, stops it: they hear nothing at all', async () => {
    const l = await line({ fallback: 'moderators' }, true);
    l.text(ROSE, 'JOIN');
    l.text(ROSE, 'CHECKIN 10 grey van');
    l.w.clock.now += 10 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOk(), woke: false });
    expect(l.inbox(MOD)).toEqual([]);
  });

  it('late, tells the buddies who heard and still accept, each in their language; not one who stopped, not one only asked, not the moderators', async () => {
    const l = await line({ fallback: 'moderators' }, true);
    l.text(ROSE, 'JOIN');
    l.text(ROSE, 'BUDDY 415-555-0177 Rose');
    l.text(BUDDY, 'ACEPTAR');
    l.text(ROSE, 'BUDDY 212-555-0142 Rosie');
    l.text(BUDDY2, 'ACCEPT');
    l.text(ROSE, 'BUDDY 415-555-0178 Rose');
    // The invitations have gone by the time the check-in runs out.
    l.inbox(ROSE);
    const start = l.w.clock.now;
    l.text(ROSE, 'CHECKIN 20 red pickup');
    l.w.clock.now = start + 20 * MIN;
    expect(l.timers().escalated).toBe(1);
    const expected = clockTime(start + 20 * MIN);
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), es.checkinEscalation('Rose', expected, 'red pickup')]);
    expect(l.inbox(BUDDY2)).toEqual([t.buddyInvite('Rosie'), t.checkinEscalation('Rosie', expected, 'red pickup')]);
    l.text(BUDDY2, 'STOP');
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOkLate(), woke: true });
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), es.checkinEscalation('Rose', expected, 'red pickup'), es.checkinOkBuddy('Rose')]);
    expect(l.inbox(BUDDY2)).toEqual([t.buddyInvite('Rosie'), t.checkinEscalation('Rosie', expected, 'red pickup')]);
    expect(l.inbox(ASKED)).toEqual([t.buddyInvite('Rose')]);
    expect(l.inbox(MOD)).toEqual([]);
  });

  /** Rose's check-in escalated to BUDDY and sent, ASKED only asked; returns the time she expected to be done. */
  async function escalatedWithOneAsked(): Promise<{ l: Line; expected: string }> {
    const l = await line();
    l.text(ROSE, 'JOIN');
    l.text(ROSE, 'BUDDY 415-555-0177 Rose');
    l.text(BUDDY, 'ACCEPT');
    l.text(ROSE, 'BUDDY 415-555-0178 Rose');
    // The invitations have gone by the time the check-in runs out.
    l.inbox(ROSE);
    const start = l.w.clock.now;
    l.text(ROSE, 'CHECKIN 20 red pickup');
    l.w.clock.now = start + 20 * MIN;
    expect(l.timers().escalated).toBe(1);
    const expected = clockTime(start + 20 * MIN);
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), t.checkinEscalation('Rose', expected, 'red pickup')]);
    return { l, expected };
  }

  it('late, does not tell a buddy who accepted after the escalation went out (they never heard of it)', async () => {
    const { l, expected } = await escalatedWithOneAsked();
    l.text(ASKED, 'ACCEPT');
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOkLate(), woke: true });
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), t.checkinEscalation('Rose', expected, 'red pickup'), t.checkinOkBuddy('Rose')]);
    expect(l.inbox(ASKED)).toEqual([t.buddyInvite('Rose')]);
  });

  it('late, after an escalation written before buddies were recorded, tells every buddy accepted now, as it did then', async () => {
    const { l } = await escalatedWithOneAsked();
    // What an escalation row from before migration 0015 looks like.
    l.w.db.sqlite.prepare("UPDATE checkin_messages SET buddy_id = NULL WHERE kind = 'escalation'").run();
    l.text(ASKED, 'ACCEPT');
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOkLate(), woke: true });
    expect(l.inbox(ASKED)).toEqual([t.buddyInvite('Rose'), t.checkinOkBuddy('Rose')]);
  });

  it.each(['DECLINE', 'STOP'])('late, once the one buddy it told has sent %s, does not say they were told she checked in: none is left to tell', async (word) => {
    const { l, expected } = await escalatedWithOneAsked();
    l.text(BUDDY, word);
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOk(), woke: false });
    expect(l.inbox(BUDDY)).toEqual([t.buddyInvite('Rose'), t.checkinEscalation('Rose', expected, 'red pickup')]);
  });

  it('late, after an escalation written before buddies were recorded, with no buddy accepting now, does not say they were told', async () => {
    const { l } = await escalatedWithOneAsked();
    l.w.db.sqlite.prepare("UPDATE checkin_messages SET buddy_id = NULL WHERE kind = 'escalation'").run();
    l.text(BUDDY, 'DECLINE');
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOk(), woke: false });
  });

  it('late, after the moderators were told, tells them too, in their language and naming no one', async () => {
    const l = await line({ fallback: 'moderators' }, true);
    l.text(MOD, 'LANG ES');
    l.text(ROSE, 'JOIN');
    const start = l.w.clock.now;
    expect(l.reply(ROSE, 'CHECKIN 20 tan SUV')).toBe(t.checkinStarted(clockTime(start + 20 * MIN), 'moderators', true));
    l.w.clock.now = start + 20 * MIN;
    expect(l.timers().escalated).toBe(1);
    expect(l.inbox(MOD)).toEqual([es.checkinEscalationModerators(refIn(l.inbox(MOD)[0]), clockTime(start + 20 * MIN), 'tan SUV')]);
    expect(l.reply(ROSE, 'LATER 30')).toBe(t.checkinMemberTold('moderators'));
    expect(l.text(ROSE, 'OK')).toEqual({ reply: t.checkinOkLate(), woke: true });
    const ref = refIn(l.inbox(MOD)[0]);
    expect(l.inbox(MOD)).toEqual([es.checkinEscalationModerators(ref, clockTime(start + 20 * MIN), 'tan SUV'), es.checkinOkModerators(ref)]);
    expect(l.reply(ROSE, 'OK')).toBe(t.checkinNone());
  });
});
