/** Senders silenced by BLOCK, held as reporter indexes so the list names no one. */
import { startOfDay } from './coarse-time';
import type { Db } from './db';

/** Silences a sender. */
export function blockSender(db: Db, reporterKey: Buffer, now: number): void {
  db.stmt('INSERT OR IGNORE INTO blocked_senders (reporter_bidx, created_at) VALUES (?, ?)').run(reporterKey, startOfDay(now));
}

/** Whether a sender is silenced. */
export function isBlocked(db: Db, reporterKey: Buffer): boolean {
  return db.stmt('SELECT 1 FROM blocked_senders WHERE reporter_bidx = ?').get(reporterKey) !== undefined;
}
