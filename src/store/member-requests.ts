/** Join requests awaiting a moderator (SUBSCRIBE_MODE=approval). */
import type { Db } from './db';
import { newRef } from './refs';

/** Files (or refreshes) a member's join request; returns its reference. */
export function requestJoin(db: Db, memberId: number, npas: string[], now: number): string {
  return db.transaction(() => {
    const existing = db.stmt('SELECT ref, npas FROM member_requests WHERE member_id = ?').get(memberId) as { ref: string; npas: string } | undefined;
    if (existing) {
      const merged = [...new Set([...existing.npas.split(','), ...npas])].sort();
      db.stmt('UPDATE member_requests SET npas = ? WHERE member_id = ?').run(merged.join(','), memberId);
      return existing.ref;
    }
    const ref = newRef(db);
    db.stmt('INSERT INTO member_requests (ref, member_id, npas, created_at) VALUES (?, ?, ?, ?)').run(ref, memberId, npas.join(','), now);
    return ref;
  });
}

/** The request with that reference, if any. */
export function findRequest(db: Db, ref: string): { id: number; memberId: number; npas: string[] } | undefined {
  const row = db.stmt('SELECT id, member_id, npas FROM member_requests WHERE ref = ?').get(ref) as
    | { id: number; member_id: number; npas: string }
    | undefined;
  return row ? { id: row.id, memberId: row.member_id, npas: row.npas.split(',') } : undefined;
}

/** Removes a request once decided. */
export function closeRequest(db: Db, id: number): void {
  db.stmt('DELETE FROM member_requests WHERE id = ?').run(id);
}

/** Open requests, oldest first. */
export function listRequests(db: Db, limit: number): Array<{ ref: string; npas: string[] }> {
  return (db.stmt('SELECT ref, npas FROM member_requests ORDER BY created_at LIMIT ?').all(limit) as Array<{ ref: string; npas: string }>).map(
    (r) => ({ ref: r.ref, npas: r.npas.split(',') }),
  );
}

/** Removes a member's open request, if any (they opted out). */
export function closeRequestOf(db: Db, memberId: number): void {
  db.stmt('DELETE FROM member_requests WHERE member_id = ?').run(memberId);
}

/** How many join requests await a moderator. */
export function countRequests(db: Db): number {
  return (db.stmt('SELECT count(*) AS n FROM member_requests').get() as { n: number }).n;
}
