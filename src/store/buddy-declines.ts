/**
 * A buddy's DECLINE, kept for each member it answered (issue 13): she may
 * not ask that number again over that channel for DECLINE_KEPT_DAYS, or BUDDY
 * would let her text someone who said no as often as her daily invitations
 * allow. Found by a blind index of the number of its own purpose
 * ('declined'), so that a database read without the key cannot join "the
 * number that refused her" to another member's link or to its stop (both
 * under 'buddy'); the number is sealed beside it only so that rotate-key can
 * recompute the index. Erased with her
 * membership (DELETE), by the number's own DELETE over that channel, and by
 * retention.
 */
import type { Channel } from '../domain/channel';
import { DAY_MS, startOfDay } from './coarse-time';
import type { Db } from './db';
import type { Vault } from './vault';

/** How long a DECLINE keeps the member it answered from asking that number again. */
export const DECLINE_KEPT_DAYS = 30;

/** The index a decline of `phone` is kept under. */
export function declineIndex(vault: Vault, phone: string): Buffer {
  return vault.index('declined', phone);
}

/** Records that `phone` declined, over `channel`, the invitations of these memberships (each kept to the day, like a stop). */
export function recordDeclines(db: Db, vault: Vault, memberIds: number[], phone: string, channel: Channel, now: number): void {
  const index = declineIndex(vault, phone);
  const day = startOfDay(now);
  for (const memberId of new Set(memberIds)) {
    const held = db.stmt('SELECT id FROM buddy_declines WHERE member_id = ? AND buddy_bidx = ? AND channel = ?').get(memberId, index, channel) as { id: number } | undefined;
    if (held) {
      db.stmt('UPDATE buddy_declines SET created_at = ? WHERE id = ?').run(day, held.id);
      continue;
    }
    const id = db.nextId('buddy_declines');
    const sealed = vault.seal(phone, { table: 'buddy_declines', column: 'address', row: id });
    db.stmt('INSERT INTO buddy_declines (id, member_id, buddy_bidx, channel, address_ct, key_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      memberId,
      index,
      channel,
      sealed,
      vault.keyVersion,
      day,
    );
  }
}

/** Whether `phone` declined, over `channel`, one of these memberships (one person's) in the last DECLINE_KEPT_DAYS. */
export function declinedBy(db: Db, vault: Vault, memberIds: number[], phone: string, channel: Channel, now: number): boolean {
  const since = now - DECLINE_KEPT_DAYS * DAY_MS;
  const held = db
    .stmt('SELECT member_id FROM buddy_declines WHERE buddy_bidx = ? AND channel = ? AND created_at > ?')
    .all(declineIndex(vault, phone), channel, since) as Array<{ member_id: number }>;
  return held.some((r) => memberIds.includes(r.member_id));
}

/** Erases the declines of `phone` over `channel` (its own DELETE there, as its stop there goes). */
export function forgetDeclinesOf(db: Db, vault: Vault, phone: string, channel: Channel): number {
  return db.stmt('DELETE FROM buddy_declines WHERE buddy_bidx = ? AND channel = ?').run(declineIndex(vault, phone), channel).changes;
}

/** Retention: erases declines DECLINE_KEPT_DAYS old, or older than `cutoff` (a shorter RETENTION_DAYS). */
export function ageDeclines(db: Db, cutoff: number, now: number): number {
  return db.stmt('DELETE FROM buddy_declines WHERE created_at <= ? OR created_at < ?').run(now - DECLINE_KEPT_DAYS * DAY_MS, cutoff).changes;
}
