/** The members with a check-in running: those a change in who can be told may leave reaching no one (bot/checkin-alone.ts). */
import type { Db } from './db';

/** The memberships with a check-in running (one each at most: the checkins_open index). */
export function runningCheckinMembers(db: Db): number[] {
  return (db.stmt("SELECT member_id FROM checkins WHERE state = 'open'").all() as Array<{ member_id: number }>).map((r) => r.member_id);
}
