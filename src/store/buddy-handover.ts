/**
 * A membership's buddy links and declines handed to her twin
 * (membership-handover.ts). Each is kept under an index of its member and
 * the number (buddy-indexes.ts), so a moved row is opened and indexed again
 * for the twin; its id stays, and with it its place in the number's row
 * (buddy-numbers.ts). One the twin already holds for that number stays
 * behind, erased with `from`, as does one that no longer opens.
 */
import { buddiesOf, type Buddy } from './buddies';
import { declineIndex, linkIndex, openedNumber } from './buddy-indexes';
import type { Db } from './db';
import type { Vault } from './vault';

/** `from`'s and `to`'s links to the same number (each that opens): [from's, to's]. */
export function sharedLinks(db: Db, vault: Vault, from: number, to: number): Array<[Buddy, Buddy]> {
  const theirs = buddiesOf(db, vault, to);
  return buddiesOf(db, vault, from).flatMap((f) => theirs.filter((t) => t.address === f.address).map((t): [Buddy, Buddy] => [f, t]));
}

/** Moves `from`'s links and declines that open, and that `to` does not hold for the number, to `to`. */
export function moveBuddyRows(db: Db, vault: Vault, from: number, to: number): void {
  const held = db.stmt('SELECT 1 FROM buddies WHERE member_id = ? AND buddy_bidx = ?');
  for (const b of buddiesOf(db, vault, from)) {
    const index = linkIndex(vault, to, b.address);
    if (held.get(to, index) === undefined) db.stmt('UPDATE buddies SET member_id = ?, buddy_bidx = ? WHERE id = ?').run(to, index, b.id);
  }
  const declines = db.stmt('SELECT id, channel, address_ct, key_version FROM buddy_declines WHERE member_id = ?').all(from) as Array<{
    id: number;
    channel: string;
    address_ct: Buffer;
    key_version: number;
  }>;
  const declined = db.stmt('SELECT 1 FROM buddy_declines WHERE member_id = ? AND buddy_bidx = ? AND channel = ?');
  for (const d of declines) {
    const phone = openedNumber(vault, 'buddy_declines', d);
    if (phone === undefined) continue;
    const index = declineIndex(vault, to, phone);
    if (declined.get(to, index, d.channel) === undefined) db.stmt('UPDATE buddy_declines SET member_id = ?, buddy_bidx = ? WHERE id = ?').run(to, index, d.id);
  }
}
