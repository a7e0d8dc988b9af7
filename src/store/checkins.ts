/**
 * Check-ins (issue 13): timers kept as rows, so a restart or a kill neither
 * loses nor repeats one. The details are sealed; they go, with every outbox
 * row the check-in queued, when it ends with OK, a day after an escalation,
 * and on DELETE. Who an escalation reached outlives its messages, as ids
 * (checkin_told), for as long as the check-in.
 */
import { sealCheckinPhone } from './checkin-phone';
import { HEARD, MAY_HAVE_ARRIVED } from './checkin-reach';
import { untieCheckinRef } from './checkin-refs';
import type { Db } from './db';
import { personMemberIds } from './members';
import type { Vault } from './vault';

/** An open or escalated check-in, as the handlers see it. */
export interface CheckinRow {
  id: number;
  memberId: number;
  state: 'open' | 'escalated';
  dueAt: number;
  remindAt: number | null;
}

/** A check-in whose deadline has passed; its details are opened on demand (inside the caller's savepoint). */
export interface DueCheckin {
  id: number;
  memberId: number;
  dueAt: number;
  /** The end the escalation names: the one she set, when a restore's grace moved dueAt later. */
  expectedAt: number;
  details(): string | null;
}

/** The columns a DueCheckin is read from. */
interface DueRow {
  id: number;
  member_id: number;
  due_at: number;
  expected_at: number;
  details_ct: Buffer | null;
  key_version: number;
}

/** shown: a moderator's SHOW answer quoting the details (its reference's: store/checkin-refs.ts). */
export type CheckinMessageKind = 'reminder' | 'escalation' | 'notice' | 'shown';

/** Details are erased this long after an escalation. */
export const DETAILS_KEPT_MS = 24 * 3_600_000;
/** An escalated check-in (its details gone) is kept this long for a late OK, then erased. */
export const ESCALATED_KEPT_MS = 7 * 24 * 3_600_000;

/** Where a check-in's details are sealed. */
export const DETAILS_SLOT = (row: number) => ({ table: 'checkins', column: 'details', row });

interface Raw {
  id: number;
  member_id: number;
  state: 'open' | 'escalated';
  due_at: number;
  remind_at: number | null;
}

function row(r: Raw): CheckinRow {
  return { id: r.id, memberId: r.member_id, state: r.state, dueAt: r.due_at, remindAt: r.remind_at };
}

/** The member's running check-in, if any. */
export function openCheckin(db: Db, memberId: number): CheckinRow | undefined {
  const r = db.stmt("SELECT id, member_id, state, due_at, remind_at FROM checkins WHERE member_id = ? AND state = 'open'").get(memberId) as Raw | undefined;
  return r && row(r);
}

/** This person's check-ins on either channel (this membership's first): those running and those escalated. */
export function personCheckins(db: Db, memberId: number): { open: CheckinRow[]; escalated: CheckinRow[] } {
  const ids = [memberId, ...personMemberIds(db, memberId).filter((id) => id !== memberId)];
  return {
    open: ids.map((id) => openCheckin(db, id)).filter((c): c is CheckinRow => c !== undefined),
    escalated: ids.flatMap((id) => escalatedCheckins(db, id)),
  };
}

/**
 * Whether this person has a check-in running or escalated, on either
 * channel (the same number on SMS and Signal is one person on one phone).
 */
export function hasCheckin(db: Db, memberId: number): boolean {
  return personMemberIds(db, memberId).some((id) => db.stmt('SELECT 1 FROM checkins WHERE member_id = ? LIMIT 1').get(id) !== undefined);
}

/** The member's escalated check-ins (buddies were told; no OK yet). */
export function escalatedCheckins(db: Db, memberId: number): CheckinRow[] {
  return (db.stmt("SELECT id, member_id, state, due_at, remind_at FROM checkins WHERE member_id = ? AND state = 'escalated' ORDER BY id").all(memberId) as Raw[]).map(row);
}

/** Starts a check-in, replacing a running one (which is erased). Returns its id. */
/** `shownNumber`: over Signal with her number showing, that number as an SMS sender ("sms:+1…"), sealed (BLOCK of her reference silences it, as her report's). */
export function startCheckin(
  db: Db,
  vault: Vault,
  memberId: number,
  dueAt: number,
  remindAt: number | null,
  details: string | null,
  now: number,
  shownNumber: string | null = null,
): number {
  const running = openCheckin(db, memberId);
  if (running) eraseCheckin(db, running.id);
  const id = db.nextId('checkins');
  db.stmt("INSERT INTO checkins (id, member_id, state, due_at, remind_at, details_ct, key_version, created_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?)").run(
    id,
    memberId,
    dueAt,
    remindAt,
    details === null ? null : vault.seal(details, DETAILS_SLOT(id)),
    vault.keyVersion,
    now,
  );
  if (shownNumber !== null) sealCheckinPhone(db, vault, id, shownNumber);
  return id;
}

/** Moves a running check-in's deadline (LATER: she knows this end); a reminder not yet due is re-armed. */
export function extendCheckin(db: Db, id: number, dueAt: number, remindAt: number | null): void {
  db.stmt('UPDATE checkins SET due_at = ?, remind_at = ?, expected_at = NULL WHERE id = ?').run(dueAt, remindAt, id);
}

/** Links an outbox row to the check-in that queued it (and, for an escalation to a buddy, to that buddy's row). */
export function linkCheckinMessage(db: Db, outboxId: number, checkinId: number, kind: CheckinMessageKind, buddyId: number | null = null): void {
  db.stmt('INSERT INTO checkin_messages (outbox_id, checkin_id, kind, buddy_id) VALUES (?, ?, ?, ?)').run(outboxId, checkinId, kind, buddyId);
}

/**
 * Runs an escalated check-in again to `dueAt` (LATER before its escalation
 * reached anyone: the caller checked escalationUnsent): the messages it
 * queued that still wait are withdrawn, escalation and notice ("we told your
 * buddies") alike, and so go those that failed for good, withdrawn or
 * refused (they reached no one, and the next escalation counts only its
 * own). Details carried: the caller erases soon.
 */
export function reopenCheckin(db: Db, id: number, dueAt: number, remindAt: number | null): void {
  db.stmt(
    "DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM checkin_messages WHERE checkin_id = ?) AND (state = 'pending' AND lease_until = 0 OR state = 'failed' AND coalesce(error, '') NOT LIKE 'gave_up:%')",
  ).run(id);
  db.stmt("UPDATE checkins SET state = 'open', due_at = ?, remind_at = ?, expected_at = NULL, escalated_at = NULL, moderators_queued_at = NULL, unreached_told = 0, moderators_unreached_told = 0, unreached_trying_notice = NULL WHERE id = ? AND state = 'escalated'").run(
    dueAt,
    remindAt,
    id,
  );
}

/** Erases a check-in: its row, its details, and every outbox row it queued (sent or not); its reference, if any, stays hers. */
export function eraseCheckin(db: Db, id: number): void {
  untieCheckinRef(db, id);
  db.stmt('DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM checkin_messages WHERE checkin_id = ?)').run(id);
  db.stmt('DELETE FROM checkins WHERE id = ?').run(id);
}

/** Erases every check-in of a member (DELETE, STOP); returns how many. */
export function eraseCheckinsOf(db: Db, memberId: number): number {
  const ids = db.stmt('SELECT id FROM checkins WHERE member_id = ?').all(memberId) as Array<{ id: number }>;
  for (const { id } of ids) eraseCheckin(db, id);
  return ids.length;
}

/** Running check-ins whose reminder is due (not one a restore brought back: she is asked first, jobs/checkin-restored.ts). */
export function dueReminders(db: Db, now: number, limit: number): Array<{ id: number; memberId: number; dueAt: number }> {
  const rows = db
    .stmt("SELECT id, member_id, due_at FROM checkins WHERE remind_at IS NOT NULL AND remind_at <= ? AND state = 'open' AND restored = 0 ORDER BY remind_at LIMIT +?")
    .all(now, limit) as Array<{ id: number; member_id: number; due_at: number }>;
  return rows.map((r) => ({ id: r.id, memberId: r.member_id, dueAt: r.due_at }));
}

/** Clears a check-in's reminder (queued, or no longer worth sending). */
export function clearReminder(db: Db, id: number): void {
  db.stmt('UPDATE checkins SET remind_at = NULL WHERE id = ?').run(id);
}

/**
 * Running check-ins whose deadline has passed, earliest first; with `after`,
 * only those that come after it in that order (a run moves past check-ins
 * it could not escalate). Not one a restore brought back: she is asked
 * first (jobs/checkin-restored.ts), however many wait.
 */
export function dueCheckins(db: Db, vault: Vault, now: number, limit: number, after?: { dueAt: number; id: number }): DueCheckin[] {
  const rows = db
    .stmt(
      "SELECT id, member_id, due_at, coalesce(expected_at, due_at) AS expected_at, details_ct, key_version FROM checkins WHERE state = 'open' AND restored = 0 AND due_at <= ? AND (due_at, id) > (?, ?) ORDER BY due_at, id LIMIT +?",
    )
    .all(now, after?.dueAt ?? -1, after?.id ?? 0, limit) as DueRow[];
  return rows.map((r) => dueCheckinOf(vault, r));
}

/** A check-in row as DueCheckin: its details opened only when asked for. */
export function dueCheckinOf(vault: Vault, r: DueRow): DueCheckin {
  return { id: r.id, memberId: r.member_id, dueAt: r.due_at, expectedAt: r.expected_at, details: () => (r.details_ct ? vault.open(r.details_ct, DETAILS_SLOT(r.id), r.key_version) : null) };
}

/** An escalated check-in (not ended by OK, STOP or DELETE since), or undefined. */
export function escalatedCheckin(db: Db, vault: Vault, id: number): DueCheckin | undefined {
  const r = db.stmt("SELECT id, member_id, due_at, coalesce(expected_at, due_at) AS expected_at, details_ct, key_version FROM checkins WHERE id = ? AND state = 'escalated'").get(id) as DueRow | undefined;
  return r ? dueCheckinOf(vault, r) : undefined;
}

/** Whether an escalated check-in's details are past the day they are kept (retention erases them, if it has not yet). */
export function detailsOutlived(db: Db, id: number, now: number): boolean {
  const r = db.stmt('SELECT escalated_at FROM checkins WHERE id = ?').get(id) as { escalated_at: number | null } | undefined;
  return r?.escalated_at != null && r.escalated_at < now - DETAILS_KEPT_MS;
}

/** The latest time the check-ins hold (0 for none): timers started after the clock was stepped back compare against it. */
export function latestCheckinTime(db: Db): number {
  return (db.stmt('SELECT max(max(created_at), coalesce(max(escalated_at), 0), coalesce(max(moderators_queued_at), 0)) AS t FROM checkins').get() as { t: number | null }).t ?? 0;
}

/**
 * A wall clock stepped back by `stepMs` (see util/clock-follower.ts): the
 * deadlines and reminders written by the old clock move back by as much,
 * or her buddies would be told that much late; an escalated (or overdue)
 * check-in's end too, however long ago it passed, as the escalation and the
 * moderators told of it later (CHECKIN_FALLBACK) name it. The
 * times written by the old clock no longer read as ahead of this one: a
 * restart must not take the same step again. Returns how many moved.
 */
export function checkinsClockSteppedBack(db: Db, stepMs: number, now: number): number {
  db.stmt('UPDATE checkins SET created_at = @now WHERE created_at > @now').run({ now });
  db.stmt('UPDATE checkins SET escalated_at = @now WHERE escalated_at > @now').run({ now });
  db.stmt('UPDATE checkins SET moderators_queued_at = @now WHERE moderators_queued_at > @now').run({ now });
  // Every row here was written by the old clock, its end long past or not: the escalation names it.
  return db.stmt('UPDATE checkins SET due_at = due_at - @step, remind_at = remind_at - @step, expected_at = expected_at - @step').run({ step: stepMs }).changes;
}

/** Marks a check-in escalated (in the transaction that queued the escalation). */
export function markEscalated(db: Db, id: number, now: number): void {
  db.stmt("UPDATE checkins SET state = 'escalated', remind_at = NULL, escalated_at = ? WHERE id = ? AND state = 'open'").run(now, id);
}

/**
 * Retention of escalated check-ins: a day after the escalation the details
 * and every message that carried them are erased, keeping only who those
 * that went out reached (for a late OK); after a week the row, and that, too.
 * Copies still unsent then (a lane held all day) are erased unsent; if she
 * was told "we're still trying" and nothing may have arrived, they are
 * failed instead, textless, and kept until the timers have told her we
 * stopped (checkin-after-all.ts: retention has no key to seal her notice).
 */
export function ageCheckins(db: Db, now: number): number {
  let erased = 0;
  const stale = db
    .stmt("SELECT id FROM checkins WHERE state = 'escalated' AND escalated_at < ? AND (details_ct IS NOT NULL OR EXISTS (SELECT 1 FROM checkin_messages WHERE checkin_id = checkins.id))")
    .all(now - DETAILS_KEPT_MS) as Array<{ id: number }>;
  for (const { id } of stale) {
    // Moderators as one row: which of them heard is not kept.
    db.stmt(
      `INSERT INTO checkin_told (checkin_id, to_buddy, buddy_id)
       SELECT DISTINCT c.checkin_id, o.member_id IS NULL, c.buddy_id
       FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
       WHERE c.checkin_id = ? AND c.kind = 'escalation' AND ${HEARD}`,
    ).run(id);
    if (owedAfterAll(db, id)) erased += expireUnsent(db, id, now);
    else erased += db.stmt('DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM checkin_messages WHERE checkin_id = ?)').run(id).changes;
    erased += db.stmt('UPDATE checkins SET details_ct = NULL WHERE id = ?').run(id).changes;
  }
  const old = db.stmt("SELECT id FROM checkins WHERE state = 'escalated' AND escalated_at < ?").all(now - ESCALATED_KEPT_MS) as Array<{ id: number }>;
  for (const { id } of old) {
    eraseCheckin(db, id);
    erased++;
  }
  return erased;
}

/**
 * Whether a check-in's member, told "we're still trying" (and that notice
 * not failed), is owed word that it stopped: none of its escalation may have
 * arrived. Otherwise nothing is owed any more, and its pointer goes.
 */
function owedAfterAll(db: Db, id: number): boolean {
  const owed = db
    .stmt(
      `SELECT 1 FROM checkins k LEFT JOIN outbox n ON n.id = k.unreached_trying_notice
       WHERE k.id = @id AND k.unreached_trying_notice IS NOT NULL AND coalesce(n.state, '') <> 'failed'
         AND NOT EXISTS (SELECT 1 FROM checkin_told WHERE checkin_id = @id)
         AND NOT EXISTS (SELECT 1 FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
                         WHERE c.checkin_id = @id AND c.kind = 'escalation' AND ${MAY_HAVE_ARRIVED})`,
    )
    .get({ id });
  if (!owed) db.stmt('UPDATE checkins SET unreached_trying_notice = NULL WHERE id = ?').run(id);
  return owed !== undefined;
}

/** Fails a check-in's escalation copies still unsent, their address and text erased as a failure erases them; returns how many. */
function expireUnsent(db: Db, id: number, now: number): number {
  return db
    .stmt(
      `UPDATE outbox SET state = 'failed', error = 'expired', lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ?
       WHERE id IN (SELECT outbox_id FROM checkin_messages WHERE checkin_id = ? AND kind = 'escalation') AND state = 'pending'`,
    )
    .run(now, id).changes;
}
