/**
 * Erasing buddy links and the messages about them: BUDDY OFF, a buddy's
 * DECLINE or DELETE, the member's DELETE. Apart from the links' own store
 * (buddies.ts), which reads and records them.
 */
import type { Channel } from '../domain/channel';
import { idList } from './buddies';
import { linkIndex, openedNumber } from './buddy-indexes';
import { linkIdsOf, relist } from './buddy-numbers';
import type { Db } from './db';
import { withdrawEscalations } from './escalation-withdrawals';
import { readableRowAddress } from './outbox-rows';
import type { Vault } from './vault';

/**
 * Erases one buddy row (BUDDY OFF, DECLINE), and every check-in escalation
 * and every message of the member's (an invitation held up by the provider)
 * still waiting to go to them: someone no longer a buddy must not get the
 * member's details, nor learn her name and that the line exists. One
 * already sent stays. Returns how many rows were erased, the link's own
 * included (sealed data: the caller erases soon).
 */
export function removeBuddy(db: Db, vault: Vault, id: number): number {
  const link = db.stmt('SELECT member_id, buddy_bidx, address_ct, key_version FROM buddies WHERE id = ?').get(id) as
    | { member_id: number; buddy_bidx: Buffer; address_ct: Buffer; key_version: number }
    | undefined;
  if (!link) return 0;
  let erased = withdrawEscalations(db, '?', [id]);
  erased += eraseWaitingToBuddy(db, vault, link.member_id, link.buddy_bidx);
  erased += db.stmt('DELETE FROM buddies WHERE id = ?').run(id).changes;
  // Her number's row lists it no more (one that no longer opens is dropped at that number's next write).
  const phone = openedNumber(vault, 'buddies', { id, ...link });
  if (phone !== undefined) relist(db, vault, phone);
  return erased;
}

/**
 * Erases a member's buddy messages still waiting to go to this number (and
 * forgets it in those sent but not yet final). They name no buddy row, so
 * each address is opened and indexed (a member has few waiting); only this
 * member's: another may have asked the same number.
 */
function eraseWaitingToBuddy(db: Db, vault: Vault, memberId: number, index: Buffer): number {
  // `index`: the link's, of the member and the number.
  const rows = db
    .stmt(
      "SELECT o.id, o.state, o.address_ct, o.key_version FROM outbox o JOIN buddy_messages m ON m.outbox_id = o.id WHERE m.member_id = ? AND o.state IN ('pending', 'sent') AND o.address_ct IS NOT NULL",
    )
    .all(memberId) as Array<{ id: number; state: string; address_ct: Buffer; key_version: number }>;
  let erased = 0;
  for (const row of rows) {
    const to = readableRowAddress(vault, row);
    if (to === undefined || !linkIndex(vault, memberId, to).equals(index)) continue;
    // An all-clear's pair, one copy erased, would read as reaching no one should another have failed: she is told they left.
    db.stmt('DELETE FROM checkin_all_clear_watch WHERE pair = (SELECT coalesce(pair, outbox_id) FROM checkin_all_clears WHERE outbox_id = ?)').run(row.id);
    // buddy_messages follows by its foreign key. One sent but not yet final only forgets the address, so as not to go again.
    erased += row.state === 'pending' ? db.stmt('DELETE FROM outbox WHERE id = ?').run(row.id).changes : db.stmt('UPDATE outbox SET address_ct = NULL WHERE id = ?').run(row.id).changes;
  }
  return erased;
}

/**
 * Erases every live link to this buddy going over `channel` (their DECLINE
 * from it) as removeBuddy does, found by her number's row: a row that no
 * longer opens goes too. Returns how many rows were erased.
 */
export function removeLinksOfBuddy(db: Db, vault: Vault, phone: string, channel: Channel): number {
  const listed = idList(linkIdsOf(db, vault, phone));
  const ids = db.stmt("SELECT id FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = ? AND status <> 'stopped'").all(listed, channel) as Array<{ id: number }>;
  return ids.reduce((n, { id }) => n + removeBuddy(db, vault, id), 0);
}

/**
 * Erases every link to this buddy that goes over `channel` (their DELETE
 * from it; liftBuddyStop erases their stop there); the escalations of those
 * links are withdrawn or forgotten, by whatever lane they go. Their links
 * over the other channel stay, and so do their escalations, an SMS copy of
 * one included: a DELETE by SMS may be spoofed, or a recycled number's new
 * holder's.
 */
export function forgetBuddy(db: Db, vault: Vault, phone: string, channel: Channel): number {
  const listed = idList(linkIdsOf(db, vault, phone));
  withdrawEscalations(db, 'SELECT id FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = ?', [listed, channel]);
  const erased = db.stmt('DELETE FROM buddies WHERE id IN (SELECT value FROM json_each(?)) AND channel = ?').run(listed, channel).changes;
  relist(db, vault, phone);
  return erased;
}

/** Links a message about a buddy link (it carries the name the member gave) to the member, for their DELETE. */
export function linkBuddyMessage(db: Db, outboxId: number, memberId: number): void {
  db.stmt('INSERT INTO buddy_messages (outbox_id, member_id) VALUES (?, ?)').run(outboxId, memberId);
}

/**
 * Erases a member's buddy links and the declines kept for her, and takes them out of their numbers' rows
 * (buddy-numbers.ts), where a number's index would otherwise outlive them (her DELETE, a refused membership;
 * the member row's cascade would erase the rows, not the lists). Before her row goes; returns how many rows.
 */
export function eraseBuddyLinksOf(db: Db, vault: Vault, memberId: number): number {
  let erased = 0;
  for (const table of ['buddies', 'buddy_declines'] as const) {
    const rows = db.stmt(`SELECT id, address_ct, key_version FROM ${table} WHERE member_id = ?`).all(memberId) as Array<{ id: number; address_ct: Buffer; key_version: number }>;
    const numbers = new Set<string>();
    for (const r of rows) {
      const phone = openedNumber(vault, table, r);
      if (phone !== undefined) numbers.add(phone);
    }
    erased += db.stmt(`DELETE FROM ${table} WHERE member_id = ?`).run(memberId).changes;
    for (const phone of numbers) relist(db, vault, phone);
  }
  return erased;
}

/** Erases the messages about a member's buddy links, sent or not (their DELETE). */
export function eraseBuddyMessagesOf(db: Db, memberId: number): number {
  const n = db.stmt('DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM buddy_messages WHERE member_id = ?)').run(memberId).changes;
  db.stmt('DELETE FROM buddy_messages WHERE member_id = ?').run(memberId);
  return n;
}
