/**
 * A member's STOP ends her running check-in: by her message (bot/member-commands.ts),
 * and by the carrier refusing as opted out (21610) the question a restore's
 * grace sent about that check-in (a STOP the restore lost). Any other 21610
 * says only that an opt-out is in force, maybe one older than a check-in she
 * asked for since: that check-in still escalates (a false alarm harms far
 * less than silence).
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

/**
 * Outbox row `outboxId` was refused as opted out: when it is the question a
 * restore's grace sent (jobs/checkin-restored.ts), the check-in it asked
 * about, if still running, ends as her STOP ends one. Whether one ended.
 */
export function endRestoredCheckinRefused(db: Db, outboxId: number): boolean {
  const asked = db
    .stmt(
      "SELECT k.id FROM checkin_messages c JOIN checkins k ON k.id = c.checkin_id WHERE c.outbox_id = ? AND k.restored_question = c.outbox_id AND k.state = 'open'",
    )
    .get(outboxId) as { id: number } | undefined;
  if (!asked) return false;
  eraseCheckin(db, asked.id);
  db.eraseSoon();
  return true;
}
