/** Join requests awaiting a moderator (SUBSCRIBE_MODE=approval). */
import type { Db } from './db';
import { withdrawJoinNotices } from './moderator-notices';
import { newRef } from './refs';
import { startOfDay } from './coarse-time';
import { PERSON } from './subscriptions';

/**
 * Files a member's join request, holding at most `maxAreas` areas. Returns
 * its reference, its areas and whether it is new (only a new request is
 * announced to moderators); null when it would pass `maxAreas` (nothing is
 * changed). An open request keeps the areas it was filed with: its notice
 * named them, and APPROVE answered from the notice must admit no others
 * (more can be asked once it is decided).
 */
export function requestJoin(
  db: Db,
  memberId: number,
  npas: string[],
  now: number,
  maxAreas = Infinity,
): { id: number; ref: string; npas: string[]; created: boolean } | null {
  return db.transaction(() => {
    const existing = db.stmt('SELECT id, ref, npas FROM member_requests WHERE member_id = ?').get(memberId) as { id: number; ref: string; npas: string } | undefined;
    if (existing) return { id: existing.id, ref: existing.ref, npas: existing.npas.split(','), created: false };
    const merged = [...new Set(npas)].sort();
    if (merged.length > maxAreas) return null;
    const ref = newRef(db);
    // The day is enough: requests are listed in id order.
    const { lastInsertRowid } = db.stmt('INSERT INTO member_requests (ref, member_id, npas, created_at) VALUES (?, ?, ?, ?)').run(ref, memberId, merged.join(','), startOfDay(now));
    return { id: Number(lastInsertRowid), ref, npas: merged, created: true };
  });
}

/** The request with that reference, if any. */
export function findRequest(db: Db, ref: string): { id: number; memberId: number; npas: string[] } | undefined {
  const row = db.stmt('SELECT id, member_id, npas FROM member_requests WHERE ref = ?').get(ref) as
    | { id: number; member_id: number; npas: string }
    | undefined;
  return row ? { id: row.id, memberId: row.member_id, npas: row.npas.split(',') } : undefined;
}

/** A member's open join request, if any. */
export function requestOf(db: Db, memberId: number): { id: number; memberId: number } | undefined {
  const row = db.stmt('SELECT id FROM member_requests WHERE member_id = ?').get(memberId) as { id: number } | undefined;
  return row ? { id: row.id, memberId } : undefined;
}

/** The areas a member's open request still asks for (none without one). */
export function requestedAreas(db: Db, memberId: number): string[] {
  const row = db.stmt('SELECT npas FROM member_requests WHERE member_id = ?').get(memberId) as { npas: string } | undefined;
  return row ? row.npas.split(',') : [];
}

/** How long a decided request's reference is remembered for "already decided". */
const DECIDED_KEPT_MS = 7 * 86_400_000;

/** The oldest decision day still remembered at `now` (decided_at is a day). */
function decidedSince(now: number): number {
  return startOfDay(now) - DECIDED_KEPT_MS;
}

/**
 * Removes a request (decided, or closed by the applicant) and withdraws its
 * notices still waiting. `decided`: a moderator's APPROVE, REJECT or BLOCK,
 * whose reference is remembered a week (decidedRequest).
 */
export function closeRequest(db: Db, id: number, now: number, decided = false): void {
  withdrawJoinNotices(db, id, now);
  if (decided) {
    forgetDecidedRequests(db, now);
    db.stmt('INSERT OR REPLACE INTO decided_requests (ref, decided_at) SELECT ref, ? FROM member_requests WHERE id = ?').run(startOfDay(now), id);
  }
  db.stmt('DELETE FROM member_requests WHERE id = ?').run(id);
}

/** Whether `ref` was a join request a moderator decided in the last week (a row retention has not reached yet is not). */
export function decidedRequest(db: Db, ref: string, now: number): boolean {
  return db.stmt('SELECT 1 FROM decided_requests WHERE ref = ? AND decided_at >= ?').get(ref, decidedSince(now)) !== undefined;
}

/** Forgets decided requests' references older than a week (retention, and each decision); returns how many. */
export function forgetDecidedRequests(db: Db, now: number): number {
  return db.stmt('DELETE FROM decided_requests WHERE decided_at < ?').run(decidedSince(now)).changes;
}

/** Open requests, oldest first. */
export function listRequests(db: Db, limit: number): Array<{ ref: string; npas: string[] }> {
  return (db.stmt('SELECT ref, npas FROM member_requests ORDER BY id LIMIT +?').all(limit) as Array<{ ref: string; npas: string }>).map(
    (r) => ({ ref: r.ref, npas: r.npas.split(',') }),
  );
}

/**
 * Takes areas out of a member's open request (she left them before a
 * moderator decided); one left with none is closed. Returns whether it was.
 */
export function withdrawFromRequest(db: Db, memberId: number, npas: string[], now: number): boolean {
  const row = db.stmt('SELECT id, npas FROM member_requests WHERE member_id = ?').get(memberId) as { id: number; npas: string } | undefined;
  if (!row) return false;
  const kept = row.npas.split(',').filter((npa) => !npas.includes(npa));
  if (kept.length > 0) {
    db.stmt('UPDATE member_requests SET npas = ? WHERE id = ?').run(kept.join(','), row.id);
    return false;
  }
  closeRequest(db, row.id, now);
  return true;
}

/** Closes a member's open request, if any (they opted out, or are erased). */
export function closeRequestOf(db: Db, memberId: number, now: number): void {
  const row = db.stmt('SELECT id FROM member_requests WHERE member_id = ?').get(memberId) as { id: number } | undefined;
  if (row) closeRequest(db, row.id, now);
}

/** How many join requests await a moderator. */
export function countRequests(db: Db): number {
  return (db.stmt('SELECT count(*) AS n FROM member_requests').get() as { n: number }).n;
}

/** How many people await a moderator's admission: one number asking on SMS and on Signal is one (STATS). */
export function countRequestingPeople(db: Db): number {
  return (db.stmt(`SELECT count(DISTINCT ${PERSON}) AS n FROM member_requests r JOIN members m ON m.id = r.member_id`).get() as { n: number }).n;
}
