/**
 * Retention: erases reports, alerts (with their screening entries), finished
 * outbox rows and rows stranded unsent, Twilio clean-up tasks no worker took
 * up, and old bookkeeping past RETENTION_DAYS, so a seized database holds as
 * little history as the line needs; and the areas of a membership marked
 * invalid, its number refused, 14 days ago (store/invalid-streak.ts). A report whose alert outlives it (it was
 * approved later than filed) keeps only its reference and areas until the
 * alert goes: RETRACT names an alert by its report's reference. A report rejected before REJECT
 * discarded at once loses its text, answers and identifiers now. Handled provider ids lose their stored
 * reply within a day but stay (as a blind index and a day) for
 * RETENTION_DAYS, so no captured webhook can be replayed. After a run that
 * erased anything the WAL is truncated: no erased row survives there.
 */
import { lapseInvitations } from '../store/invitation-lapse';
import { ageDeclines } from '../store/buddy-declines';
import { ageCheckinRefs } from '../store/checkin-refs';
import { ageCheckins } from '../store/checkins';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { ageInboundLog, REPLY_KEPT_MS } from '../store/inbound-log';
import { forgetDecidedRequests } from '../store/member-requests';
import { lapseInvalid } from '../store/invalid-streak';
import { eraseStranded, forgetSentAddresses, forgetSentTexts, untieFinishedBefore } from '../store/outbox';
import { DEFAULT_UNREACHABLE_RETRY, LIMITED_RETRY } from '../outbox/delivery-status';
import { discardRejectedReports, eraseOldReports, reduceOldReports } from '../store/reports';
import { eraseStaleProviderTasks } from '../store/provider-tasks';
import { LONGEST_WINDOW_MS } from '../store/sender-limits';
import { runGuardedAsync } from './guarded';

/**
 * Most rows of a big table (the outbox, an alert's deliveries, reports, the
 * inbound log) one retention transaction erases: a large history (the first
 * run after an outage, a lowered RETENTION_DAYS, `heads-up purge` beside the
 * running server) goes in many short commits, so webhooks get the write lock
 * between them and the WAL is checkpointed as it goes instead of growing.
 */
export const RETENTION_BATCH = 2_000;

/**
 * Runs `step` (erasing at most `batch` rows) in its own transaction until it
 * erases fewer; returns the total. It pauses (yields) after each commit that
 * erased anything, a last short batch too: the server lets webhooks and sends
 * run there, so no turn of its event loop erases more than about a batch.
 */
function* inBatches(db: Db, batch: number, step: (limit: number) => number): Generator<void, number> {
  let total = 0;
  for (;;) {
    const n = db.transaction(() => step(batch));
    total += n;
    if (n > 0) yield;
    if (n < batch) return total;
  }
}

/** Deletes everything older than the retention period, a batch per transaction; returns counts per table. */
export function runRetention(db: Db, retentionDays: number, now: number, batch: number = RETENTION_BATCH): Record<string, number> {
  const steps = retentionSteps(db, retentionDays, now, batch);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * runRetention for the server: between two commits it waits for the event
 * loop to turn, so a large history (a lowered RETENTION_DAYS) does not hold
 * up webhooks and alerts for seconds while it goes.
 */
export async function runRetentionInTurns(db: Db, retentionDays: number, now: number, batch: number = RETENTION_BATCH): Promise<Record<string, number>> {
  const steps = retentionSteps(db, retentionDays, now, batch);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* retentionSteps(db: Db, retentionDays: number, now: number, batch: number): Generator<void, Record<string, number>> {
  const cutoff = now - retentionDays * 86_400_000;
  const day = now - 86_400_000;
  // Check-ins (issue 13): details a day after an escalation, the row after a week. First: who an
  // escalation reached is recorded as its messages go, before a short RETENTION_DAYS erases them below.
  const checkins = db.transaction(() => ageCheckins(db, now));
  const outbox = yield* inBatches(db, batch, (limit) =>
    db.stmt("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE state <> 'pending' AND updated_at < ? LIMIT +?)").run(cutoff, limit).changes,
  );
  // A finished reply or notice names no member (store/outbox-untie.ts): those its finishing left named, and an SMS's status that never came.
  const untied = yield* inBatches(db, batch, (limit) => untieFinishedBefore(db, now - DEFAULT_UNREACHABLE_RETRY.freshMs, now - LIMITED_RETRY.freshMs, limit));
  // Never sent and due before the cutoff: a reply, a notice or an escalation that late must not go out.
  const stranded = yield* inBatches(db, batch, (limit) => eraseStranded(db, cutoff, limit));
  const screening = db.transaction(() => db.stmt('DELETE FROM screening WHERE created_at < ?').run(cutoff).changes);
  const alerts = yield* eraseOldAlerts(db, cutoff, batch);
  // After the alerts: a report goes with its alert, approved (and erased) later than it was filed.
  const reports = yield* inBatches(db, batch, (limit) => eraseOldReports(db, cutoff, limit));
  // Until then only its reference and areas stay, so RETRACT still finds an alert CHECK finds.
  const reportsReduced = yield* inBatches(db, batch, (limit) => reduceOldReports(db, cutoff, limit));
  // Rejected before REJECT discarded at once: their text, answers and identifiers go now, as REJECT's do.
  const reportsDiscarded = yield* inBatches(db, batch, (limit) => discardRejectedReports(db, limit));
  // Retried webhooks arrive within minutes: the reply goes within a day, the id stays for the retention period.
  const inbound = yield* inBatches(db, batch, (limit) => ageInboundLog(db, now - REPLY_KEPT_MS, limit));
  const seen = yield* inBatches(db, batch, (limit) =>
    db.stmt('DELETE FROM inbound_seen WHERE provider_bidx IN (SELECT provider_bidx FROM inbound_seen WHERE day < ? LIMIT +?)').run(Math.floor(cutoff / 86_400_000), limit)
      .changes,
  );
  const erased: Record<string, number> = {
    checkins,
    outbox,
    untied,
    stranded,
    screening,
    alerts,
    reports,
    reportsReduced,
    reportsDiscarded,
    inbound,
    seen,
    // Small tables, one transaction.
    ...db.transaction(() => ({
      // A window is at most a day long (25 hours the clocks go back); one that started longer ago is over (DELETE leaves those of the last day here).
      limits: db.stmt('DELETE FROM sender_limits WHERE window_start <= ?').run(now - LONGEST_WINDOW_MS).changes,
      digests: db.stmt('DELETE FROM notice_digests WHERE period_start < ?').run(day).changes,
      providerTasks: eraseStaleProviderTasks(db, cutoff),
      // An invitation no one answered in a week lapses: it agreed to nothing, and must not wait for a yes meant for another.
      invitations: lapseInvitations(db, now),
      // A buddy's DECLINE keeps the member from asking again for 30 days, no longer than RETENTION_DAYS.
      buddyDeclines: ageDeclines(db, cutoff, now),
      // An SMS sent straight to an address keeps it only while a report (an "undelivered", a daily cap's 63038) may still send it
      // again: for 4 hours after its send (one queued in an outage is sent late), while under a day old for one a daily cap made due again.
      sentAddresses: forgetSentAddresses(db, now - DEFAULT_UNREACHABLE_RETRY.freshMs, now - LIMITED_RETRY.freshMs),
      // Its text too (a status callback that never came): with the key, an escalation read no later than this.
      sentTexts: forgetSentTexts(db, now - DEFAULT_UNREACHABLE_RETRY.freshMs, now - LIMITED_RETRY.freshMs),
      // A missed check-in's reference: BLOCK has a week, as her escalated check-in has for a late OK.
      checkinRefs: ageCheckinRefs(db, cutoff, now),
      // A decided join request's reference answers "already decided" for a week, on a line that decides no other too.
      decidedRequests: forgetDecidedRequests(db, now),
      // A number marked invalid two weeks ago may be someone else's now: its membership's areas go.
      invalidLapsed: lapseInvalid(db, now),
    })),
  };
  if (Object.values(erased).some((n) => n > 0)) db.eraseSoon();
  return erased;
}

/**
 * Erases planned alerts older than the cutoff. An alert's deliveries (one
 * outbox row per recipient, sent or never sent), unread notices and what READ
 * messages quoted of it would go with it in one cascade: they are erased
 * first, then the alerts, each a batch of rows at a time across all the old alerts (a long history of
 * alerts with a few rows each must not go in one turn either).
 */
function* eraseOldAlerts(db: Db, cutoff: number, batch: number): Generator<void, number> {
  const old = 'SELECT id FROM alerts WHERE created_at < ? AND planned_at IS NOT NULL';
  yield* inBatches(db, batch, (limit) => db.stmt(`DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE alert_id IN (${old}) LIMIT +?)`).run(cutoff, limit).changes);
  yield* inBatches(db, batch, (limit) =>
    db.stmt(`DELETE FROM unread_alerts WHERE (member_id, alert_id) IN (SELECT member_id, alert_id FROM unread_alerts WHERE alert_id IN (${old}) LIMIT +?)`).run(cutoff, limit).changes,
  );
  // What READ messages quoted (read_quotes): a message read weeks after the alert went outlives it.
  yield* inBatches(db, batch, (limit) =>
    db.stmt(`DELETE FROM read_quotes WHERE (outbox_id, alert_id) IN (SELECT outbox_id, alert_id FROM read_quotes WHERE alert_id IN (${old}) LIMIT +?)`).run(cutoff, limit).changes,
  );
  return yield* inBatches(db, batch, (limit) => db.stmt(`DELETE FROM alerts WHERE id IN (${old} LIMIT +?)`).run(cutoff, limit).changes);
}

/**
 * Runs retention now and then every `everyMs`, one run at a time, guarded (a
 * busy database waits for the next run); returns a stop function that waits
 * for a run under way (each of its batches is committed as it goes).
 */
export function scheduleRetention(log: Logger, run: () => Promise<void>, everyMs = 3_600_000): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const start = (): void => {
    if (running) return;
    running = runGuardedAsync(log, 'retention', run).finally(() => (running = undefined));
  };
  start();
  const timer = setInterval(start, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
