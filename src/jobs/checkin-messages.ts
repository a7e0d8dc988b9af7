/**
 * What a check-in timer writes when it fires (jobs/checkin-timers.ts): the
 * escalation to her buddies or the moderators and her notice, and the
 * notice that her escalation reached no one. Each in the caller's
 * transaction.
 */
import { catalog } from '../bot/catalog';
import { dayTime } from '../bot/clock-time';
import { buddyEscalationFrame } from '../bot/checkin-buddy-words';
import { boundedEscalation } from '../bot/escalation-text';
import { fallbackModerators } from '../bot/moderator-checkins';
import type { Lang } from '../domain/lang';
import type { Sender } from '../phone/identity';
import { personBuddies } from '../store/buddies';
import { checkinRef, FULL_NOTICES_A_DAY } from '../store/checkin-refs';
import { linkCheckinMessage, markEscalated, type DueCheckin } from '../store/checkins';
import { escalatedBuddies, markModeratorsQueued, markUnreachedTold, withdrawWaiting, type UnreachedCheckin } from '../store/unreached-checkins';
import { memberDiscreet, memberLang, moderatorMember } from '../store/members';
import { reachableModerators } from '../store/moderator-identities';
import { enqueueMessage, enqueueReply } from '../store/outbox';
import { checkinRuns } from './checkin-after-all';
import type { TimerStore } from './checkin-timers';

/**
 * Tells a member, once, that her escalation reached none of those it went
 * to (each refused for good: a number that is invalid or stopped, a buddy
 * who left Signal on a line with no SMS; or none through within a few
 * minutes, an outage: then that we keep trying), so that she can reach
 * someone another way. With CHECKIN_FALLBACK=moderators, a member none of whose
 * buddies could be reached is where a member with no buddy is: the
 * moderators are told then, and she hears that they were. Discreet if she
 * chose it (unasked, on her lock screen). While another check-in of hers
 * runs (not escalated), not asked to text OK: it would end that one too.
 */
export function tellUnreached(deps: TimerStore, c: UnreachedCheckin, now: number): void {
  const { db, vault } = deps;
  const t = catalog(memberLang(db, c.memberId));
  // Her words, plain and discreet.
  let words: [string, string];
  const moderators = c.to === 'buddies' ? fallbackModerators(deps, c.memberId) : [];
  // After her buddies could not be reached either: one notice says both (it replaces the one about them, if still waiting).
  const buddies = c.to === 'moderators' ? escalatedBuddies(db, c.id) : 0;
  const trying = c.trying;
  const running = checkinRuns(db, c.memberId);
  if (c.to === 'moderators' && buddies > 0) {
    words = [t.checkinNoOneReached(buddies, trying, running), t.discreetNoOneReached(trying)];
  } else if (c.to === 'moderators') {
    words = [t.checkinModeratorsUnreached(trying, running), t.discreetModeratorsUnreached(trying)];
  } else if (moderators.length) {
    tellModerators(deps, c, moderators, now, true);
    words = [t.checkinBuddiesUnreachedModeratorsTold(c.buddies, trying, running), t.discreetUnreachedModeratorsTold(trying)];
  } else {
    words = [t.checkinBuddiesUnreached(c.buddies, trying, running), t.discreetUnreached(trying)];
  }
  const text = memberDiscreet(db, c.memberId) ? words[1] : words[0];
  // One notice about her escalation at a time: those still waiting are no longer true.
  withdrawWaiting(db, c.id, 'notice');
  const notice = enqueueMessage(db, vault, c.memberId, text, now);
  linkCheckinMessage(db, notice, c.id, 'notice');
  // "We're still trying": should all of it fail for good, she is told so (checkin-after-all.ts).
  markUnreachedTold(db, c.id, c.to, notice, trying);
}

/**
 * What an escalation shows of a check-in's details, in a recipient's
 * language: details that will not open (a damaged value) must not stop it,
 * the recipient is told they are lost.
 */
function shownDetails(c: DueCheckin): (lang: Lang) => string {
  let details: string | null;
  try {
    details = c.details() ?? '';
  } catch {
    details = null;
  }
  return (lang) => details ?? catalog(lang).checkinDetailsUnreadable();
}

/**
 * Queues a check-in's escalation to the moderators (CHECKIN_FALLBACK): its
 * reference (BLOCK and SHOW name it), when it was due and the details,
 * never who; `unreached`: she had buddies, none of whom could be reached
 * (the moderators should know she has someone). Past FULL_NOTICES_A_DAY
 * from one sender in a day (counted as her limits are: her DELETE does not
 * reset it), each further one is a line naming her first reference and the
 * count while kept, not her words: every miss is still told (one may
 * be real), but one number cannot text every moderator 200 characters of its
 * own every ten minutes; SHOW gives the details to a moderator who asks.
 */
export function tellModerators(deps: Pick<TimerStore, 'db' | 'vault'>, c: DueCheckin, moderators: readonly Sender[], now: number, unreached = false): void {
  const { db, vault } = deps;
  // Named with its day when written a day late (the line was down, or the buddies' refusals came late).
  const due = dayTime(c.expectedAt, now);
  const shown = shownDetails(c);
  const { ref, earlier, folded } = checkinRef(db, vault, c.id, c.memberId, now);
  for (const contact of moderators) {
    const m = moderatorMember(db, vault, contact, now);
    const t = catalog(m.lang);
    // Her earlier references name the first and the count while kept; after her DELETE they are not.
    const past = earlier.length >= FULL_NOTICES_A_DAY;
    const text = folded
      ? past
        ? t.checkinEscalationModeratorsFolded(`#${ref}`, t.checkinEnd(due), `#${earlier[0]}`, earlier.length + 1)
        : t.checkinEscalationModeratorsFoldedErased(`#${ref}`, t.checkinEnd(due))
      : boundedEscalation({ channel: contact.channel, build: (d) => t.checkinEscalationModerators(`#${ref}`, t.checkinEnd(due), d, unreached) }, shown(m.lang));
    linkCheckinMessage(db, enqueueMessage(db, vault, m.id, text, now), c.id, 'escalation');
  }
  markModeratorsQueued(db, c.id, now);
}

/** Tells the accepted buddies (or the moderators, or no one), then the member; marks the check-in escalated. */
export function escalate(deps: TimerStore, c: DueCheckin, now: number): void {
  const { db, vault } = deps;
  // Named with its day when written a day late (the line was down).
  const due = dayTime(c.expectedAt, now);
  const shown = shownDetails(c);
  // Hers on either channel: one phone, one person.
  const buddies = personBuddies(db, vault, c.memberId);
  let told: 'buddies' | 'moderators' | 'nobody' = 'nobody';
  // With no buddy, the moderators (CHECKIN_FALLBACK).
  const moderators = buddies.length === 0 ? fallbackModerators(deps, c.memberId) : [];
  if (buddies.length) {
    told = 'buddies';
    for (const b of buddies) {
      // Discreet to a number that is a discreet member's: on her lock screen.
      const text = boundedEscalation(buddyEscalationFrame(db, vault, b, due), shown(b.lang));
      const id = enqueueReply(db, vault, { channel: b.channel, address: b.address }, text, now);
      linkCheckinMessage(db, id, c.id, 'escalation', b.id);
    }
  } else if (moderators.length) {
    told = 'moderators';
    tellModerators(deps, c, moderators, now);
  }
  // Her reminder, if still waiting (the provider down), would follow this notice and offer a LATER that no longer holds.
  withdrawWaiting(db, c.id, 'reminder');
  // Discreet if she chose it: it arrives unasked, on her lock screen.
  const t = catalog(memberLang(db, c.memberId));
  const discreet = memberDiscreet(db, c.memberId);
  // CHECKIN_FALLBACK=moderators with none reachable (a Signal moderator's identity changed since CHECKIN): she is
  // told that, not that "no buddy is left", which a member who relied on the moderators would not read as meant for her.
  const unreachable = told === 'nobody' && deps.fallback === 'moderators' && deps.moderatorContacts.length > 0 && reachableModerators(db, vault, deps.moderatorContacts).length === 0;
  const words = unreachable ? (discreet ? t.discreetModeratorsUnreached(false) : t.checkinModeratorsUnreached(false)) : discreet ? t.discreetMemberTold(told) : t.checkinMemberTold(told);
  const id = enqueueMessage(db, vault, c.memberId, words, now);
  linkCheckinMessage(db, id, c.id, 'notice');
  markEscalated(db, c.id, now);
}
