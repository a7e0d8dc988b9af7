/**
 * Who a check-in's escalation reached (store/checkins.ts keeps the
 * check-ins): read from the outbox rows it queued while they are kept,
 * then from checkin_told, so that LATER, OK and the notices that no one was
 * reached say only what is true.
 */
import type { Db } from './db';

/**
 * An outbox row that has left, or is leaving, the outbox. A row the provider
 * only ever refused as "too many, later" (a 429: attempts all throttles) has
 * not.
 */
const LEFT_OUTBOX = "(o.state <> 'pending' OR o.lease_until > 0 OR o.attempts > o.throttles)";

/**
 * An outbox row whose recipient may have heard it: it has left, or is
 * leaving, the outbox, and has not failed for good (refused, undelivered,
 * given up after its retries). Retention records who it reached by it (ageCheckins).
 */
export const HEARD = `(${LEFT_OUTBOX} AND o.state <> 'failed')`;

/**
 * An escalation row not lost for good: waiting, tried, through, or given up
 * after tries that failed for a while (time-outs, 5xx: Signal may have
 * delivered it all the same). One refused for good, or withdrawn unsent,
 * reached no one.
 */
export const NOT_LOST = "(o.state <> 'failed' OR o.error LIKE 'gave_up:%')";

/** An escalation row someone may have heard: not lost, and it has left (or is leaving) the outbox. */
export const MAY_HAVE_ARRIVED = `(${LEFT_OUTBOX} AND ${NOT_LOST})`;

/**
 * Where a check-in's escalations went: to buddies (rows addressed directly)
 * and to moderators (rows to their member rows), and, once those rows are
 * erased, where they were recorded to have gone. A message that failed for
 * good went nowhere. With `queuedToo` false, only those that have left, or
 * are leaving, the outbox count: a late OK tells only who may have heard.
 */
export function escalationWentOut(db: Db, id: number, queuedToo: boolean): { buddies: boolean; moderators: boolean } {
  const rows = db
    .stmt(
      `SELECT o.member_id IS NULL AS direct, max(${HEARD}) AS out
       FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
       WHERE c.checkin_id = @id AND c.kind = 'escalation' AND o.state <> 'failed' GROUP BY 1
       UNION ALL SELECT to_buddy, 1 FROM checkin_told WHERE checkin_id = @id`,
    )
    .all({ id }) as Array<{ direct: number; out: number }>;
  const went = (direct: number) => rows.some((r) => r.direct === direct && (queuedToo || r.out === 1));
  return { buddies: went(1), moderators: went(0) };
}

/**
 * The buddy rows a check-in's escalation has left (or is leaving) the outbox
 * for, or was recorded to have reached; null when one of them was written
 * before the buddy was recorded (any accepted buddy may then have heard).
 */
export function buddiesTold(db: Db, id: number): number[] | null {
  return buddiesWhere(db, id, HEARD);
}

/** The buddy rows of a check-in's escalation whose outbox row meets `condition` (over `o`), or recorded reached; null as above. */
export function buddiesWhere(db: Db, id: number, condition: string): number[] | null {
  const rows = db
    .stmt(
      `SELECT c.buddy_id FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
       WHERE c.checkin_id = @id AND c.kind = 'escalation' AND o.member_id IS NULL AND ${condition}
       UNION ALL SELECT buddy_id FROM checkin_told WHERE checkin_id = @id AND to_buddy = 1`,
    )
    .all({ id }) as Array<{ buddy_id: number | null }>;
  return rows.some((r) => r.buddy_id === null) ? null : rows.map((r) => r.buddy_id as number);
}

/**
 * Whether a check-in's escalation still waits whole in the outbox: some of
 * it is queued, and none of it has left (or is leaving), nor was recorded
 * to have gone. No one can have heard it. A message refused for good, or
 * withdrawn unsent when its buddy left (store/buddies.ts), reached no one:
 * it neither counts as gone nor is there to take back, so the moderators
 * told in its place can still be taken back. One given up after tries that
 * failed for a while (time-outs: Signal may have delivered it all the same)
 * counts as gone.
 */
export function escalationUnsent(db: Db, id: number): boolean {
  const row = db
    .stmt(
      `SELECT count(*) AS queued, coalesce(sum(${LEFT_OUTBOX}), 0) AS gone FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
       WHERE c.checkin_id = @id AND c.kind = 'escalation' AND ${NOT_LOST}`,
    )
    .get({ id }) as { queued: number; gone: number };
  return row.queued > 0 && row.gone === 0 && db.stmt('SELECT 1 FROM checkin_told WHERE checkin_id = ?').get(id) === undefined;
}
