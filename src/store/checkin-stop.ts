/**
 * A member's STOP ends her running check-in: by her message (bot/member-commands.ts),
 * by her opt-out at the provider (a 21610: a STOP the line did not get, or lost
 * with a restore), and at the start after a restore for one the line holds as
 * stopped (jobs/checkin-restored.ts).
 */
import { eraseCheckin, openCheckin } from './checkins';
import type { Db } from './db';

/**
 * Ends her running check-in as her STOP does: erased, no one told (an
 * escalated one stays, so that an OK after START still tells those who
 * heard); the WAL truncated after the commit. Whether one was running.
 */
export function endRunningCheckin(db: Db, memberId: number): boolean {
  const running = openCheckin(db, memberId);
  if (!running) return false;
  eraseCheckin(db, running.id);
  db.eraseSoon();
  return true;
}
