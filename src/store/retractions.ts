/**
 * RETRACT in the store: an alert withdrawn stops being planned and sent,
 * leaves the screening index, and each copy already sent is followed up
 * once: an SMS copy gets a one-line correction (an ordinary outbox
 * message), a Signal copy is deleted with the timestamp the send returned
 * (the outbox keeps it, as the provider id of a sent row, for as long as
 * the row: RETENTION_DAYS), or corrected when it cannot be (no timestamp,
 * older than Signal honours a deletion, or the deletion failed for good),
 * or both when an earlier try may have delivered a copy of its own.
 */
import type { AlertBody } from '../alerts/report-template';
import { retractionText } from '../bot/retraction-text';
import type { Lang } from '../domain/lang';
import { openAlertEvenRetracted } from './alerts';
import type { Db } from './db';
import { memberDiscreet } from './members';
import { enqueueMessage, PRIORITY } from './outbox';
import { dropFromWaitingReads } from './read-quotes';
import { LEFT_MAYBE_SENT, RETRACTED_MAYBE_SENT, TRY_UNANSWERED } from './outbox-withdrawals';
import { CANCEL_CHUNK, cancelUnsent, countUnsent } from './retraction-cancel';
import { unindexAlert } from './screening';
import { forgetUnreadAlert } from './unread-alerts';
import type { Vault } from './vault';

/** How long after sending Signal apps still honour a remote delete (about a day: docs/signal.md). */
export const SIGNAL_DELETE_WINDOW_MS = 24 * 3600_000;

/**
 * Withdraws an alert: no more planning, out of screening and of READ; from
 * now on no copy of it is sent (a lane's claim cancels one it meets), and
 * RetractionJob cancels its unsent copies a chunk at a time. Returns the
 * copies it counts to cancel (not those a try may have delivered: they are
 * corrected), and whether any copy had been made (an operator's ALERT is
 * planned by the server within seconds: retracted before that, it went to
 * no one).
 */
export function retractAlert(db: Db, alertId: number, now: number): { cancelled: number; planned: boolean } {
  const planned = db.stmt('SELECT 1 FROM alerts WHERE id = ? AND planned_at IS NULL AND plan_cursor = 0').get(alertId) === undefined;
  db.stmt('UPDATE alerts SET retracted_at = ?, planned_at = coalesce(planned_at, ?) WHERE id = ?').run(now, now, alertId);
  unindexAlert(db, alertId);
  forgetUnreadAlert(db, alertId);
  return { cancelled: countUnsent(db, alertId, now), planned };
}

/**
 * A copy she may have (outbox as o): sent or delivered, a Signal copy
 * withdrawn as its try came back unanswered when she had left its areas
 * (Signal reports no delivery that would tell), or a copy of this alert
 * cancelled with a try unanswered (RETRACTED_MAYBE_SENT: a restart's
 * released lease loses even the SMS status report that would tell).
 */
const MAYBE_HERS = `(o.state IN ('sent', 'delivered')
  OR (o.state = 'failed' AND (o.error = '${RETRACTED_MAYBE_SENT}' OR (o.channel = 'signal' AND o.error = '${LEFT_MAYBE_SENT}'))))`;

/** Signal copies whose remote deletion is due. */
export interface DueDelete {
  id: number;
  memberId: number;
  addressCt: Buffer;
  addressKv: number;
  timestamp: number;
  tries: number;
}

/** Whether a retracted alert has a copy waiting, or one she may have still to be deleted or corrected. */
function stillOpen(db: Db, alertId: number): boolean {
  const sql = `SELECT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = ?
    AND (o.state = 'pending' OR (${MAYBE_HERS} AND (o.retraction IS NULL OR o.retraction IN ('delete', 'correct'))))) AS x`;
  return (db.stmt(sql).get(alertId) as { x: number }).x === 1;
}

/**
 * One round of follow-up for every retracted alert not yet done, in the
 * caller's transaction: waiting copies cancelled (a send in flight that
 * failed and came back), waiting READ messages written again without
 * it (of any retracted alert, done or not: one sent may come back), sent SMS copies corrected, sent Signal copies
 * marked for deletion. An alert is done once no copy waits and none is
 * left to follow up. Returns how many corrections were queued.
 */
export function followUpRetractions(db: Db, vault: Vault, now: number, batch: number): { corrected: number; toDelete: number } {
  // A deletion still waiting (a retry, a long line of them) once Signal apps no longer honour one would
  // count as done and correct nothing: it is corrected instead.
  db.stmt("UPDATE outbox SET retraction = 'correct' WHERE retraction = 'delete' AND updated_at <= ?").run(now - SIGNAL_DELETE_WINDOW_MS);
  // One with nothing left open is done at once, after one look through its copies (when its unsent copies were
  // all cancelled, the five looks of a full round held the event loop a second for 200,000 of them).
  const retracted = db.stmt('SELECT id, npas, created_at FROM alerts WHERE retracted_at IS NOT NULL AND retraction_done_at IS NULL ORDER BY id').all() as Array<{
    id: number;
    npas: string;
    created_at: number;
  }>;
  // Not alerts that only wait for Signal deletions: ten of them (hours in an outage, for ever once Signal
  // is no longer configured) held back every later retraction's corrections.
  const toFollow = db.stmt(
    `SELECT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = @a AND (o.state = 'pending' OR (${MAYBE_HERS} AND (o.retraction IS NULL OR o.retraction = 'correct'))))
       OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = @a AND o.retraction = 'delete') AS x`,
  );
  const alerts: typeof retracted = [];
  for (const a of retracted) {
    if (!stillOpen(db, a.id)) db.stmt('UPDATE alerts SET retraction_done_at = ? WHERE id = ?').run(now, a.id);
    else if (alerts.length < 10 && (toFollow.get({ a: a.id }) as { x: number }).x) alerts.push(a);
  }
  // A READ message still quoting a retracted alert, waiting and not in flight (a RETRACT's own pass left it in
  // flight; Twilio's "undelivered", a send's retry or a restart's released lease brought it back, the alert's
  // follow-up done or not): the claim skips it until it is written again here, every round.
  // CROSS JOIN: from the retracted alerts (few: a moderator's withdrawals within retention), never from the
  // waiting rows, which a fan-out makes a million of, read every 5 s; then read_quotes' alert index, outbox's key.
  const returned = db
    .stmt(
      `SELECT DISTINCT q.alert_id AS id FROM alerts a CROSS JOIN read_quotes q ON q.alert_id = a.id CROSS JOIN outbox r ON r.id = q.outbox_id
       WHERE a.retracted_at IS NOT NULL AND r.state = 'pending' AND r.lease_until <= ?`,
    )
    .all(now) as Array<{ id: number }>;
  for (const a of returned) dropFromWaitingReads(db, vault, a.id, now);
  let corrected = 0;
  let toDelete = 0;
  const copies = db.stmt(
    `SELECT o.id, o.member_id, o.channel, o.provider_id, o.updated_at, o.retraction, coalesce(m.lang, 'en') AS lang FROM outbox o JOIN members m ON m.id = o.member_id
     WHERE o.alert_id = ? AND ${MAYBE_HERS} AND (o.retraction IS NULL OR o.retraction = 'correct') LIMIT +?`,
  );
  const mark = db.stmt('UPDATE outbox SET retraction = ? WHERE id = ?');
  for (const a of alerts) {
    // What RetractionJob's chunks left (a send's retry since), or all of a few: bounded, the rest next round.
    cancelUnsent(db, a.id, now, CANCEL_CHUNK);
    const rows = copies.all(a.id, batch) as Array<{
      id: number;
      member_id: number;
      channel: string;
      provider_id: string | null;
      updated_at: number;
      retraction: string | null;
      lang: Lang;
    }>;
    // A guided alert's categories name it in the correction (retraction-text.ts); one that no longer opens is named by its time alone.
    const body = rows.length > 0 ? openedBody(db, vault, a.id) : undefined;
    for (const r of rows) {
      // Named by the alert's own time, one for all its copies (with its day when not today): a copy's send time is
      // kept to its day only, so that no minute ties her row to the provider's records of her number.
      const sentAt = a.created_at;
      // A Signal copy is deleted by the timestamp its send returned, while Signal apps still honour a
      // deletion; one with none (read with READ before its notice went), one older, or one whose
      // deletion failed for good ('correct') gets the correction, as an SMS copy does.
      const deletable = r.retraction === null && r.provider_id !== null && /^\d{1,20}$/.test(r.provider_id) && now - r.updated_at < SIGNAL_DELETE_WINDOW_MS;
      if (r.channel === 'signal' && deletable) {
        mark.run('delete', r.id);
        toDelete++;
      } else {
        // Discreet on either of her memberships: her alert came as a notice, and the correction is as plain.
        const text = retractionText(r.lang, a.npas.split(','), body, sentAt, now, memberDiscreet(db, r.member_id));
        enqueueMessage(db, vault, r.member_id, text, now, { priority: PRIORITY.bulk });
        mark.run('corrected', r.id);
        corrected++;
      }
    }
    if (!stillOpen(db, a.id)) db.stmt('UPDATE alerts SET retraction_done_at = ? WHERE id = ?').run(now, a.id);
  }
  return { corrected, toDelete };
}

/** A retracted alert's body, or undefined when it no longer opens (a damaged value): its correction must still go. */
function openedBody(db: Db, vault: Vault, alertId: number): AlertBody | undefined {
  try {
    return openAlertEvenRetracted(db, vault, alertId)?.body;
  } catch (err) {
    // A busy or failing database is no damaged alert: the round fails and is tried again.
    if (String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_')) throw err;
    return undefined;
  }
}

/**
 * A copy failed as retracted, or as LEFT_MAYBE_SENT, while a send held it
 * (its answer a time-out, or the server killed first) that the provider
 * then reports delivered:
 * she has the withdrawn alert, so it counts as sent and the alert's
 * follow-up runs again to send her the correction (one failed as
 * RETRACTED_MAYBE_SENT keeps its follow-up: it was counted as hers already). Only a Signal copy
 * keeps its provider id (the timestamp a deletion names); an SMS's maps to
 * her number at Twilio and goes, as for any finished message.
 */
export function retractedCopyDelivered(db: Db, outboxId: number, providerId: string, now: number): void {
  db.stmt(
    `UPDATE outbox SET state = 'delivered', provider_id = CASE WHEN channel = 'signal' THEN ? END, error = NULL,
       retraction = CASE WHEN error = '${RETRACTED_MAYBE_SENT}' THEN retraction END, updated_at = ? WHERE id = ?`,
  ).run(
    providerId,
    now,
    outboxId,
  );
  db.stmt('UPDATE alerts SET retraction_done_at = NULL WHERE id = (SELECT alert_id FROM outbox WHERE id = ?)').run(outboxId);
}

/** Signal copies to delete now, at most `limit`. */
export function dueDeletes(db: Db, now: number, limit: number): DueDelete[] {
  return (
    db
      .stmt(
        `SELECT o.id, o.member_id, m.address_ct, m.key_version, o.provider_id, o.retraction_tries FROM outbox o JOIN members m ON m.id = o.member_id
         WHERE o.retraction = 'delete' AND o.retraction_due_at <= ? ORDER BY o.id LIMIT +?`,
      )
      .all(now, limit) as Array<{ id: number; member_id: number; address_ct: Buffer; key_version: number; provider_id: string; retraction_tries: number }>
  ).map((r) => ({ id: r.id, memberId: r.member_id, addressCt: r.address_ct, addressKv: r.key_version, timestamp: Number(r.provider_id), tries: r.retraction_tries }));
}

/**
 * Records a deletion's outcome: done (and the copy corrected as well, at
 * the next follow-up, when an earlier try may have been delivered too),
 * tried again at `retryAt`, or given up (after `maxTries`, or when retrying
 * cannot help): then the copy is corrected by a message instead.
 */
export function recordDelete(db: Db, id: number, result: { ok: true } | { ok: false; retryAt: number | null }, maxTries: number): void {
  // Only a row still waiting for its deletion: one the follow-up has corrected meanwhile (its day ran out
  // while the deletion waited for the lane's pace) must not be corrected again.
  if (result.ok) {
    // A copy sent after a try that did not end in its timestamp: that try may have been delivered under a
    // timestamp never learnt, so deleting by the one kept can leave that copy on her phone: she is corrected too.
    db.stmt(`UPDATE outbox SET retraction = CASE WHEN ${TRY_UNANSWERED} THEN 'correct' ELSE 'deleted' END WHERE id = ? AND retraction = 'delete'`).run(id);
    return;
  }
  db.stmt(
    `UPDATE outbox SET retraction_tries = retraction_tries + 1, retraction_due_at = coalesce(@due, 0),
       retraction = CASE WHEN @due IS NULL OR retraction_tries + 1 >= @max THEN 'correct' ELSE retraction END WHERE id = @id AND retraction = 'delete'`,
  ).run({ id, due: result.retryAt, max: maxTries });
}
