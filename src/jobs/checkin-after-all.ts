/**
 * The correction owed a member told "we couldn't reach them… we're still
 * trying" once all of her escalation then failed for good (a buddy's
 * opt-out, the unreachable retries run out, or erased unsent by retention a
 * day on: store/checkins.ts ageCheckins): without it she would believe
 * they will still be told. Once per such notice, in the transaction that
 * clears what owed it (store/unreached-checkins.ts), so a crash neither
 * loses nor repeats it.
 */
import { catalog } from '../bot/catalog';
import { linkCheckinMessage, personCheckins } from '../store/checkins';
import type { Db } from '../store/db';
import { memberDiscreet, memberLang } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { afterAllCheckins, clearTryingNotice, withdrawWaiting, type AfterAllCheckin } from '../store/unreached-checkins';
import type { Vault } from '../store/vault';
import type { TimerRun } from './checkin-timers';

/**
 * Tells each member owed it, after check-in `afterId`, that her escalation
 * reached no one after all; each in a savepoint of the caller's transaction
 * (one that cannot be written does not hold back the others), counted in
 * `run`. Returns the last check-in looked at, and whether the batch was full.
 */
export function tellAfterAll(deps: { db: Db; vault: Vault }, run: TimerRun, now: number, limit: number, afterId: number): { lastId: number; full: boolean } {
  const owed = afterAllCheckins(deps.db, limit, afterId);
  for (const c of owed) {
    try {
      if (deps.db.savepoint(() => tellOne(deps, c, now))) run.unreached++;
    } catch {
      run.failed++;
    }
  }
  return { lastId: owed.at(-1)?.id ?? afterId, full: owed.length === limit };
}

/**
 * Her correction (discreet if she chose it); whether it was queued. None if
 * the still-trying notice never reached her, nor once she has started
 * another check-in (on either channel): she is about, and its "Text OK"
 * would end the one running too, no one then told if she goes missing.
 */
function tellOne(deps: { db: Db; vault: Vault }, c: AfterAllCheckin, now: number): boolean {
  const { db, vault } = deps;
  clearTryingNotice(db, c.id);
  if (c.noticeFailed || newerCheckinRuns(db, c.memberId, c.id)) return false;
  const t = catalog(memberLang(db, c.memberId));
  const text = memberDiscreet(db, c.memberId) ? t.discreetUnreachedAfterAll(c.buddies, c.moderators) : t.checkinUnreachedAfterAll(c.buddies, c.moderators);
  // A still-trying notice not sent yet is no longer true: this one goes instead.
  withdrawWaiting(db, c.id, 'notice');
  linkCheckinMessage(db, enqueueMessage(db, vault, c.memberId, text, now), c.id, 'notice');
  return true;
}

/** Whether she started another check-in (on either channel) after this one: an OK she is asked for would end it too. */
export function newerCheckinRuns(db: Db, memberId: number, checkinId: number): boolean {
  const { open, escalated } = personCheckins(db, memberId);
  return open.length > 0 || escalated.some((e) => e.id > checkinId);
}

/**
 * Whether a check-in of hers runs (on either channel), not yet escalated: an OK she is asked for would end it
 * unseen. One escalated too is no reason not to ask: the OK ends both, and those told hear she is safe.
 */
export function checkinRuns(db: Db, memberId: number): boolean {
  return personCheckins(db, memberId).open.length > 0;
}
