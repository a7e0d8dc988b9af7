/**
 * Cancelling a retracted alert's unsent copies, a bounded number at a time.
 * RETRACT records the retraction and counts them; RetractionJob then cancels
 * them a chunk per transaction (one UPDATE of 200,000 copies held the event
 * loop for 1 to 3 seconds), and a lane's claim cancels any it meets before
 * then (outbox-claims.ts): a copy of a retracted alert is never sent, cancelled
 * yet or not.
 */
import type { Db } from './db';
import { PRIORITY } from './outbox-rows';
import { RETRACTED_MAYBE_SENT, TRY_UNANSWERED } from './outbox-withdrawals';

/** Copies read per transaction: 20,000 held the loop about a quarter of a second, 2,000 some 10 to 25 ms (bench/retract.ts). */
export const CANCEL_CHUNK = 2_000;

/**
 * A copy cancelled unsent fails as 'retracted' (the id of an earlier,
 * undelivered try goes: it maps to her number); one with a try unanswered
 * (a time-out, a 5xx, a restart's released lease) may be on her phone: it
 * fails as RETRACTED_MAYBE_SENT, to be corrected, and is not counted.
 */
const CANCEL = `state = 'failed', error = CASE WHEN ${TRY_UNANSWERED} THEN '${RETRACTED_MAYBE_SENT}' ELSE 'retracted' END,
  lease_until = 0, provider_id = NULL, updated_at = @now`;

/** Waiting and not in flight: a send in flight is left to its answer (outbox-outcomes.ts cancels it when it comes back). */
const UNSENT = "state = 'pending' AND lease_until <= @now";

/** How many of an alert's copies a cancellation would count as cancelled unsent (RETRACT's reply). */
export function countUnsent(db: Db, alertId: number, now: number): number {
  return (db.stmt(`SELECT count(*) AS n FROM outbox WHERE alert_id = @alert AND ${UNSENT} AND NOT (${TRY_UNANSWERED})`).get({ alert: alertId, now }) as { n: number }).n;
}

/**
 * Cancels the unsent copies among the next `limit` copies of an alert after
 * member `after`, in the alert's own index (alert_id, member_id): each call
 * reads at most `limit` rows, however many are cancelled already. Returns
 * the last member read, the next call's `after`, or null when none was left.
 */
export function cancelUnsentAfter(db: Db, alertId: number, after: number, now: number, limit: number): number | null {
  const { upto } = db
    .stmt('SELECT max(member_id) AS upto FROM (SELECT member_id FROM outbox WHERE alert_id = ? AND member_id > ? ORDER BY member_id LIMIT +?)')
    .get(alertId, after, limit) as { upto: number | null };
  if (upto === null) return null;
  db.stmt(`UPDATE outbox SET ${CANCEL} WHERE alert_id = @alert AND member_id > @after AND member_id <= @upto AND ${UNSENT}`).run({ alert: alertId, after, upto, now });
  return upto;
}

/**
 * Cancels at most `limit` unsent copies of an alert (the follow-up's own
 * pass, after RetractionJob's: what is left is a send's retry or what a
 * caller without the job retracted). Returns how many it cancelled.
 */
export function cancelUnsent(db: Db, alertId: number, now: number, limit: number): number {
  return db.stmt(`UPDATE outbox SET ${CANCEL} WHERE id IN (SELECT id FROM outbox WHERE alert_id = @alert AND ${UNSENT} LIMIT +@limit)`).run({ alert: alertId, now, limit }).changes;
}

/** Cancels one row a lane was about to claim if it is a copy of a retracted alert; whether it did. */
export function cancelIfRetracted(db: Db, outboxId: number, now: number): boolean {
  return (
    db
      .stmt(
        `UPDATE outbox SET ${CANCEL} WHERE id = @id AND state = 'pending'
           AND EXISTS (SELECT 1 FROM alerts a WHERE a.id = outbox.alert_id AND a.retracted_at IS NOT NULL)`,
      )
      .run({ id: outboxId, now }).changes === 1
  );
}

/**
 * Cancels at most `limit` of an alert's copies due on a lane, through the
 * lane's own index (pending rows only, so those cancelled leave it): a claim
 * that met a copy of a retracted alert clears a chunk of the rest. How many.
 */
export function cancelDueCopies(db: Db, channel: string, alertId: number, now: number, limit: number): number {
  return db
    .stmt(
      `UPDATE outbox SET ${CANCEL} WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_lane
         WHERE channel = @channel AND priority = @bulk AND state = 'pending' AND due_at <= @now AND alert_id = @alert AND ${UNSENT} LIMIT +@limit)`,
    )
    .run({ channel, bulk: PRIORITY.bulk, alert: alertId, now, limit }).changes;
}

/** The retracted alerts whose follow-up is not done: those whose copies may still wait to be cancelled. */
export function retractionsOpen(db: Db): Array<{ id: number; retractedAt: number }> {
  return db.stmt('SELECT id, retracted_at AS retractedAt FROM alerts WHERE retracted_at IS NOT NULL AND retraction_done_at IS NULL ORDER BY id').all() as Array<{
    id: number;
    retractedAt: number;
  }>;
}
