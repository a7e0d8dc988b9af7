/**
 * Whose things a message acts on when it may be her other channel's: the
 * same number on SMS and over Signal (showing it) is one person on one
 * phone, so her check-ins and buddies are found from either, even before
 * she has a membership on the one she writes from.
 */
import { invalidButKept } from '../store/invalid-streak';
import { memberStatus, otherChannelMember, personMemberIds } from '../store/members';
import type { Asker, Store } from './handler';
import type { NewMemberRules } from './member-commands';

/** Her membership, or with none on this channel her other channel's: whose check-ins and buddies count. */
export function personOf(store: Store, who: Asker): number | undefined {
  return who.member?.id ?? otherChannelMember(store.db, store.vault, who.sender);
}

/**
 * Whether the sender may make the line text others (BUDDY, CHECKIN): anyone
 * on an open line; under approval, only one a moderator admitted on either
 * channel (a row of hers still waiting on this one does not refuse her). A
 * membership marked invalid lately was admitted (a Signal reinstall); not
 * one marked long ago, whose number may be someone else's now.
 */
export function admitted(store: Store, who: Asker, rules: NewMemberRules, now: number): boolean {
  if (rules.subscribeMode !== 'approval') return true;
  const person = personOf(store, who);
  return person !== undefined && personMemberIds(store.db, person).some((id) => memberStatus(store.db, id) === 'active' || invalidButKept(store.db, id, now));
}
