/** Senders silenced by BLOCK, held as reporter indexes so the list names no one. */
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import { personIndexes } from './members';
import type { Vault } from './vault';

/** Silences a sender. */
export function blockSender(db: Db, reporterKey: Buffer, now: number): void {
  db.stmt('INSERT OR IGNORE INTO blocked_senders (reporter_bidx, created_at) VALUES (?, ?)').run(reporterKey, startOfDay(now));
}

/** Whether a sender is silenced. */
export function isBlocked(db: Db, reporterKey: Buffer): boolean {
  return db.stmt('SELECT 1 FROM blocked_senders WHERE reporter_bidx = ?').get(reporterKey) !== undefined;
}

/** Silences a person by her member row, on either channel, as BLOCK of her report would. */
export function blockMember(db: Db, vault: Vault, memberId: number, now: number): void {
  for (const key of personIndexes(db, vault, memberId, 'reporter')) blockSender(db, key, now);
}

/** Whether a person (by her member row, on either channel) is silenced. */
export function memberBlocked(db: Db, vault: Vault, memberId: number): boolean {
  return personIndexes(db, vault, memberId, 'reporter').some((key) => isBlocked(db, key));
}
