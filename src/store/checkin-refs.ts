/**
 * The references (#K7Q2) of missed check-ins told to the moderators
 * (CHECKIN_FALLBACK=moderators): BLOCK and SHOW name a check-in's sender by
 * one, as a report's, and no moderator learns who she is. A reference keeps
 * her member row (it goes with her on DELETE), the number she showed over
 * Signal (sealed: store/checkin-phone.ts), whether it was folded, and its
 * hour; it goes by retention.
 */
import { checkinPhone, refPhone, sealRefPhone } from './checkin-phone';
import { DAY_MS, startOfHour } from './coarse-time';
import type { Db } from './db';
import { personIndexes, personMemberIds } from './members';
import { newRef } from './refs';
import { SenderLimits, type Limit } from './sender-limits';
import type { Vault } from './vault';

/** A check-in's reference, and what the moderators were told of her before it. */
export interface CheckinRef {
  ref: string;
  /** Her references given in the 24 hours before this one (either channel), oldest first; none after her DELETE. */
  earlier: string[];
  /** Past her day's full notices: told as one line, without her words. */
  folded: boolean;
}

/** A sender's notices to the moderators in full a day; past it each is one short line without her words. */
export const FULL_NOTICES_A_DAY = 3;
const FULL_NOTICES: Limit = { max: FULL_NOTICES_A_DAY, windowMs: DAY_MS };

/**
 * Counts one more full notice under each of her fold keys (no short cut: a
 * later change of channel reads the same day); whether any had had its day's.
 * A limit's count outlives DELETE for a day (see SenderLimits.forget), so a
 * DELETE after each miss does not reset the fold; it keeps nothing the limits do not.
 */
function pastFullNotices(db: Db, vault: Vault, memberId: number, checkinId: number, now: number): boolean {
  const limits = new SenderLimits(db);
  // The version before counted under her memberships' own limit keys: their counts of today still count; none is started.
  const before = personIndexes(db, vault, memberId, 'sender').filter((key) => limits.counting(key, 'checkin_moderators', FULL_NOTICES, now));
  return [...foldKeys(db, vault, memberId, checkinId), ...before]
    .map((key) => !limits.take(key, 'checkin_moderators', FULL_NOTICES, now))
    .some((refused) => refused);
}

/**
 * What her full notices are counted under, each key once: each of her
 * memberships and the number she showed over Signal starting this check-in,
 * so that DELETE on one channel and a check-in on the other, or joining the
 * other, does not start a fresh count. The keys are made from reporter
 * indexes, an SMS membership's being her number's (the check-in keeps the
 * number it showed sealed: store/checkin-phone.ts), and are of the limits'
 * own purpose. A row that will not open (a damaged value) gives none: her
 * escalation must not fail on it.
 */
function foldKeys(db: Db, vault: Vault, memberId: number, checkinId: number): Buffer[] {
  const shown = checkinPhone(db, vault, checkinId);
  const reporters = [...personIndexes(db, vault, memberId, 'reporter'), ...(shown === null ? [] : [vault.index('reporter', shown)])].map((k) => k.toString('hex'));
  return [...new Set(reporters)].map((hex) => vault.index('sender', `checkin-fold:${hex}`));
}

/** How far back a sender's earlier notices to the moderators are counted. */
export const FOLD_WINDOW_MS = 24 * 3_600_000;
/** A reference is kept this long (or RETENTION_DAYS, if shorter): BLOCK has a week, as her escalated check-in. */
export const CHECKIN_REF_KEPT_MS = 7 * 24 * 3_600_000;

/** The check-in's reference, given the first time its escalation goes to the moderators; the same for every later one. */
export function checkinRef(db: Db, vault: Vault, checkinId: number, memberId: number, now: number): CheckinRef {
  // By the hour: it is used only for the week it is kept and the day her earlier ones are counted over.
  const given = startOfHour(now);
  let row = db.stmt('SELECT rowid AS n, ref, created_at, folded FROM checkin_refs WHERE checkin_id = ?').get(checkinId) as
    | { n: number; ref: string; created_at: number; folded: number }
    | undefined;
  if (!row) {
    const ref = newRef(db);
    // Counted once per check-in: told again (to a moderator listed since), it reads the same.
    const folded = pastFullNotices(db, vault, memberId, checkinId, now) ? 1 : 0;
    const n = db.stmt('INSERT INTO checkin_refs (ref, checkin_id, member_id, created_at, folded) VALUES (?, ?, ?, ?, ?)').run(ref, checkinId, memberId, given, folded).lastInsertRowid;
    // The number she showed over Signal, sealed anew for the reference (see checkinRefSender).
    const shown = checkinPhone(db, vault, checkinId);
    if (shown !== null) sealRefPhone(db, vault, ref, shown);
    row = { n: Number(n), ref, created_at: given, folded };
  }
  const earlier = db
    .stmt(
      `SELECT ref FROM checkin_refs WHERE member_id IN (SELECT value FROM json_each(@members)) AND rowid < @n AND created_at > @since
       ORDER BY rowid`,
    )
    .all({ members: JSON.stringify(personMemberIds(db, memberId)), n: row.n, since: row.created_at - FOLD_WINDOW_MS }) as Array<{ ref: string }>;
  return { ref: row.ref, earlier: earlier.map((r) => r.ref), folded: row.folded === 1 };
}

/** The member row a check-in reference names, while it is kept. */
export function checkinRefMember(db: Db, ref: string): number | undefined {
  return (db.stmt('SELECT member_id FROM checkin_refs WHERE ref = ?').get(ref) as { member_id: number } | undefined)?.member_id;
}

/**
 * Who BLOCK of a check-in reference silences: her member row and, when she
 * started the check-in over Signal with her number showing, that number as
 * an SMS sender ("sms:+1…"; her report carries its reporter index).
 */
export function checkinRefSender(db: Db, vault: Vault, ref: string): { memberId: number; phone: string | null } | undefined {
  const row = db.stmt('SELECT member_id FROM checkin_refs WHERE ref = ?').get(ref) as { member_id: number } | undefined;
  return row && { memberId: row.member_id, phone: refPhone(db, vault, ref) };
}

/** A check-in's reference, if its escalation went to the moderators (read before the check-in is erased: that unties it). */
export function refOfCheckin(db: Db, checkinId: number): string | undefined {
  return (db.stmt('SELECT ref FROM checkin_refs WHERE checkin_id = ?').get(checkinId) as { ref: string } | undefined)?.ref;
}

/** The check-in a reference names, while it is kept (an OK ended it: none). */
export function checkinOfRef(db: Db, ref: string): number | undefined {
  return (db.stmt('SELECT checkin_id FROM checkin_refs WHERE ref = ?').get(ref) as { checkin_id: number | null } | undefined)?.checkin_id ?? undefined;
}

/** Links a queued answer to SHOW of a check-in's reference (it quotes her details) to the check-in: it goes with them. */
export function linkShownCheckin(db: Db, outboxId: number, ref: string): void {
  db.stmt("INSERT OR IGNORE INTO checkin_messages (outbox_id, checkin_id, kind) SELECT ?, checkin_id, 'shown' FROM checkin_refs WHERE ref = ? AND checkin_id IS NOT NULL").run(outboxId, ref);
}

/** Unties a reference from a check-in erased (check-in ids are used again). */
export function untieCheckinRef(db: Db, checkinId: number): void {
  db.stmt('UPDATE checkin_refs SET checkin_id = NULL WHERE checkin_id = ?').run(checkinId);
}

/** The latest time the references hold (0 for none): they outlive their check-ins, so a step back is seen by them too. */
export function latestCheckinRefTime(db: Db): number {
  return (db.stmt('SELECT coalesce(max(created_at), 0) AS t FROM checkin_refs').get() as { t: number }).t;
}

/** A wall clock stepped back: references given by the old clock read as given this hour, as the check-ins' times (not kept longer). */
export function checkinRefsClockSteppedBack(db: Db, now: number): void {
  db.stmt('UPDATE checkin_refs SET created_at = @now WHERE created_at > @now').run({ now: startOfHour(now) });
}

/** Retention: erases references older than a week, or than RETENTION_DAYS (`cutoff`) if sooner. */
export function ageCheckinRefs(db: Db, cutoff: number, now: number): number {
  return db.stmt('DELETE FROM checkin_refs WHERE created_at < ?').run(Math.max(cutoff, now - CHECKIN_REF_KEPT_MS)).changes;
}
