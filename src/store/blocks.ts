/**
 * Senders silenced by BLOCK, held as reporter indexes so the list names no
 * one. Beside each index, once known, the identity it is of ("sms:+1…",
 * "signal:<uuid>") sealed, so that rotate-key can recompute the index: a
 * block kept as an index alone is erased by a rotation (migration 0044).
 */
import { memberKey } from '../phone/identity';
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import { memberSender, personIndexes, personMemberIds } from './members';
import type { Slot, Vault } from './vault';

/** Where a block's identity is sealed: bound to its index, so it cannot be moved to another block's row. */
export function blockSlot(reporterKey: Buffer): Slot {
  return { table: 'blocked_senders', column: 'value', row: reporterKey.toString('hex') };
}

/** Silences a sender known only by her index (a report's reporter): her identity is sealed when she next writes (blockedAs). */
export function blockSender(db: Db, reporterKey: Buffer, now: number): void {
  db.stmt('INSERT OR IGNORE INTO blocked_senders (reporter_bidx, created_at) VALUES (?, ?)').run(reporterKey, startOfDay(now));
}

/** Silences the sender `canonical` (memberKey of her), her identity sealed beside the block. */
export function blockIdentity(db: Db, vault: Vault, canonical: string, now: number): void {
  const reporterKey = vault.index('reporter', canonical);
  blockSender(db, reporterKey, now);
  sealIdentity(db, vault, reporterKey, canonical);
}

/** Seals `canonical` beside the block of `reporterKey`, where none is yet. */
function sealIdentity(db: Db, vault: Vault, reporterKey: Buffer, canonical: string): void {
  db.stmt('UPDATE blocked_senders SET value_ct = ?, key_version = ? WHERE reporter_bidx = ? AND value_ct IS NULL').run(
    vault.seal(canonical, blockSlot(reporterKey)),
    vault.keyVersion,
    reporterKey,
  );
}

/** Whether a sender is silenced. */
export function isBlocked(db: Db, reporterKey: Buffer): boolean {
  return db.stmt('SELECT 1 FROM blocked_senders WHERE reporter_bidx = ?').get(reporterKey) !== undefined;
}

/**
 * Whether the sender `canonical` (whose reporter index is `reporterKey`) is
 * silenced; a block of her kept as an index alone learns who it is of, so
 * that it outlives a key rotation. One write, at her first message after
 * the block: the rest of a flood writes nothing.
 */
export function blockedAs(db: Db, vault: Vault, reporterKey: Buffer, canonical: string): boolean {
  const row = db.stmt('SELECT value_ct IS NULL AS bare FROM blocked_senders WHERE reporter_bidx = ?').get(reporterKey) as { bare: number } | undefined;
  if (!row) return false;
  if (row.bare) sealIdentity(db, vault, reporterKey, canonical);
  return true;
}

/** Silences a person by her member row, on either channel, as BLOCK of her report would. */
export function blockMember(db: Db, vault: Vault, memberId: number, now: number): void {
  for (const id of personMemberIds(db, memberId)) {
    let sender: ReturnType<typeof memberSender>;
    try {
      sender = memberSender(db, vault, id);
    } catch {
      // A damaged address (the server steps around it): her other membership is still blocked.
      continue;
    }
    if (sender) blockIdentity(db, vault, memberKey(sender), now);
  }
}

/** Whether a person (by her member row, on either channel) is silenced. */
export function memberBlocked(db: Db, vault: Vault, memberId: number): boolean {
  return personIndexes(db, vault, memberId, 'reporter').some((key) => isBlocked(db, key));
}
