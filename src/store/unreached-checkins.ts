/**
 * A check-in's escalation that reached none of those it went to (each
 * refused for good): which ones, how many buddies, and the member told so
 * once per escalation and recipients (jobs/checkin-timers.ts).
 */
import { DETAILS_SLOT, type DueCheckin } from './checkins';
import type { Db } from './db';
import type { Vault } from './vault';

/** An escalated check-in whose escalation reached none of those it went to; its details opened on demand (inside the caller's savepoint). */
export interface UnreachedCheckin extends DueCheckin {
  /** Whom it went to: her buddies, or the moderators (CHECKIN_FALLBACK). */
  to: 'buddies' | 'moderators';
  /** How many buddies it was for (0 for the moderators). */
  buddies: number;
}

/**
 * Escalated check-ins whose every message to her buddies, or every message
 * to the moderators, failed for good (none still waiting, sent or
 * delivered), and whose member was not yet told so, after `afterId` (a run
 * moves past those it could not handle); with how many buddies they were
 * for (a buddy's SMS after a refused Signal copy is the same buddy). One
 * escalation goes to one of them at a time: the moderators are told only
 * once her buddies all refused, or when she had none.
 */
export function unreachedCheckins(db: Db, vault: Vault, limit: number, afterId = 0): UnreachedCheckin[] {
  const rows = db
    .stmt(
      `SELECT k.id, k.member_id, k.due_at, k.details_ct, k.key_version, o.member_id IS NULL AS to_buddies,
         count(DISTINCT coalesce(c.buddy_id, -c.outbox_id)) AS buddies
       FROM checkins k JOIN checkin_messages c ON c.checkin_id = k.id AND c.kind = 'escalation' JOIN outbox o ON o.id = c.outbox_id
       WHERE k.state = 'escalated' AND (k.unreached_told = 0 OR k.moderators_unreached_told = 0) AND k.id > ?
       GROUP BY k.id, to_buddies
       HAVING max(o.state <> 'failed') = 0 AND iif(to_buddies, k.unreached_told, k.moderators_unreached_told) = 0
       ORDER BY k.id LIMIT +?`,
    )
    .all(afterId, limit) as Array<{ id: number; member_id: number; due_at: number; details_ct: Buffer | null; key_version: number; to_buddies: number; buddies: number }>;
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    dueAt: r.due_at,
    to: r.to_buddies ? 'buddies' : 'moderators',
    buddies: r.to_buddies ? r.buddies : 0,
    details: () => (r.details_ct ? vault.open(r.details_ct, DETAILS_SLOT(r.id), r.key_version) : null),
  }));
}

/** How many buddies a check-in's escalation went to (a buddy's SMS after a refused Signal copy is the same buddy). */
export function escalatedBuddies(db: Db, id: number): number {
  return (
    db
      .stmt(
        `SELECT count(DISTINCT coalesce(c.buddy_id, -c.outbox_id)) AS n FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
         WHERE c.checkin_id = ? AND c.kind = 'escalation' AND o.member_id IS NULL`,
      )
      .get(id) as { n: number }
  ).n;
}

/**
 * Withdraws a check-in's notices to the member still waiting, no send
 * holding them (her texts held back by a 429, a held lane): a newer notice
 * about the same escalation makes them untrue ("we told your buddies").
 */
export function withdrawWaitingNotices(db: Db, id: number): void {
  db.stmt(
    "DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM checkin_messages WHERE checkin_id = ? AND kind = 'notice') AND state = 'pending' AND lease_until = 0",
  ).run(id);
}

/** Records that the member was told her escalation reached none of those it went to (once per escalation and recipients). */
export function markUnreachedTold(db: Db, id: number, to: 'buddies' | 'moderators'): void {
  db.stmt(`UPDATE checkins SET ${to === 'buddies' ? 'unreached_told' : 'moderators_unreached_told'} = 1 WHERE id = ?`).run(id);
}
