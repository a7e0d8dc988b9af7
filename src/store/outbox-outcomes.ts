/**
 * Recording results: a send's outcome as the lane reports it, and what a
 * provider's status report later says of the same row (delivered, failed,
 * or due again).
 */
import { startOfLocalDay } from '../bot/clock-time';
import { planTwinFallback } from './alerts';
import type { Db } from './db';
import { openBody, openRowAddress, TO_BUDDY, type AddressedRow } from './outbox-rows';
import { LEFT_MAYBE_SENT, OUTSIDE_HER_AREAS, RETRACTED_MAYBE_SENT } from './outbox-withdrawals';
import type { Vault } from './vault';

const RETRACTED = 'SELECT id FROM alerts WHERE retracted_at IS NOT NULL';

/** The result of one send, to be recorded. */
export type Outcome =
  | { id: number; kind: 'sent'; providerId: string }
  /**
   * `throttled`: the provider said "too many requests" (counted apart from the tries a real failure gets);
   * `notTaken`: the try surely never reached the provider (no connection, or it failed before the send).
   */
  | { id: number; kind: 'retry'; dueAt: number; error: string; throttled?: boolean; notTaken?: boolean }
  /** Refused for a fault of the line's own (its credentials, its sender): back in its place in line, the try not counted. */
  | { id: number; kind: 'held'; error: string }
  | { id: number; kind: 'failed'; error: string };

/**
 * When a send was taken, as sent_at keeps it: the start of its day where the line is, no minute of it (which would
 * tie her row to the provider's records). Nothing reads it now (a retraction's correction names the alert by its own
 * time): it is still written as before, to be dropped with its column by a later version.
 */
const sentAt = (now: number): number => startOfLocalDay(now);

/**
 * Records outcomes. A send's outcome does not overwrite what a status
 * report for it already settled (the report can beat the outcome). A
 * finished row keeps neither its own address nor its text; an SMS sent
 * keeps both, sealed, until its final status (settleReported) or the end
 * of the unreachable retry's window (forgetSentTexts): "undelivered" to a
 * phone that was off sends it again, and nothing else reads them. A Signal
 * message sent keeps neither: Signal reports no failure that would send it
 * again, and its text (a report's read-back she then dropped, a notice of
 * a text since edited, a check-in's escalation) must not outlast what it
 * quoted.
 */
export function recordOutcomes(db: Db, outcomes: Outcome[], now: number): void {
  if (outcomes.length === 0) return;
  const sent = db.stmt(
    `UPDATE outbox SET state = 'sent', provider_id = ?, error = NULL, sends = sends + 1, lease_until = 0, address_ct = CASE WHEN channel = 'sms' THEN address_ct END,
       body_ct = CASE WHEN channel = 'sms' THEN body_ct END, updated_at = ?, sent_at = ?
     WHERE id = ? AND state = 'pending' AND provider_id IS NULL`,
  );
  const retry = db.stmt(
    "UPDATE outbox SET state = 'pending', due_at = ?, error = ?, throttles = throttles + ?, lease_until = 0, updated_at = ? WHERE id = ? AND state = 'pending'",
  );
  const failed = db.stmt("UPDATE outbox SET state = 'failed', error = ?, lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ? WHERE id = ? AND state = 'pending'");
  // updated_at still holds the claim time here (as releaseLeases uses it): the row keeps its place in line.
  const held = db.stmt(
    "UPDATE outbox SET state = 'pending', due_at = updated_at, attempts = max(0, attempts - 1), error = ?, lease_until = 0, updated_at = ? WHERE id = ? AND state = 'pending'",
  );
  db.transaction(() => {
    for (const o of outcomes) {
      if (o.kind === 'sent') sent.run(o.providerId, now, sentAt(now), o.id);
      else if (o.kind === 'retry' || o.kind === 'held') {
        if (o.kind === 'retry') retry.run(o.dueAt, o.error, o.throttled ? 1 : 0, now, o.id);
        else held.run(o.error, now, o.id);
        // Only a 429, a hold, or a try that never reached the provider is surely not taken; a time-out or a 5xx may follow a send.
        // A 429 or a hold is already out of the count of tries unanswered; a try never reached is not.
        const notTaken = o.kind === 'retry' && o.notTaken === true && o.throttled !== true;
        cancelIfWithdrawn(db, o.id, now, o.kind === 'held' || o.throttled === true || notTaken, notTaken);
      } else failed.run(o.error, now, o.id);
    }
  });
}

/**
 * A message withdrawn while it was in flight is not tried again: a copy of
 * an alert retracted meanwhile (RETRACT cancels only the copies no send
 * holds) fails as retracted, a copy of an alert reaching none of the areas
 * she holds now (she left them meanwhile) as left_area, or, when the
 * provider may have taken this try (`unsent` false: a time-out, a 5xx) or
 * an earlier one (TRY_UNANSWERED, this try left out when `notTaken`), as
 * RETRACTED_MAYBE_SENT and LEFT_MAYBE_SENT, a message whose text was erased
 * meanwhile (a moderator notice of a report decided or edited) as superseded. Without this the row
 * would be due again, and the dispatcher's renderer may still hold the
 * alert's text in memory. Run only when a try comes back to be sent again,
 * never on a send's way out.
 */
function cancelIfWithdrawn(db: Db, id: number, now: number, unsent: boolean, notTaken = false): void {
  const maybeSent = `(NOT @unsent OR attempts - throttles - @notTaken > sends)`;
  const left = db
    .stmt(
      `UPDATE outbox SET state = 'failed', lease_until = 0, address_ct = NULL, provider_id = NULL, updated_at = @now,
         error = CASE WHEN alert_id IS NULL THEN 'superseded'
           WHEN alert_id IN (${RETRACTED}) THEN CASE WHEN ${maybeSent} THEN '${RETRACTED_MAYBE_SENT}' ELSE 'retracted' END
           WHEN ${maybeSent} THEN '${LEFT_MAYBE_SENT}' ELSE 'left_area' END
       WHERE id = @id AND state = 'pending'
         AND (alert_id IN (${RETRACTED}) OR (alert_id IS NULL AND body_ct IS NULL) OR (${OUTSIDE_HER_AREAS}))
       RETURNING member_id AS memberId, alert_id AS alertId, created_at AS plannedAt, error`,
    )
    .get({ now, id, unsent: unsent ? 1 : 0, notTaken: notTaken ? 1 : 0 }) as LeftCopy | undefined;
  if (left) leftCopyToTwin(db, left, now);
}

/** A row withdrawn as it came back, as cancelIfWithdrawn returns it. */
interface LeftCopy {
  memberId: number;
  alertId: number | null;
  plannedAt: number;
  error: string;
}

/**
 * A Signal copy withdrawn because she left its areas there goes to her SMS
 * membership if that one keeps them, as LEAVE does for a copy waiting
 * (planTwinFallback; nothing for an SMS copy). Not one Signal may have
 * delivered (LEFT_MAYBE_SENT): she would get it twice.
 */
function leftCopyToTwin(db: Db, copy: LeftCopy, now: number): void {
  if (copy.error === 'left_area' && copy.alertId !== null) planTwinFallback(db, copy.memberId, copy.alertId, now, copy.plannedAt);
}

/**
 * Records try `attempt` of row `id` sent as `providerId` when its answer is
 * not recorded yet (the provider reported taking it: our time-out or a crash
 * came first). Only a row still pending at that try with no provider id
 * moves, so a report of an earlier try, or one replayed, changes nothing;
 * the send's own late outcome then finds no pending row and does nothing.
 */
export function recordTaken(db: Db, id: number, attempt: number, providerId: string, now: number): boolean {
  return (
    db
      .stmt(
        `UPDATE outbox SET state = 'sent', provider_id = ?, error = NULL, sends = sends + 1, lease_until = 0, address_ct = CASE WHEN channel = 'sms' THEN address_ct END,
           body_ct = CASE WHEN channel = 'sms' THEN body_ct END, updated_at = ?, sent_at = ?
         WHERE id = ? AND state = 'pending' AND attempts = ? AND provider_id IS NULL`,
      )
      .run(providerId, now, sentAt(now), id, attempt).changes === 1
  );
}

/** A row as a status report finds it. */
export interface ReportedRow {
  id: number;
  memberId: number | null;
  state: string;
  /**
   * Sends the provider took, the one reported on included: those answered
   * with its id, and a try it reports on before its answer was recorded (a
   * time-out, a crash). Its refusals, 5xx and time-outs it never reported
   * on are not counted.
   */
  sends: number;
  createdAt: number;
  providerId: string | null;
  /** Why a failed row failed ('retracted', LEFT_MAYBE_SENT: withdrawn while a send held it). */
  error: string | null;
}

/**
 * The row a status report is about: by the row id carried in the callback
 * URL when there is one (it matches even before the send's outcome is
 * recorded, if the URL's try is the row's), else by provider id. A row
 * already settled by another message id (a later attempt) does not match.
 */
export function findReported(db: Db, rowId: number | undefined, providerId: string, attempt?: number): ReportedRow | undefined {
  const row = (
    rowId !== undefined
      ? db.stmt('SELECT id, member_id, state, attempts, sends, created_at, provider_id, error FROM outbox WHERE id = ?').get(rowId)
      : db.stmt('SELECT id, member_id, state, attempts, sends, created_at, provider_id, error FROM outbox WHERE provider_id = ?').get(providerId)
  ) as { id: number; member_id: number | null; state: string; attempts: number; sends: number; created_at: number; provider_id: string | null; error: string | null } | undefined;
  if (!row || (row.provider_id !== null && row.provider_id !== providerId)) return undefined;
  // Before its outcome is recorded a try has no provider id: only a report of that same try matches.
  if (row.provider_id === null && attempt !== undefined && row.attempts !== attempt) return undefined;
  // A try reported on with no id recorded (its answer a time-out, or not in yet): the provider took it.
  const sends = row.sends + (row.provider_id === null && row.state === 'pending' ? 1 : 0);
  return { id: row.id, memberId: row.member_id, state: row.state, sends, createdAt: row.created_at, providerId: row.provider_id, error: row.error };
}

/** The address of row `id` if it went to a buddy and still holds it (an SMS keeps it until its final status). */
export function buddyAddressOf(db: Db, vault: Vault, id: number): string | undefined {
  const row = db.stmt(`SELECT o.id, o.address_ct, o.key_version FROM outbox o WHERE o.id = ? AND o.address_ct IS NOT NULL AND ${TO_BUDDY}`).get(id) as
    | AddressedRow
    | undefined;
  return row ? openRowAddress(vault, row) : undefined;
}

/** The text of row `id` while it holds it (an SMS sent keeps it until its final status), or undefined: erased, or it will not open. */
export function sentBodyOf(db: Db, vault: Vault, id: number): string | undefined {
  const row = db.stmt('SELECT id, body_ct, key_version FROM outbox WHERE id = ? AND body_ct IS NOT NULL').get(id) as
    | { id: number; body_ct: Buffer; key_version: number }
    | undefined;
  if (!row) return undefined;
  try {
    return openBody(vault, row);
  } catch {
    return undefined;
  }
}

/**
 * Settles a reported row: delivered, failed (with the reason), or due again
 * at `retryAt` (keeping the provider id until the next claim, so the send's
 * own late outcome cannot mark the row sent; `dailyCap`: for the account's
 * daily cap).
 */
export function settleReported(
  db: Db,
  id: number,
  providerId: string,
  result: { state: 'delivered' } | { state: 'failed'; error: string } | { state: 'pending'; error: string; retryAt: number; dailyCap?: boolean },
  now: number,
): void {
  if (result.state === 'pending') {
    // A try whose id was not recorded yet is counted as taken now (findReported counted it).
    // A daily cap's (dailyCap) marks the row for good: a re-send may meet the cap again, for a day (forgetSentTexts keeps its text so long).
    db.stmt(
      "UPDATE outbox SET state = 'pending', sends = sends + (provider_id IS NULL), provider_id = ?, error = ?, due_at = ?, lease_until = 0, updated_at = ?, daily_capped = max(daily_capped, ?) WHERE id = ?",
    ).run(providerId, result.error, result.retryAt, now, result.dailyCap === true ? 1 : 0, id);
    // "Undelivered": the provider says she does not have it.
    cancelIfWithdrawn(db, id, now, true);
  } else {
    // A finished message's provider id is not kept: the provider maps it to a number (its redaction holds it sealed, see provider-tasks.ts).
    // Nor its text: no "undelivered" can send it again now. Delivered before its send's outcome was recorded: sent that day at the latest.
    db.stmt(
      'UPDATE outbox SET state = @state, provider_id = NULL, error = coalesce(@error, error), lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = @now, sent_at = coalesce(sent_at, @sentAt) WHERE id = @id',
    ).run({ state: result.state, error: result.state === 'failed' ? result.error : null, now, sentAt: result.state === 'delivered' ? sentAt(now) : null, id });
  }
}
