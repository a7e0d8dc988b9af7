/** BLOCK and SHOW of a missed check-in's reference (CHECKIN_FALLBACK=moderators): its sender, never who she is. */
import type { Sender } from '../phone/identity';
import { blockIdentity, blockMember, memberBlocked } from '../store/blocks';
import { checkinOfRef, checkinRefMember, checkinRefSender } from '../store/checkin-refs';
import { detailsOutlived, escalatedCheckin } from '../store/checkins';
import { personMemberIds } from '../store/members';
import { reachableModerators } from '../store/moderator-identities';
import { withdrawModeratorEscalationsOf } from '../store/moderator-notices';
import type { Vault } from '../store/vault';
import type { Db } from '../store/db';
import { escalatedBuddies } from '../store/unreached-checkins';
import { dayTime } from './clock-time';
import { say, type Outcome, type Store } from './handler';
import type { Moderator } from './moderator-commands';

/**
 * The moderators a member's missed check-in goes to (CHECKIN_FALLBACK), but
 * not a Signal one whose identity changed; none for a member BLOCK silenced
 * on either membership (by a check-in's reference, or a report's): a hostile
 * number must not go on texting every moderator its own words. One decision
 * for CHECKIN's promise and for the deadline: her reply must be true.
 * `memberId` undefined: no membership yet, so none blocked.
 */
export function fallbackModerators(
  deps: { db: Db; vault: Vault; fallback: 'moderators' | 'none'; moderatorContacts: readonly Sender[] },
  memberId: number | undefined,
): Sender[] {
  const { db, vault } = deps;
  if (deps.fallback !== 'moderators' || (memberId !== undefined && memberBlocked(db, vault, memberId))) return [];
  return reachableModerators(db, vault, deps.moderatorContacts);
}

/**
 * BLOCK of a missed check-in's reference (CHECKIN_FALLBACK=moderators): its
 * sender is silenced as a report's is, and her check-ins go to no moderator
 * from now on: those still queued for them are withdrawn, and one running
 * now tells no one at its end (she is told so). Her buddies, if any, are
 * still told: she chose them, and they her. Returns her membership and the number
 * she showed, or undefined when the reference names no one.
 */
export function blockCheckinSender(store: Store, ref: string, now: number): { memberId: number; phone: string | null } | undefined {
  const { db, vault } = store;
  const sender = checkinRefSender(db, vault, ref);
  if (sender === undefined) return undefined;
  const { memberId } = sender;
  blockMember(db, vault, memberId, now);
  // The number she showed over Signal, blocked as BLOCK of her report blocks it (sealed beside the block: a key rotation keeps it).
  if (sender.phone !== null) blockIdentity(db, vault, sender.phone, now);
  // Her details go with the withdrawn messages, from the WAL too.
  if (withdrawModeratorEscalationsOf(db, personMemberIds(db, memberId), now) > 0) db.eraseSoon();
  return sender;
}

/**
 * SHOW of a missed check-in's reference: the notice with its details, while
 * they are kept (a day after it, or until her OK); one she gave none says so
 * while it runs, as its notice did.
 */
export function showCheckin(store: Store, mod: Moderator, ref: string, now: number): Outcome | null {
  const memberId = checkinRefMember(store.db, ref);
  if (memberId === undefined) return null;
  const id = checkinOfRef(store.db, ref);
  const c = id === undefined ? undefined : escalatedCheckin(store.db, store.vault, id);
  let details: string | null;
  try {
    details = c?.details() ?? null;
  } catch {
    // A damaged value: she is told they are lost, as the notice would have said.
    details = mod.t.checkinDetailsUnreadable();
  }
  if (!c || (details === null && detailsOutlived(store.db, c.id, now))) return say(mod.t.modCheckinNoDetails(`#${ref}`));
  return say(mod.t.checkinEscalationModerators(`#${ref}`, mod.t.checkinEnd(dayTime(c.expectedAt, now)), details ?? '', escalatedBuddies(store.db, c.id) > 0));
}
