/**
 * Check-ins a restore brought back running (store/restored-checkins.ts): she
 * may have ended one with OK after the backup was made, and escalated at once
 * her buddies would be told, with her details, that she did not check in. A
 * check-in she truly missed must still be told, so none is dropped: at the
 * timers' first run after the server starts, each ends no earlier than
 * RESTORED_GRACE_MS from then, and she is asked to reply OK if she is safe.
 */
import { catalog } from '../bot/catalog';
import { laterExample } from '../bot/checkin-examples';
import { reminderAt } from '../bot/checkin-commands';
import { dayTime } from '../bot/clock-time';
import { safeError } from '../log/safe-error';
import { fallbackModerators } from '../bot/moderator-checkins';
import { personBuddies } from '../store/buddies';
import { linkCheckinMessage } from '../store/checkins';
import { memberDiscreet, memberLang, memberStatus } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { graceRestoredCheckin, restoredCheckins, type RestoredCheckin } from '../store/restored-checkins';
import type { TimerStore } from './checkin-timers';

/** How long she has, at least, from the server's start to answer. */
export const RESTORED_GRACE_MS = 30 * 60_000;

/**
 * Gives up to `limit` restored check-ins their grace and asks each member,
 * in the caller's transaction; returns how many it read and how many it asked.
 */
export function askRestored(deps: TimerStore, now: number, limit: number): { read: number; asked: number } {
  const { db } = deps;
  const rows = restoredCheckins(db, limit);
  let asked = 0;
  for (const c of rows) {
    const dueAt = Math.max(c.dueAt, now + RESTORED_GRACE_MS);
    try {
      if (db.savepoint(() => askOne(deps, c, dueAt, now))) asked++;
    } catch (err) {
      // One that cannot be asked (a damaged value, a seal that fails) must not hold back every other timer, run after run:
      // unmarked, it runs to the grace end unasked, and escalates then. No reminder: a message to her just failed.
      // (On a full disk db.savepoint gives up the whole batch instead: this write then throws, and she is asked at the next run.)
      graceRestoredCheckin(db, c.id, dueAt, null, null);
      deps.log?.error({ err: safeError(err) }, 'a restored check-in could not be asked about; it escalates at its grace end unasked');
    }
  }
  return { read: rows.length, asked };
}

/** Gives one its grace and queues her question (linked to it); whether she was asked. */
function askOne(deps: TimerStore, c: RestoredCheckin, dueAt: number, now: number): boolean {
  const { db, vault } = deps;
  // Held as opted out, the carrier would refuse the question: it runs to the grace end unasked and escalates then,
  // as any check-in of hers does (the opt-out may be older than the check-in she asked for).
  if (memberStatus(db, c.memberId) === 'stopped') {
    graceRestoredCheckin(db, c.id, dueAt, null, null);
    return false;
  }
  // Who the timer would tell now, as escalate() chooses.
  const told = personBuddies(db, vault, c.memberId).length ? 'buddies' : fallbackModerators(deps, c.memberId).length ? 'moderators' : 'nobody';
  const t = catalog(memberLang(db, c.memberId));
  const until = t.checkinEnd(dayTime(dueAt, now));
  // It comes unasked, to her lock screen: discreet names no check-in, nor the line.
  const text = memberDiscreet(db, c.memberId) ? t.discreetRestored(until, deps.checkins && laterExample(deps.checkins, now, dueAt)) : t.checkinRestored(until, told);
  const question = enqueueMessage(db, vault, c.memberId, text, now);
  // Linked as her reminder is: OK, STOP and DELETE erase it with the check-in.
  linkCheckinMessage(db, question, c.id, 'reminder');
  // A reminder of the old end has passed: the new end gets its own, as a CHECKIN of that length would.
  // The question is kept: the carrier refusing it as opted out ends this check-in (store/checkin-stop.ts).
  graceRestoredCheckin(db, c.id, dueAt, dueAt === c.dueAt ? c.remindAt : reminderAt(dueAt, now), question);
  return true;
}
