/**
 * Check-ins a restore brought back running: she may have ended one with OK
 * after the backup was made (OK erases it), and the line cannot know. The
 * restore marks them; the check-in timers' first run after the server starts
 * gives each a grace and asks her (jobs/checkin-restored.ts), then clears the mark.
 */
import type { Db } from './db';

/** A running check-in a restore brought back. */
export interface RestoredCheckin {
  id: number;
  memberId: number;
  dueAt: number;
  remindAt: number | null;
}

/** Marks every running check-in of a database being restored; returns how many. */
export function markRestoredCheckins(db: Db): number {
  return db.stmt("UPDATE checkins SET restored = 1 WHERE state = 'open'").run().changes;
}

/** Running check-ins still marked restored, oldest first. */
export function restoredCheckins(db: Db, limit: number): RestoredCheckin[] {
  const rows = db
    .stmt("SELECT id, member_id, due_at, remind_at FROM checkins WHERE restored = 1 AND state = 'open' ORDER BY id LIMIT +?")
    .all(limit) as Array<{ id: number; member_id: number; due_at: number; remind_at: number | null }>;
  return rows.map((r) => ({ id: r.id, memberId: r.member_id, dueAt: r.due_at, remindAt: r.remind_at }));
}

/**
 * Gives a restored check-in its new end and reminder, keeps `question` (the outbox row asking her, or null), and clears
 * its mark; an end moved later keeps hers for the escalation to name (the first one's, after a second restore).
 */
export function graceRestoredCheckin(db: Db, id: number, dueAt: number, remindAt: number | null, question: number | null): void {
  db.stmt(
    'UPDATE checkins SET expected_at = coalesce(expected_at, due_at), due_at = @dueAt, remind_at = @remindAt, restored_question = @question, restored = 0 WHERE id = @id',
  ).run({ id, dueAt, remindAt, question });
}
