/**
 * Bookkeeping of moderator notices: how many went out in the current period
 * (past a cap the rest are counted into one digest per moderator), which
 * notices quote a report (erased once it is decided or edited), and which
 * announce a join request (withdrawn if the applicant closes it first).
 */
import type { Db } from './db';
import { untieFinished } from './outbox-untie';

export interface NoticePeriod {
  periodStart: number;
  heldReports: number;
  heldJoins: number;
}

/**
 * Counts one notice of `kind` in the period containing `now` (periods of
 * `periodMs`, aligned to the clock). Reports and join requests have a cap
 * each, so join requests (anyone can make them) never take a report's slot.
 * Returns null when it may be sent, else the period's held counts, this one
 * included. `held`: counted into the digest whatever the cap.
 */
export function takeNoticeSlot(db: Db, kind: 'report' | 'join', max: number, periodMs: number, now: number, held = false): NoticePeriod | null {
  const periodStart = now - (now % periodMs);
  let row = db.stmt('SELECT period_start, sent, sent_joins, held_reports, held_joins FROM notice_period WHERE id = 1').get() as
    | { period_start: number; sent: number; sent_joins: number; held_reports: number; held_joins: number }
    | undefined;
  if (!row || row.period_start !== periodStart) {
    row = { period_start: periodStart, sent: 0, sent_joins: 0, held_reports: 0, held_joins: 0 };
    db.stmt('INSERT OR REPLACE INTO notice_period (id, period_start, sent, sent_joins, held_reports, held_joins) VALUES (1, ?, 0, 0, 0, 0)').run(periodStart);
  }
  if (!held && (kind === 'join' ? row.sent_joins : row.sent) < max) {
    db.stmt(kind === 'join' ? 'UPDATE notice_period SET sent_joins = sent_joins + 1 WHERE id = 1' : 'UPDATE notice_period SET sent = sent + 1 WHERE id = 1').run();
    return null;
  }
  const heldReports = row.held_reports + (kind === 'report' ? 1 : 0);
  const heldJoins = row.held_joins + (kind === 'join' ? 1 : 0);
  db.stmt('UPDATE notice_period SET held_reports = ?, held_joins = ? WHERE id = 1').run(heldReports, heldJoins);
  return { periodStart, heldReports, heldJoins };
}

/** The digest already queued for a moderator in a period and not yet claimed by the dispatcher, if any. */
export function openDigest(db: Db, memberId: number, periodStart: number): number | undefined {
  const row = db
    .stmt(
      `SELECT d.outbox_id AS id FROM notice_digests d JOIN outbox o ON o.id = d.outbox_id
       WHERE d.member_id = ? AND d.period_start = ? AND o.state = 'pending' AND o.lease_until = 0`,
    )
    .get(memberId, periodStart) as { id: number } | undefined;
  return row?.id;
}

/** Records a queued digest and holds it until `dueAt` (the end of its period). */
export function holdDigest(db: Db, outboxId: number, memberId: number, periodStart: number, dueAt: number): void {
  db.stmt('UPDATE outbox SET due_at = ? WHERE id = ?').run(dueAt, outboxId);
  db.stmt('INSERT INTO notice_digests (outbox_id, member_id, period_start) VALUES (?, ?, ?)').run(outboxId, memberId, periodStart);
}

/** Records a report or join request held past the cap for its period's digest. */
export function holdForDigest(db: Db, periodStart: number, item: { reportId?: number; requestId?: number }): void {
  if (item.reportId !== undefined) db.stmt('INSERT INTO digest_items (period_start, report_id) VALUES (?, ?)').run(periodStart, item.reportId);
  else if (item.requestId !== undefined) db.stmt('INSERT INTO digest_items (period_start, request_id) VALUES (?, ?)').run(periodStart, item.requestId);
}

/** Periods of which a report or join request a digest counted still waits (a closed request's row is gone with it). */
const WAITING_PERIODS = `SELECT i.period_start FROM digest_items i LEFT JOIN reports r ON r.id = i.report_id
  WHERE i.request_id IS NOT NULL OR r.status = 'pending'`;

/**
 * Removes the digests still waiting and unclaimed whose period's reports and
 * requests are all decided or closed, and their record: nothing is left for
 * them to announce. The current period's held counts start again with them.
 */
export function dropSettledDigests(db: Db): number {
  db.stmt(`UPDATE notice_period SET held_reports = 0, held_joins = 0 WHERE period_start NOT IN (${WAITING_PERIODS})`).run();
  const dropped = db
    .stmt(
      `DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM notice_digests WHERE period_start NOT IN (${WAITING_PERIODS}))
       AND state = 'pending' AND lease_until = 0`,
    )
    .run().changes;
  db.stmt(`DELETE FROM digest_items WHERE period_start NOT IN (${WAITING_PERIODS})`).run();
  return dropped;
}

/** Removes a queued message no claim holds (a digest superseded by a newer count). */
export function dropQueued(db: Db, outboxId: number): void {
  db.stmt('DELETE FROM outbox WHERE id = ?').run(outboxId);
}

/** Records that an outbox row quotes a report. */
export function linkNotice(db: Db, outboxId: number, reportId: number): void {
  db.stmt('INSERT OR IGNORE INTO report_notices (outbox_id, report_id) VALUES (?, ?)').run(outboxId, reportId);
}

/** Records that an outbox row announces a join request. */
export function linkJoinNotice(db: Db, outboxId: number, requestId: number): void {
  db.stmt('INSERT OR IGNORE INTO join_notices (outbox_id, request_id) VALUES (?, ?)').run(outboxId, requestId);
}

/**
 * Withdraws the notices of a join request that still wait, as it closes
 * (decided, or closed by the applicant): moderators are not told of a
 * request that is gone. The text of one withdrawn names no one, and stays
 * with the row. One in flight goes once: its text is erased, so that a try
 * that comes back for a retry, or an SMS reported undelivered, is not sent
 * again (see cancelIfWithdrawn in outbox-outcomes.ts).
 */
export function withdrawJoinNotices(db: Db, requestId: number, now: number): void {
  const linked = 'SELECT outbox_id FROM join_notices WHERE request_id = @request';
  db.stmt(`UPDATE outbox SET state = 'failed', error = 'superseded', updated_at = @now WHERE id IN (${linked}) AND state = 'pending' AND lease_until <= @now`).run({
    request: requestId,
    now,
  });
  db.stmt(`UPDATE outbox SET body_ct = NULL WHERE id IN (${linked}) AND state IN ('pending', 'sent')`).run({ request: requestId });
}

/** Links a queued reply to SHOW (it quotes the report `ref`, if there is one) as a notice is linked: it goes with the report's text. */
export function linkShownReport(db: Db, outboxId: number, ref: string): void {
  db.stmt('INSERT OR IGNORE INTO report_notices (outbox_id, report_id) SELECT ?, id FROM reports WHERE ref = ?').run(outboxId, ref);
}

/**
 * The notices quoting report `reportId` not yet sent to member `memberId`
 * (a moderator): those no send holds are withdrawn, since the caller shows
 * her the report as it reads now. Returns how many there were, in flight
 * included.
 */
export function withdrawUnsentNotices(db: Db, reportId: number, memberId: number, now: number): number {
  const mine = "SELECT n.outbox_id FROM report_notices n JOIN outbox o ON o.id = n.outbox_id WHERE n.report_id = @report AND o.member_id = @member AND o.state = 'pending'";
  const waiting = (db.stmt(`SELECT count(*) AS n FROM (${mine})`).get({ report: reportId, member: memberId }) as { n: number }).n;
  if (waiting > 0) {
    db.stmt(`UPDATE outbox SET body_ct = NULL, state = 'failed', error = 'superseded', updated_at = @now WHERE id IN (${mine}) AND lease_until <= @now`).run({
      report: reportId,
      member: memberId,
      now,
    });
  }
  return waiting;
}

/**
 * Erases the text of every moderator notice that quotes a report. Rows are
 * never deleted: one may be in flight, and the dispatcher records outcomes
 * by row id, which a new row could reuse. A notice still waiting and
 * unclaimed is not sent at all (the report is decided, or its text edited);
 * one sent, failed or in flight loses its text (a send in flight holds its
 * own copy, and a row whose text is gone is never tried again: see
 * cancelIfWithdrawn in outbox.ts). Returns how many were erased.
 */
export function eraseReportNotices(db: Db, reportId: number, now: number): number {
  const linked = 'SELECT outbox_id FROM report_notices WHERE report_id = @report';
  const waiting = db
    .stmt(`UPDATE outbox SET body_ct = NULL, state = 'failed', error = 'superseded', provider_id = NULL, updated_at = @now WHERE id IN (${linked}) AND state = 'pending' AND lease_until <= @now`)
    .run({ report: reportId, now }).changes;
  const others = db.stmt(`UPDATE outbox SET body_ct = NULL WHERE id IN (${linked}) AND body_ct IS NOT NULL`).run({ report: reportId }).changes;
  const rows = (db.stmt(linked).all({ report: reportId }) as Array<{ outbox_id: number }>).map((r) => r.outbox_id);
  db.stmt('DELETE FROM report_notices WHERE report_id = ?').run(reportId);
  // Those finished name their moderator no more, nor their millisecond: a reporter's reply was queued beside them.
  untieFinished(db, rows);
  return waiting + others;
}

/**
 * Withdraws what still waits for a member row that is no moderator's now
 * (taken off MODERATORS): notices of reports (and SHOW's answers) and of
 * join requests, digests, and check-in escalations to the moderators (and
 * SHOW's answers quoting one). Their text goes with the address: they quote
 * reports and a member's details.
 * `moderators`: the member rows of those listed now. Run at start, before
 * anything is claimed. Returns how many, and the check-ins whose escalation
 * was withdrawn so (the caller queues it to those listed now).
 */
export function withdrawFromFormerModerators(db: Db, moderators: number[], now: number): { withdrawn: number; checkins: number[] } {
  const listed = JSON.stringify(moderators);
  const former = "state = 'pending' AND member_id IS NOT NULL AND member_id NOT IN (SELECT value FROM json_each(@listed))";
  const checkins = db
    .stmt(
      `SELECT DISTINCT checkin_id AS id FROM checkin_messages WHERE kind = 'escalation' AND buddy_id IS NULL
         AND outbox_id IN (SELECT id FROM outbox WHERE ${former}) ORDER BY checkin_id`,
    )
    .all({ listed }) as Array<{ id: number }>;
  const forModerators = `SELECT outbox_id FROM report_notices UNION SELECT outbox_id FROM join_notices UNION SELECT outbox_id FROM notice_digests
    UNION SELECT outbox_id FROM checkin_messages WHERE (kind = 'escalation' AND buddy_id IS NULL) OR kind = 'shown'`;
  const withdrawn = db
    .stmt(
      `UPDATE outbox SET state = 'failed', error = 'moderator_removed', body_ct = NULL, address_ct = NULL, provider_id = NULL, lease_until = 0, updated_at = @now
       WHERE ${former} AND id IN (${forModerators})`,
    )
    .run({ now, listed }).changes;
  return { withdrawn, checkins: checkins.map((c) => c.id) };
}

/**
 * Withdraws the escalations of a person's check-ins still queued for the
 * moderators (her check-ins' sender was blocked), their text erased. One a
 * send holds goes once: its text is erased too, so that a try that comes
 * back for a retry, or an SMS reported undelivered, is not sent again (see
 * cancelIfWithdrawn in outbox-outcomes.ts). Returns how many texts were
 * erased, in flight included.
 */
export function withdrawModeratorEscalationsOf(db: Db, memberIds: number[], now: number): number {
  const hers = `SELECT c.outbox_id FROM checkin_messages c JOIN checkins k ON k.id = c.checkin_id
    WHERE c.kind = 'escalation' AND c.buddy_id IS NULL AND k.member_id IN (SELECT value FROM json_each(@members))`;
  const members = JSON.stringify(memberIds);
  const withdrawn = db
    .stmt(
      `UPDATE outbox SET state = 'failed', error = 'sender_blocked', body_ct = NULL, address_ct = NULL, lease_until = 0, updated_at = @now
       WHERE state = 'pending' AND lease_until <= @now AND member_id IS NOT NULL AND id IN (${hers})`,
    )
    .run({ now, members }).changes;
  const held = db
    .stmt(`UPDATE outbox SET body_ct = NULL WHERE state IN ('pending', 'sent') AND body_ct IS NOT NULL AND member_id IS NOT NULL AND id IN (${hers})`)
    .run({ members }).changes;
  return withdrawn + held;
}

/** The member rows a check-in's escalation to the moderators still stands for (queued or sent, not failed). */
export function moderatorsEscalatedTo(db: Db, checkinId: number): number[] {
  const rows = db
    .stmt(
      `SELECT DISTINCT o.member_id AS id FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
       WHERE c.checkin_id = ? AND c.kind = 'escalation' AND c.buddy_id IS NULL AND o.member_id IS NOT NULL AND o.state <> 'failed'`,
    )
    .all(checkinId) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}

/** Records that a moderator was shown a pending report's text other than by a notice (SHOW, her EDIT, an APPROVE answered with it). */
export function recordReportShown(db: Db, reportId: number, memberId: number): void {
  db.stmt('INSERT OR IGNORE INTO report_views (report_id, member_id) VALUES (?, ?)').run(reportId, memberId);
  // Shown again: answers of hers that failed before no longer count against her (see reportReadBy); this one's does.
  // From the report's few notices, not her every message.
  db.stmt(
    `DELETE FROM report_notices WHERE report_id = @report AND outbox_id IN
       (SELECT n.outbox_id FROM report_notices n JOIN outbox o ON o.id = n.outbox_id WHERE n.report_id = @report AND o.member_id = @member AND o.state = 'failed')`,
  ).run({ report: reportId, member: memberId });
}

/** Forgets who was shown a report (it was decided, or its text edited: what they read is no longer what would go). */
export function forgetReportViews(db: Db, reportId: number): void {
  db.stmt('DELETE FROM report_views WHERE report_id = ?').run(reportId);
  db.stmt('DELETE FROM operator_report_views WHERE report_id = ?').run(reportId);
}

/** Records that the operator at the console was shown the report's text as it reads now: what prints there is read. */
export function recordOperatorShown(db: Db, reportId: number): void {
  db.stmt('INSERT OR IGNORE INTO operator_report_views (report_id) VALUES (?)').run(reportId);
}

/** Whether the operator was shown the report's text as it reads now (since its last EDIT). */
export function operatorShown(db: Db, reportId: number): boolean {
  return db.stmt('SELECT 1 FROM operator_report_views WHERE report_id = ?').get(reportId) !== undefined;
}

/** Forgets that these members (one moderator's rows) were shown a report: her answer quoting it may never have reached her. */
export function forgetReportViewOf(db: Db, reportId: number, memberIds: number[]): void {
  for (const id of memberIds) db.stmt('DELETE FROM report_views WHERE report_id = ? AND member_id = ?').run(reportId, id);
}

/**
 * Whether one moderator (her rows: listed by number and by Signal UUID, she
 * is one person on one phone) has read the report's text as it reads now,
 * on a row where nothing quoting it still waits: a view recorded (her EDIT,
 * SHOW) or a notice that reached her (sent, not waiting). A view is recorded
 * when the command is handled, its answer quoting the text maybe still
 * queued (over Signal): while any answer or notice of it waits on that row
 * she has not read it there, nor once one failed for good (undelivered:
 * not one the line withdrew, 'superseded'), until she is shown it again
 * (recordReportShown). One waiting on her other row does not count once
 * she read it on this one.
 */
export function reportReadBy(db: Db, reportId: number, memberIds: readonly number[]): boolean {
  const onRow = (which: string) => `SELECT 1 FROM report_notices n JOIN outbox o ON o.id = n.outbox_id WHERE n.report_id = ? AND o.member_id = ? AND ${which} LIMIT 1`;
  const noticed = db.stmt(onRow("o.state IN ('sent', 'delivered')"));
  const waiting = db.stmt(onRow("o.state = 'pending'"));
  const lost = db.stmt(onRow("o.state = 'failed' AND coalesce(o.error, '') <> 'superseded'"));
  const viewed = db.stmt('SELECT 1 FROM report_views WHERE report_id = ? AND member_id = ?');
  const read = (id: number) => noticed.get(reportId, id) !== undefined || viewed.get(reportId, id) !== undefined;
  return memberIds.some((id) => read(id) && waiting.get(reportId, id) === undefined && lost.get(reportId, id) === undefined);
}

/**
 * Whether a moderator was shown the report's text as it reads now: a notice
 * quoting it queued to her (not one that failed: it reached no one), or a
 * view recorded. A report held in a digest past the cap was shown to no one.
 */
export function reportShownTo(db: Db, reportId: number, memberId: number): boolean {
  const noticed = db
    .stmt("SELECT 1 FROM report_notices n JOIN outbox o ON o.id = n.outbox_id WHERE n.report_id = ? AND o.member_id = ? AND o.state <> 'failed' LIMIT 1")
    .get(reportId, memberId);
  return noticed !== undefined || db.stmt('SELECT 1 FROM report_views WHERE report_id = ? AND member_id = ?').get(reportId, memberId) !== undefined;
}
