/** Senders silenced by BLOCK, held as reporter indexes so the list names no one. */
import { memberKey } from '../phone/identity';
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import { memberSender, personMemberIds } from './members';
import type { Vault } from './vault';

/** Silences a sender. */
export function blockSender(db: Db, reporterKey: Buffer, now: number): void {
  db.stmt('INSERT OR IGNORE INTO blocked_senders (reporter_bidx, created_at) VALUES (?, ?)').run(reporterKey, startOfDay(now));
}

/** Whether a sender is silenced. */
export function isBlocked(db: Db, reporterKey: Buffer): boolean {
  return db.stmt('SELECT 1 FROM blocked_senders WHERE reporter_bidx = ?').get(reporterKey) !== undefined;
}

/**
 * The reporter indexes of a person's memberships (SMS and Signal, when one
 * number links them): what BLOCK holds of her. A row that will not open (a
 * damaged value) has none: her check-in's escalation must not fail on it.
 */
function personKeys(db: Db, vault: Vault, memberId: number): Buffer[] {
  return personMemberIds(db, memberId).flatMap((id) => {
    try {
      const sender = memberSender(db, vault, id);
      return sender ? [vault.index('reporter', memberKey(sender))] : [];
    } catch {
      return [];
    }
  });
}

/** Silences a person by her member row, on either channel, as BLOCK of her report would. */
export function blockMember(db: Db, vault: Vault, memberId: number, now: number): void {
  for (const key of personKeys(db, vault, memberId)) blockSender(db, key, now);
}

/** Whether a person (by her member row, on either channel) is silenced. */
export function memberBlocked(db: Db, vault: Vault, memberId: number): boolean {
  return personKeys(db, vault, memberId).some((key) => isBlocked(db, key));
}
