/**
 * A Signal moderator's identity changed, and whether the members whose
 * running check-in relied on the moderators must be told it now reaches no
 * one is still to decide (migration 0069). Marked in the change's own
 * transaction and taken in the one that tells them, so the telling is
 * neither lost to a failure then (a busy or full disk: the check-in timers'
 * next run decides again) nor done twice.
 */
import type { Db } from './db';

/** Marks the decision due (once: a second change before it is taken adds nothing). */
export function markModeratorsGone(db: Db, at: number): void {
  db.stmt('INSERT INTO moderators_gone_due (id, changed_at) VALUES (1, ?) ON CONFLICT (id) DO NOTHING').run(at);
}

/** Takes the decision due, if any, in the caller's transaction: whether there was one. */
export function takeModeratorsGone(db: Db): boolean {
  return db.stmt('DELETE FROM moderators_gone_due').run().changes > 0;
}
