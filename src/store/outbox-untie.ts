/**
 * A one-off message (a reply, a notice, an admission) no longer names its
 * member once it is finished: a seizer read a reporter's reply queued in the
 * same millisecond as, and next to, the moderators' notice of her report,
 * and so who wrote which warning, for all of RETENTION_DAYS. Once nothing
 * can come back for it (delivered or failed; a Signal message sent, as
 * Signal reports nothing later) it keeps no member and its times only to
 * the day. The row stays, unnamed: doctor and the lanes' health read
 * finished rows' states and update times, and its id is never reused.
 */
import type { Db } from './db';

const DAY_MS = 86_400_000;

/**
 * Rows other records still read by member (a report's notices until it is
 * decided, a check-in's or a buddy link's messages, a join request's
 * notices, a digest, a READ's quotes): they are untied once those records
 * let go of them.
 */
const UNREFERENCED = ['report_notices', 'join_notices', 'notice_digests', 'checkin_messages', 'buddy_messages', 'read_quotes']
  .map((t) => `NOT EXISTS (SELECT 1 FROM ${t} WHERE outbox_id = outbox.id)`)
  .join(' AND ');

/** The terms of the partial index outbox_named_finished (0062), so that a sweep reads only those rows. */
const NAMED_FINISHED = "alert_id IS NULL AND member_id IS NOT NULL AND state <> 'pending'";

const UNTIE = `UPDATE outbox SET member_id = NULL, created_at = created_at - created_at % ${DAY_MS}, due_at = due_at - due_at % ${DAY_MS}`;

/** Nothing can come back for it: an SMS still 'sent' waits for its final status (a carrier's opt-out marks her). */
const DONE = "(state IN ('delivered', 'failed') OR channel = 'signal')";

/** Unties those of rows `ids` that are one-off, finished and no longer read by member. Returns how many. */
export function untieFinished(db: Db, ids: number[]): number {
  const untie = db.stmt(`${UNTIE} WHERE id = ? AND ${NAMED_FINISHED} AND ${DONE} AND ${UNREFERENCED}`);
  let n = 0;
  for (const id of ids) n += untie.run(id).changes;
  return n;
}

/**
 * Retention's sweep, at most `limit` rows: what the moments a row finishes
 * left named (a notice withdrawn, a check-in's message once the check-in is
 * gone, rows of an older version), and an SMS sent whose final status never
 * came once no retry can (sent before `before`, or before `limitedBefore`
 * for one a daily cap sent again: counted from its send, not its queueing,
 * as a reply queued in an outage is sent late and its status comes after).
 * Returns how many.
 */
export function untieFinishedBefore(db: Db, before: number, limitedBefore: number, limit: number): number {
  return db
    .stmt(
      `${UNTIE} WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_named_finished WHERE ${NAMED_FINISHED}
         AND (${DONE} OR (updated_at < @before AND (daily_capped = 0 OR updated_at < @limitedBefore))) AND ${UNREFERENCED} LIMIT +@limit)`,
    )
    .run({ before, limitedBefore, limit }).changes;
}
