/**
 * What a reply catalogue says about check-ins (issue 13): to her as it runs,
 * ends or runs out, to those told when she misses it, and the notices when
 * they cannot be reached. Part of every Catalog (catalog-type.ts), as its
 * text rules are; what buddies are asked and answer is there.
 */
import type { DayTime } from './clock-time';
import type { LineExamples } from './line-examples';

export interface CheckinCatalog {
  /** A check-in's end as its messages name it: "21:30", with the day, briefly, when it is not today. */
  checkinEnd(end: DayTime): string;
  /** CHECKIN started: until when, who is told if it is missed, whether a reminder comes, whether it replaced a running one (and its details). */
  /** `later`, here and below: LATER's example minutes (30 unless told; checkin-examples.ts), null when none fits: no example then. */
  checkinStarted(until: string, told: 'buddies' | 'moderators', reminder: boolean, replaced?: boolean, later?: number | null): string;
  checkinNeedsBuddy(ex?: LineExamples): string;
  /** Its example's minutes fit `min` to `max` (90 unless they do not). */
  checkinUsage(min: number, max: number, ex?: LineExamples): string;
  checkinDetailsTooLong(max: number): string;
  checkinReminder(until: string, later?: number | null): string;
  /** `checkinReminder` for a discreet member: it arrives unasked, on her lock screen, so it names no check-in, nor the line. */
  discreetReminder(until: string, later?: number | null): string;
  /** To a message the line did not understand while her check-in runs (to `until`): never silence, or her buddies are told she is missing. */
  checkinStillRuns(until: string, later?: number | null): string;
  /** To a message not understood once her check-in ran out, its escalation told (`told`): a late OK still tells them she is safe. */
  checkinStillMissed(told: 'buddies' | 'moderators' | 'nobody'): string;
  /** `checkinStillMissed` for a discreet member: plain words, as her reminder's. */
  discreetStillMissed(told: 'buddies' | 'moderators' | 'nobody'): string;
  /** Unasked, once, when her running check-in loses the last buddy who could be told (a DECLINE, STOP or DELETE): it now reaches no one. */
  checkinNoOneLeft(ex?: LineExamples): string;
  /** `checkinNoOneLeft` when, with no buddy, her check-in relied on the moderators (CHECKIN_FALLBACK) and none can now be reached (a Signal moderator's identity changed). */
  checkinModeratorsGone(ex?: LineExamples): string;
  /** `checkinNoOneLeft` for a discreet member: it arrives on her lock screen, so it names no check-in, nor the line. */
  discreetNoOneLeft(): string;
  /** `checkinModeratorsGone` for a discreet member: "our team", as her deadline's `discreetModeratorsUnreached` says, not a contact she never had. */
  discreetModeratorsGone(): string;
  /** At the first start after a restore brought her running check-in back (she may have ended it since): OK if safe, else who is told at `until`, its new end. */
  checkinRestored(until: string, told: 'buddies' | 'moderators' | 'nobody'): string;
  /** `checkinRestored` for a discreet member: it arrives unasked, on her lock screen, so it names no check-in, nor the line. */
  discreetRestored(until: string, later?: number | null): string;
  /** To each accepted buddy when a check-in is missed (may take three segments: it carries the details). */
  checkinEscalation(name: string, expected: string, details: string): string;
  /** `checkinEscalation` to a buddy whose number is a discreet member's: on her lock screen, it names neither the line nor a check-in. */
  discreetBuddyEscalation(name: string, expected: string, details: string): string;
  /** To the moderators (CHECKIN_FALLBACK=moderators) when a member with no buddy misses a check-in; `ref` (#K7Q2) is what BLOCK and SHOW name. */
  /** `unreached`: she had buddies, none of whom could be reached (CHECKIN_FALLBACK=moderators); else she had none. */
  checkinEscalationModerators(ref: string, expected: string, details: string, unreached?: boolean): string;
  /** In its place, without the details, once one sender's missed check-ins told the moderators 3 times in 24 hours: `count` with this one, `first` her first reference then. */
  checkinEscalationModeratorsFolded(ref: string, expected: string, first: string, count: number): string;
  /** The same once she erased those earlier references (DELETE): which they were, and how many, is no longer kept. */
  checkinEscalationModeratorsFoldedErased(ref: string, expected: string): string;
  /** SHOW of a check-in's reference once its details are gone (she checked in, or a day passed); BLOCK still silences its sender. */
  modCheckinNoDetails(ref: string): string;
  /** In place of a missed check-in's details when they could not be read (a damaged value). */
  checkinDetailsUnreadable(): string;
  /** To the member once the escalation is queued (not yet sent: it says we are telling them, and that she hears if we cannot). */
  checkinMemberTold(told: 'buddies' | 'moderators' | 'nobody'): string;
  /** `checkinMemberTold` for a discreet member: it arrives unasked, on her lock screen, so it names nothing of its subject, nor the line. */
  discreetMemberTold(told: 'buddies' | 'moderators' | 'nobody'): string;
  checkinOk(): string;
  /** A stop or cancel word naming the check-in ("Cancel my check-in") ended it before anyone was told. */
  checkinCancelled(): string;
  /** OK after the buddies were told. */
  checkinOkLate(): string;
  /** To buddies (or moderators) after a late OK; `name` is empty for moderators. */
  checkinOkBuddy(name: string): string;
  /** `checkinOkBuddy` to a buddy whose number is a discreet member's: it names neither the line nor a check-in. */
  discreetBuddyOk(name: string): string;
  /** To the moderators told of a missed check-in (CHECKIN_FALLBACK=moderators) when its member checks in: `refs`, which one (or ones) ended. */
  checkinOkModerators(refs: string): string;
  /** `checkin`: CHECKIN's example minutes (90 unless told). */
  checkinNone(checkin?: number): string;
  checkinExtended(until: string): string;
  /**
   * To the member, once, when her escalation reached none of her `buddies` (each refused for good, or none
   * through within minutes); `trying`: some of it is still being retried (an outage), and may yet arrive;
   * `running`: a newer check-in of hers runs, which an OK would end too: no "Text OK", it still runs.
   * The same `trying` and `running` in the notices below.
   */
  checkinBuddiesUnreached(buddies: number, trying?: boolean, running?: boolean): string;
  /** `checkinBuddiesUnreached` for a discreet member: it arrives unasked, so it names nothing of its subject, nor the line. */
  discreetUnreached(trying?: boolean): string;
  /** To the member, once, when her escalation reached none of her `buddies` and went to the moderators instead (CHECKIN_FALLBACK=moderators). */
  checkinBuddiesUnreachedModeratorsTold(buddies: number, trying?: boolean, running?: boolean): string;
  /** `checkinBuddiesUnreachedModeratorsTold` for a discreet member: it names nothing of its subject, nor the line. */
  discreetUnreachedModeratorsTold(trying?: boolean): string;
  /** To the member, once, when her escalation to the moderators (CHECKIN_FALLBACK=moderators) reached none of them (each refused for good). */
  checkinModeratorsUnreached(trying?: boolean, running?: boolean): string;
  /** `checkinModeratorsUnreached` for a discreet member: it names nothing of its subject, nor the line. */
  discreetModeratorsUnreached(trying?: boolean): string;
  /** To the member, once, when neither her `buddies` nor then the moderators (CHECKIN_FALLBACK=moderators) could be reached. */
  checkinNoOneReached(buddies: number, trying?: boolean, running?: boolean): string;
  /** `checkinNoOneReached` for a discreet member: it names nothing of its subject, nor the line. */
  discreetNoOneReached(trying?: boolean): string;
  /**
   * To the member told one of the notices above with `trying`, once all of it then failed for good (a buddy's
   * opt-out, retries run out): we could not reach her `buddies` (0: she had none), and the moderators
   * (`moderators`: they were tried too) after all, and have stopped trying.
   */
  checkinUnreachedAfterAll(buddies: number, moderators: boolean): string;
  /** `checkinUnreachedAfterAll` for a discreet member: it names nothing of its subject, nor the line. */
  discreetUnreachedAfterAll(buddies: number, moderators: boolean): string;
  /** After `checkinOkLate`: its word to `buddies` of her buddies failed on every channel; she is to let them know herself. */
  checkinOkUnreached(buddies: number): string;
  /** `checkinOkUnreached` for a discreet member: it names nothing of its subject, nor the line. */
  discreetOkUnreached(buddies: number): string;
  /** LATER after the deadline, the escalation taken back before it reached anyone: the check-in runs to `until`. */
  checkinEscalationWithdrawn(until: string): string;
  /** LATER with no minutes, or with more than a check-in may run from now (not CHECKIN's usage: a new CHECKIN would drop the details). */
  /** `later` null: no LATER fits now (her check-in already ends near `max`): says so, with no example. */
  laterUsage(max: number, min: number, later?: number | null): string;
}
