/**
 * A restore rolls the outbox's id counter back to the backup's: the ids the
 * lost future used would be handed out again, and a late status callback of
 * one of its messages (its URL carries the row id and try, see
 * statusCallbackFor) would settle the restored line's new row of that id,
 * still unsent: taken as sent, or its member marked stopped.
 */
import type Database from 'better-sqlite3';
import type { Db } from './db';

/**
 * How far the counter moves at a restore: well past any count of messages a
 * line sends between a backup and its restore, and still leaving millions of
 * restores below 2^53 (ids are JavaScript numbers; a callback's id may have 16 digits).
 */
export const RESTORE_ID_GAP = 1_000_000_000;

/**
 * The outbox's id counter of the line being replaced, or 0 (none, or too damaged to read): a restore of the same
 * backup twice, or of an older one after a newer, must move past the ids the line being replaced handed out too.
 */
export function liveOutboxCounter(sqlite: Database.Database): number {
  try {
    const row = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined;
    return Number.isSafeInteger(row?.seq) ? (row?.seq as number) : 0;
  } catch {
    return 0;
  }
}

/**
 * Moves the outbox's AUTOINCREMENT counter RESTORE_ID_GAP past the larger of
 * where the backup left it (the migrations seed it at 0) and `live`, the
 * counter of the line it replaces.
 */
export function skipLostOutboxIds(db: Db, live: number): void {
  db.stmt("UPDATE sqlite_sequence SET seq = max(seq, ?) + ? WHERE name = 'outbox'").run(live, RESTORE_ID_GAP);
}
