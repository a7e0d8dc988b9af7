/**
 * Check-ins a restore brought back running (store/restored-checkins.ts): she
 * may have ended one with OK after the backup was made, and escalated at once
 * her buddies would be told, with her details, that she did not check in. A
 * check-in she truly missed must still be told, so none is dropped: at the
 * timers' first run after the server starts, each ends no earlier than
 * RESTORED_GRACE_MS from then, and she is asked to reply OK if she is safe.
 */
import { catalog } from '../bot/catalog';
import { reminderAt } from '../bot/checkin-commands';
import { dayTime } from '../bot/clock-time';
import { fallbackModerators } from '../bot/moderator-checkins';
import { personBuddies } from '../store/buddies';
import { endRunningCheckin } from '../store/checkin-stop';
import { linkCheckinMessage } from '../store/checkins';
import { memberDiscreet, memberLang, memberStatus } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { graceRestoredCheckin, restoredCheckins } from '../store/restored-checkins';
import type { TimerStore } from './checkin-timers';

/** How long she has, at least, from the server's start to answer. */
export const RESTORED_GRACE_MS = 30 * 60_000;

/**
 * Gives up to `limit` restored check-ins their grace and asks each member,
 * in the caller's transaction; returns how many it read and how many it asked.
 */
export function askRestored(deps: TimerStore, now: number, limit: number): { read: number; asked: number } {
  const { db, vault } = deps;
  const rows = restoredCheckins(db, limit);
  let asked = 0;
  for (const c of rows) {
    // Held as opted out (a carrier's STOP): ended as her STOP ends one, no one told, she not texted.
    if (memberStatus(db, c.memberId) === 'stopped') {
      endRunningCheckin(db, c.memberId);
      continue;
    }
    const dueAt = Math.max(c.dueAt, now + RESTORED_GRACE_MS);
    // A reminder of the old end has passed: the new end gets its own, as a CHECKIN of that length would.
    graceRestoredCheckin(db, c.id, dueAt, dueAt === c.dueAt ? c.remindAt : reminderAt(dueAt, now));
    // Who the timer would tell now, as escalate() chooses.
    const told = personBuddies(db, vault, c.memberId).length ? 'buddies' : fallbackModerators(deps, c.memberId).length ? 'moderators' : 'nobody';
    const t = catalog(memberLang(db, c.memberId));
    const until = t.checkinEnd(dayTime(dueAt, now));
    // It comes unasked, to her lock screen: discreet names no check-in, nor the line.
    const text = memberDiscreet(db, c.memberId) ? t.discreetRestored(until) : t.checkinRestored(until, told);
    // Linked as her reminder is: OK, STOP and DELETE erase it with the check-in.
    linkCheckinMessage(db, enqueueMessage(db, vault, c.memberId, text, now), c.id, 'reminder');
    asked++;
  }
  return { read: rows.length, asked };
}
