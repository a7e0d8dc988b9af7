/**
 * A check-in's reminder that no longer holds: once the check-in escalates,
 * "your check-in ends at 21:41. Text OK…, or LATER 30" after "you didn't
 * check in" is untrue (the provider was down from before the reminder
 * until after the deadline).
 */
import type { Db } from './db';

/**
 * Withdraws a check-in's reminders still waiting, no send holding them, as
 * a newer notice withdraws older ones (unreached-checkins.ts
 * withdrawWaitingNotices); one in flight is left to its answer.
 */
export function withdrawWaitingReminders(db: Db, id: number): void {
  db.stmt(
    "DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM checkin_messages WHERE checkin_id = ? AND kind = 'reminder') AND state = 'pending' AND lease_until = 0",
  ).run(id);
}
