/**
 * Whose things a message acts on when it may be her other channel's: the
 * same number on SMS and over Signal (showing it) is one person on one
 * phone, so her check-ins and buddies are found from either, even before
 * she has a membership on the one she writes from.
 */
import { otherChannelMember } from '../store/members';
import type { Asker, Store } from './handler';

/** Her membership, or with none on this channel her other channel's: whose check-ins and buddies count. */
export function personOf(store: Store, who: Asker): number | undefined {
  return who.member?.id ?? otherChannelMember(store.db, store.vault, who.sender);
}
