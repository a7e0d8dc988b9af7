/**
 * A restore rolls the outbox's id counter back to the backup's: the ids the
 * lost future used would be handed out again, and a late status callback of
 * one of its messages (its URL carries the row id and try, see
 * statusCallbackFor) would settle the restored line's new row of that id,
 * still unsent: taken as sent, or its member marked stopped.
 */
import type { Db } from './db';

/**
 * How far the counter moves at a restore: well past any count of messages a
 * line sends between a backup and its restore, and still leaving millions of
 * restores below 2^53 (ids are JavaScript numbers; a callback's id may have 16 digits).
 */
export const RESTORE_ID_GAP = 1_000_000_000;

/** Moves the outbox's AUTOINCREMENT counter RESTORE_ID_GAP past where the backup left it (the migrations seed it at 0). */
export function skipLostOutboxIds(db: Db): void {
  db.stmt("UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'outbox'").run(RESTORE_ID_GAP);
}
