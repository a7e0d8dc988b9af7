/**
 * Buddy invitations no one answered lapse: apart from the links' store
 * (buddies.ts), for the retention job that runs it.
 */
import { startOfDay } from './coarse-time';
import type { Db } from './db';

/**
 * Days an invitation waits for an answer. A week: time for a phone that was
 * off or a number changed hands to come back, and a friend asks in person
 * anyway; longer, and a stranger's ignored invitation waits to be confused
 * with hers (ACCEPT asks which, by name, while several wait).
 */
export const INVITATION_DAYS = 7;

/**
 * Erases the invitations no one answered made before the day `today`
 * begins, less INVITATION_DAYS (made on a day, they lapse 7 to 8 days
 * later: only the day is kept). The member's list simply no longer shows
 * it, whether the number ever saw it or not (a held one included): she may
 * ask again. Returns how many.
 */
export function lapseInvitations(db: Db, today: number): number {
  return db.stmt("DELETE FROM buddies WHERE status = 'invited' AND created_at < ?").run(startOfDay(today) - INVITATION_DAYS * 86_400_000).changes;
}
