/**
 * A missed check-in's escalation queued for a moderator since taken off
 * MODERATORS is withdrawn at start (she gets none of it: store/moderator-
 * notices.ts); it goes instead to the moderators listed now, or the member
 * would hear that the line's moderators could not be reached while one can.
 */
import type { Sender } from '../phone/identity';
import { escalatedCheckin } from '../store/checkins';
import type { Db } from '../store/db';
import { findMember } from '../store/members';
import { moderatorsEscalatedTo } from '../store/moderator-notices';
import { escalatedBuddies } from '../store/unreached-checkins';
import type { Vault } from '../store/vault';
import { fallbackModerators } from '../bot/moderator-checkins';
import { tellModerators } from './checkin-messages';

/**
 * Queues each of these check-ins' escalation (still escalated: not ended by
 * OK, STOP or DELETE) to the reachable moderators listed now that it does not
 * already stand for (none for a sender BLOCK silenced since), inside the
 * caller's transaction. With none, nothing: the timers tell her, as ever,
 * that the moderators could not be reached.
 * Returns how many check-ins were queued again.
 */
export function escalateToListedModerators(db: Db, vault: Vault, moderatorContacts: readonly Sender[], checkinIds: number[], now: number): number {
  let queued = 0;
  for (const id of checkinIds) {
    const c = escalatedCheckin(db, vault, id);
    if (!c) continue;
    const told = new Set(moderatorsEscalatedTo(db, id));
    // Not for a sender BLOCK silenced since.
    const moderators = fallbackModerators({ db, vault, fallback: 'moderators', moderatorContacts }, c.memberId).filter((m) => !told.has(findMember(db, vault, m)?.id ?? -1));
    if (!moderators.length) continue;
    // Went to the moderators after her buddies could not be reached: they should read so, as the first did.
    tellModerators({ db, vault }, c, moderators, now, escalatedBuddies(db, id) > 0);
    queued++;
  }
  return queued;
}
