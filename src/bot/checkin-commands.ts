/**
 * Check-ins (issue 13): CHECKIN minutes [details] starts a timer row with
 * the details sealed; OK ends it (and erases them); LATER minutes moves the
 * deadline. The timer job (jobs/checkin-timers.ts) sends the reminder and
 * the escalation; an OK after the escalation tells whoever was told.
 */
import type { SubscribeMode } from '../config/env';
import type { Channel } from '../domain/channel';
import { memberBlocked } from '../store/blocks';
import { personBuddies } from '../store/buddies';
import { alarmedBuddies, allClearChannels, escalationChannels, queueAllClear, watchAllClear } from '../store/checkin-all-clears';
import { buddiesTold, escalationUnsent, escalationWentOut } from '../store/checkin-reach';
import { refOfCheckin } from '../store/checkin-refs';
import { eraseCheckin, extendCheckin, hasCheckin, personCheckins, reopenCheckin, startCheckin } from '../store/checkins';
import { enqueueMessage } from '../store/outbox';
import { memberDiscreet, moderatorMember, setMemberStatus } from '../store/members';
import { reachableModerators } from '../store/moderator-identities';
import { buddiesReached, unreachedSince } from '../store/unreached-checkins';
import { DAY_MS } from '../store/coarse-time';
import { memberKey, numberKey, type Sender } from '../phone/identity';
import { catalog, LANGS, type Catalog } from './catalog';
import { buddyEscalationFrame, buddyOkText } from './checkin-buddy-words';
import { checkinExample, laterExample, laterFloor, type CheckinBounds } from './checkin-examples';
export { laterFloor };
import { detailsRoom, type EscalationFrame } from './escalation-text';
import { dayTime, type DayTime } from './clock-time';
import { say, type Asker, type Outcome, type Store } from './handler';
import type { CheckinRules } from './line-rules';
import type { LineExamples } from './line-examples';
import { memberOf, withdrawWaitingAlerts, type NewMemberRules } from './member-commands';
import { fallbackModerators } from './moderator-checkins';
import { admitted, personOf } from './person';

/** Most characters of details: an escalation must carry them whole (three segments at most). */
export const MAX_DETAILS = 200;
/** The reminder comes this long before the deadline (only for a check-in longer than that). */
export const REMINDER_LEAD_MS = 10 * 60_000;

/** When the reminder of a deadline is due, or null when the check-in is too short for one. */
export function reminderAt(dueAt: number, now: number): number | null {
  const at = dueAt - REMINDER_LEAD_MS;
  return at > now ? at : null;
}

/** "10", "0.05": bounds as members read them. */
function minutesText(m: number): number {
  return Math.round(m * 100) / 100;
}

/** What the check-in handlers apply: CHECKIN_*, the moderators the fallback tells, and how a new member row starts. */
export interface CheckinLine extends NewMemberRules {
  rules: CheckinRules;
  moderatorContacts: readonly Sender[];
  /** The line's examples, for a reply sent unasked (line-examples.ts). */
  examples?: LineExamples;
}

/** Whether the sender has a check-in, on either channel (as OK finds it). */
export function hasCheckinOf(store: Store, who: Asker): boolean {
  const person = personOf(store, who);
  return person !== undefined && hasCheckin(store.db, person);
}

/** Who is told of a missed check-in (said before the timer starts), and the escalation each would get, due at `expected`. */
function escalationPlan(
  store: Store,
  line: CheckinLine,
  memberId: number | undefined,
  due: DayTime,
): { told: 'buddies' | 'moderators'; frames: EscalationFrame[] } | null {
  // A buddy whose row no longer opens (a damaged value) cannot be told, and must not stop the check-in.
  const accepted = memberId === undefined ? [] : personBuddies(store.db, store.vault, memberId);
  if (accepted.length) {
    return { told: 'buddies', frames: accepted.map((b) => buddyEscalationFrame(store.db, store.vault, b, due)) };
  }
  const moderators = fallbackModerators({ ...store, fallback: line.rules.fallback, moderatorContacts: line.moderatorContacts }, memberId);
  if (moderators.length === 0) return null;
  // A moderator's language is their member row's, which may not exist yet: every language.
  // Its reference is not given yet: as long as the longest one can be (see store/refs.ts).
  const frames = moderators.flatMap((m) => LANGS.map((lang) => ({ channel: m.channel, build: (d: string) => catalog(lang).checkinEscalationModerators('#XXXXXX', catalog(lang).checkinEnd(due), d) })));
  return { told: 'moderators', frames };
}

/** CHECKIN minutes [details]. */
export function checkin(store: Store, who: Asker, line: CheckinLine, minutes: number, details: string, now: number): Outcome {
  // Under approval, no one a moderator has not admitted can have buddies or moderators texted.
  if (!admitted(store, who, line, now)) return say(who.t.membersOnly());
  const { minMinutes, maxMinutes } = line.rules;
  if (!(minutes >= minMinutes && minutes <= maxMinutes)) return say(who.t.checkinUsage(minutesText(minMinutes), maxMinutes));
  if (Array.from(details).length > MAX_DETAILS) return say(who.t.checkinDetailsTooLong(MAX_DETAILS));
  // Counted from when she sent it, as LATER is: a CHECKIN that waited at Signal while the server was down would
  // otherwise end that much late (heardAt is never after now, nor a day before). An end already past escalates at
  // the timer's next run; the reply still names it, so the notice that follows reads as the line's lateness.
  const dueAt = (who.heardAt ?? now) + Math.round(minutes * 60_000);
  const person = personOf(store, who);
  // Sized as the escalation may write its end, naming its day: one written after midnight does ("23:55 on Wed 2"),
  // and would clip details sized without it.
  const plan = escalationPlan(store, line, person, dayTime(dueAt, dueAt + DAY_MS));
  // BLOCK silenced her on her other membership (a report sent there, her number hidden): one person, so
  // her CHECKIN is dropped silently, as her messages from there are; the moderators will not be told.
  if (!plan && line.rules.fallback === 'moderators' && person !== undefined && memberBlocked(store.db, store.vault, person)) return say(null);
  if (!plan) return say(who.t.checkinNeedsBuddy());
  // Details an escalation would clip (an emoji makes an SMS UCS-2, a third of the room) are refused now, not cut at the deadline.
  const room = detailsRoom(plan.frames, details);
  if (room < Array.from(details).length) return say(who.t.checkinDetailsTooLong(room));
  const member = memberOf(store, who, line, now);
  // A new CHECKIN replaces a running one, hers on either channel.
  const { open } = personCheckins(store.db, member.id);
  for (const c of open) if (c.memberId !== member.id) eraseCheckin(store.db, c.id);
  // One who sent STOP asks for the reminder and the notice now: her row sends again, or both would be
  // dropped as to someone stopped and her buddies alarmed. She holds no area, so no alert comes; those
  // queued before her STOP are withdrawn, as they would have been dropped, and her unread alerts go, as
  // when JOIN brings her back: a STOP the carrier reported left them, and READ must not show them now.
  // So too one marked invalid whose areas were dropped (before migration 0045, or 14 days past its
  // mark), as JOIN does (one marked lately is active again, areas and all, before any command of hers
  // runs: inbound/handle-message.ts).
  if (member.status === 'stopped' || member.status === 'invalid') {
    withdrawWaitingAlerts(store.db, member.id, now);
    setMemberStatus(store.db, member.id, 'active');
    member.status = 'active';
  }
  const remindAt = reminderAt(dueAt, now);
  // A running check-in is replaced, details and all: the member is told (LATER keeps them).
  const replaced = open.length > 0;
  startCheckin(store.db, store.vault, member.id, dueAt, remindAt, details === '' ? null : details, now, shownNumber(who.sender));
  // The replaced details are erased as OK erases them: out of the WAL too.
  if (replaced) store.db.eraseSoon();
  // Its LATER example fits what is left to CHECKIN_MAX_MINUTES (none after CHECKIN 720: no example).
  return say(who.t.checkinStarted(who.t.checkinEnd(dayTime(dueAt, now)), plan.told, remindAt !== null, replaced, laterExample(line.rules, now, dueAt)));
}

/**
 * LATER minutes: moves a running check-in's deadline on by that much. After
 * the deadline, while its escalation still waits whole in the outbox (no
 * one can have heard it), the escalation is taken back and the check-in runs
 * again, as if LATER had come a moment before the end; once any of it has
 * gone (or none is left to take back), LATER moves nothing (OK tells those
 * who heard).
 */
export function later(store: Store, who: Asker, line: CheckinLine, minutes: number, now: number): Outcome {
  // Hers on either channel: one person, one phone.
  const person = personOf(store, who);
  const mine = person !== undefined ? personCheckins(store.db, person) : { open: [], escalated: [] };
  // The running one, else the last escalated.
  const target = mine.open[0] ?? mine.escalated.at(-1);
  if (!target) return say(who.t.checkinNone(checkinExample(line.rules)));
  if (target.state === 'escalated' && !escalationUnsent(store.db, target.id)) return say(escalatedReply(store, who.t, target.id));
  // Past the end (not yet escalated: the timer had not run, a restart; or escalated, nothing sent), "LATER 30" means 30 minutes from now.
  // An escalated one's end has passed, whatever it reads (written by a clock since stepped back).
  // A LATER that waited at Signal while the server was down counts from when she sent it: from the old
  // deadline if before it, as if the server had been up (an end already past then escalates at once).
  const sent = target.state === 'open' ? (who.heardAt ?? now) : now;
  const from = target.state === 'open' ? Math.max(target.dueAt, sent) : now;
  const dueAt = from + Math.round(minutes * 60_000);
  const { maxMinutes } = line.rules;
  const floor = laterFloor(line.rules);
  // A floor: "LATER 1.30", "LATER 1 y 30" (an hour and a half, or until 1:30?) read as a minute told her buddies a
  // minute on. LATER's own usage, not CHECKIN's: a new CHECKIN would drop her details.
  if (!(minutes >= floor) || dueAt - sent > maxMinutes * 60_000) return say(who.t.laterUsage(maxMinutes, floor, laterExample(line.rules, sent, from)));
  const until = who.t.checkinEnd(dayTime(dueAt, now));
  if (target.state === 'open') {
    extendCheckin(store.db, target.id, dueAt, reminderAt(dueAt, now));
    // Held at Signal past the end it asked for: no "extended"; the escalation, at once, tells her that her buddies are told.
    return say(dueAt <= now ? null : who.t.checkinExtended(until));
  }
  reopenCheckin(store.db, target.id, dueAt, reminderAt(dueAt, now));
  // The withdrawn escalation carried her details: out of the WAL too.
  store.db.eraseSoon();
  return say(who.t.checkinEscalationWithdrawn(until));
}

/**
 * LATER's reply once the escalation has gone: who it is telling, unless she
 * was told it reached no one within minutes (an outage) and it still has
 * not, still tried: then that again, not "we're messaging your buddies",
 * which would undo the warning. All of it refused for good: no one is
 * left to tell, as before.
 */
function escalatedReply(store: Store, t: Catalog, checkinId: number): string {
  const u = unreachedSince(store.db, checkinId);
  if (!u || !u.trying || u.buddyThrough) return t.checkinMemberTold(toldOf(store, checkinId));
  if (u.moderatorThrough || (u.buddies && u.moderatorsQueued && !u.moderators)) return t.checkinMemberTold('moderators');
  if (u.moderators) return u.buddyCount > 0 ? t.checkinNoOneReached(u.buddyCount, true) : t.checkinModeratorsUnreached(true);
  return t.checkinBuddiesUnreached(u.buddyCount, true);
}

/** Who an escalated check-in told, by where its escalations went. */
function toldOf(store: Store, checkinId: number): 'buddies' | 'moderators' | 'nobody' {
  const out = escalationWentOut(store.db, checkinId, true);
  return out.buddies ? 'buddies' : out.moderators ? 'moderators' : 'nobody';
}

/**
 * "END CHECK IN 30" while a check-in runs: her reminder's question (OK, or LATER 30), nothing changed;
 * discreet, as the reminder would come. Null when none runs, or one of hers is escalated (her buddies must
 * hear she is safe: it ends as OK ends it), or there is none.
 */
export function endOrLater(store: Store, who: Asker, now: number, rules?: CheckinBounds): Outcome | null {
  const person = personOf(store, who);
  const mine = person === undefined ? undefined : personCheckins(store.db, person);
  const running = mine?.open[0];
  if (!running || mine?.escalated.length !== 0) return null;
  const until = who.t.checkinEnd(dayTime(running.dueAt, now));
  const more = rules && laterExample(rules, now, running.dueAt);
  return say(memberDiscreet(store.db, running.memberId) ? who.t.discreetReminder(until, more) : who.t.checkinReminder(until, more));
}

/**
 * What a message the line did not understand is told while her check-in runs: that it still runs, and OK ends
 * it; once escalated, that they were told and OK tells them she is safe; discreet, as her reminder comes. Null
 * when none of hers is either. An SMS learns only of one on its own membership: from her number it may be
 * spoofed, or a recycled number's new holder, who must not learn she is on a date until 05:00. A Signal
 * message, authenticated, learns of hers on either channel, as its OK ends both.
 */
export function stillRuns(store: Store, who: Asker, now: number, rules?: CheckinBounds): string | null {
  const person = personOf(store, who);
  const seen = (c: { memberId: number }) => who.sender.channel !== 'sms' || c.memberId === who.member?.id;
  const mine = person === undefined ? { open: [], escalated: [] } : personCheckins(store.db, person);
  const running = mine.open.find(seen);
  // Run out and escalated, it still awaits her OK (a late one tells them she is safe): never "Text HELP", then silence.
  const missed = running ? undefined : mine.escalated.filter(seen).at(-1);
  if (missed) {
    const out = escalationWentOut(store.db, missed.id, true);
    const told = out.buddies ? 'buddies' : out.moderators ? 'moderators' : 'nobody';
    return memberDiscreet(store.db, missed.memberId) ? who.t.discreetStillMissed(told) : who.t.checkinStillMissed(told);
  }
  if (!running) return null;
  const until = who.t.checkinEnd(dayTime(running.dueAt, now));
  const more = rules && laterExample(rules, now, running.dueAt);
  return memberDiscreet(store.db, running.memberId) ? who.t.discreetReminder(until, more) : who.t.checkinStillRuns(until, more);
}

/**
 * OK: ends the running check-in and any escalated one, erasing their
 * details and the messages that carried them. If an escalation already
 * went out, whoever it told hears that the member checked in.
 */
export function ok(store: Store, who: Asker, line: CheckinLine, now: number, cancelled = false): Outcome {
  const { db, vault } = store;
  // Hers on either channel: an OK by SMS ends the check-in she started over Signal, and any other.
  const person = personOf(store, who);
  if (person === undefined) return say(who.t.checkinNone(checkinExample(line.rules)));
  const { open, escalated } = personCheckins(db, person);
  if (open.length === 0 && escalated.length === 0) return say(who.t.checkinNone(checkinExample(line.rules)));
  for (const c of open) eraseCheckin(db, c.id);
  let moderators = false;
  // The references the moderators were told, so that they know which check-in ended.
  const refs: string[] = [];
  // The buddies who may have heard: one who accepted after the escalation went out is not told.
  let heard: Set<number> | 'all' = new Set();
  // Where the escalation went to each buddy: the all-clear follows it (by SMS to one Signal refused or failed).
  const via = new Map<number, Set<Channel>>();
  for (const c of escalated) {
    escalationChannels(db, c.id, via);
    // Once she was told they could not be reached, only those it went through to since (a try is not enough).
    const u = unreachedSince(db, c.id);
    const toldModerators = u?.moderators ? u.moderatorThrough : escalationWentOut(db, c.id, false).moderators;
    const ref = toldModerators ? refOfCheckin(db, c.id) : undefined;
    if (ref) refs.push(`#${ref}`);
    moderators ||= toldModerators;
    const told = u?.buddies ? buddiesReached(db, c.id) : buddiesTold(db, c.id);
    if (told === null) heard = 'all';
    else if (heard !== 'all') for (const id of told) heard.add(id);
    eraseCheckin(db, c.id);
  }
  db.eraseSoon();
  // The buddies the escalation told, by its own rows (after a number change her old membership is not hers, yet
  // they were alarmed); rows of before buddies were recorded: hers on either membership. One who since declined or
  // stopped is not told, nor counted: "we've told them" must be true.
  const toldOk = heard === 'all' ? personBuddies(db, vault, person) : alarmedBuddies(db, vault, heard);
  const buddies = toldOk.length > 0;
  for (const b of toldOk) {
    // One word to her over each channel: a pair, so that neither copy's fallback gives the other channel a second.
    let pair: number | undefined;
    for (const channel of allClearChannels(db, vault, b, via.get(b.id))) {
      const id = queueAllClear(db, vault, { channel, address: b.address }, buddyOkText(db, vault, b), b.memberId, now, pair);
      // Should it reach no one, she who sent OK hears: not the link's owner, her old number's membership after a number change.
      if (pair === undefined) watchAllClear(db, id, person, now);
      pair ??= id;
    }
  }
  if (moderators) {
    for (const contact of reachableModerators(db, vault, line.moderatorContacts)) {
      const m = moderatorMember(store.db, store.vault, contact, now);
      // One escalated before references were given (migration 0038) has none to name.
      const t = catalog(m.lang);
      enqueueMessage(db, vault, m.id, refs.length ? t.checkinOkModerators(refs.join(', ')) : t.checkinOkBuddy(''), now);
    }
  }
  // "Cancel my check-in" is not "I'm safe": she is told what it did.
  const done = cancelled ? who.t.checkinCancelled() : who.t.checkinOk();
  return { say: buddies || moderators ? who.t.checkinOkLate() : done, queued: buddies || moderators };
}

/** Over Signal with her number showing, that number as an SMS sender (sealed on the check-in); else none. */
function shownNumber(sender: Sender): string | null {
  const number = numberKey(sender);
  return number === memberKey(sender) ? null : number;
}
