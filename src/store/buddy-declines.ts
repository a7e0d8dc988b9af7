/**
 * A buddy's DECLINE, kept for each member it answered (issue 13): she may
 * not ask that number again over that channel for DECLINE_KEPT_DAYS, or BUDDY
 * would let her text someone who said no as often as her daily invitations
 * allow. Found by a blind index of the member and the number, of its own
 * purpose ('declined'), so that a database read without the key cannot join
 * "the number that refused her" to another member's decline, link or stop;
 * the number's row (buddy-numbers.ts) lists it for her own DELETE. The
 * number is sealed beside it so that rotate-key can recompute the index. Erased with her
 * membership (DELETE), by the number's own DELETE over that channel, and by
 * retention.
 */
import type { Channel } from '../domain/channel';
import { DAY_MS, startOfDay } from './coarse-time';
import { declineIndex } from './buddy-indexes';
import { declineIdsOf, relist } from './buddy-numbers';
import type { Db } from './db';
import type { Vault } from './vault';

/** How long a DECLINE keeps the member it answered from asking that number again. */
export const DECLINE_KEPT_DAYS = 30;

/** Records that `phone` declined, over `channel`, the invitations of these memberships (each kept to the day, like a stop). */
export function recordDeclines(db: Db, vault: Vault, memberIds: number[], phone: string, channel: Channel, now: number): void {
  const day = startOfDay(now);
  const added: number[] = [];
  for (const memberId of new Set(memberIds)) {
    const index = declineIndex(vault, memberId, phone);
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
    added.push(id);
  }
  if (added.length) relist(db, vault, phone, { declines: added });
}

/** Whether `phone` declined, over `channel`, one of these memberships (one person's) in the last DECLINE_KEPT_DAYS. */
export function declinedBy(db: Db, vault: Vault, memberIds: number[], phone: string, channel: Channel, now: number): boolean {
  const since = now - DECLINE_KEPT_DAYS * DAY_MS;
  const held = db.stmt('SELECT 1 FROM buddy_declines WHERE member_id = ? AND buddy_bidx = ? AND channel = ? AND created_at > ?');
  return memberIds.some((id) => held.get(id, declineIndex(vault, id, phone), channel, since) !== undefined);
}

/** Erases the declines of `phone` over `channel` (its own DELETE there, as its stop there goes). */
export function forgetDeclinesOf(db: Db, vault: Vault, phone: string, channel: Channel): number {
  const ids = declineIdsOf(db, vault, phone);
  if (ids.length === 0) return 0;
  const erased = db.stmt('DELETE FROM buddy_declines WHERE id IN (SELECT value FROM json_each(?)) AND channel = ?').run(JSON.stringify(ids), channel).changes;
  if (erased > 0) relist(db, vault, phone);
  return erased;
}

/**
 * Retention: erases declines DECLINE_KEPT_DAYS old, or older than `cutoff` (a shorter RETENTION_DAYS). Without
 * the key: their numbers' rows drop them at their next write, or as the server starts (buddy-numbers.ts).
 */
export function ageDeclines(db: Db, cutoff: number, now: number): number {
  return db.stmt('DELETE FROM buddy_declines WHERE created_at <= ? OR created_at < ?').run(now - DECLINE_KEPT_DAYS * DAY_MS, cutoff).changes;
}
