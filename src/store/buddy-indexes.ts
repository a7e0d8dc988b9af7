/**
 * The blind indexes buddies are kept under (issue 13). A number's own
 * ('buddy') keys only rows of no member: her record of links
 * (buddy-numbers.ts) and her stops. A link and a decline are indexed by
 * their member and the number, so that a copy of the database without the
 * key cannot tell that two members named the same buddy.
 */
import type { Vault } from './vault';

/** The index of a number as a buddy, whatever channel she writes from. */
export function buddyIndex(vault: Vault, phone: string): Buffer {
  return vault.index('buddy', phone);
}

/** The index of one member's link to a number (buddies.buddy_bidx): one link a member and number. */
export function linkIndex(vault: Vault, memberId: number, phone: string): Buffer {
  return vault.index('buddy-link', `${memberId}\u0000${phone}`);
}

/** The index one member's decline by a number is kept under (buddy_declines.buddy_bidx). */
export function declineIndex(vault: Vault, memberId: number, phone: string): Buffer {
  return vault.index('declined', `${memberId}\u0000${phone}`);
}

/** A link's or a decline's number (its sealed address), or undefined if it no longer opens. */
export function openedNumber(vault: Vault, table: 'buddies' | 'buddy_declines', row: { id: number; address_ct: Buffer; key_version: number }): string | undefined {
  try {
    return vault.open(row.address_ct, { table, column: 'address', row: row.id }, row.key_version);
  } catch {
    return undefined;
  }
}
