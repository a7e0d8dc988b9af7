/**
 * A member's number called invalid by the provider (Twilio 30005, 30006 or
 * a refused To; Signal "unregistered"). Not always final: a number being
 * ported, a VoIP carrier's trouble, a Signal app being reinstalled. So the
 * message fails for good, but her membership is marked invalid only at the
 * INVALID_IN_A_ROW-th such message in a row, and keeps its areas; the next
 * message she sends on that channel makes it active again. An alert that
 * does not arrive can cost a life: a membership is not dropped on one word.
 */
import type { Db } from './db';
import type { MemberStatus } from './members';

/** Messages in a row called invalid before her membership is. */
export const INVALID_IN_A_ROW = 3;

/**
 * Counts one message of hers that failed as invalid (the caller fails its
 * row in the same transaction, and a failed row is never counted again);
 * marks an active membership invalid at the INVALID_IN_A_ROW-th. One
 * stopped or waiting for a moderator keeps its status.
 */
export function countInvalid(db: Db, memberId: number): void {
  db.stmt(
    `UPDATE members SET invalid_streak = invalid_streak + 1,
       status = CASE WHEN invalid_streak + 1 >= @limit THEN 'invalid' ELSE status END
     WHERE id = @id AND status = 'active'`,
  ).run({ id: memberId, limit: INVALID_IN_A_ROW });
}

/**
 * A message reached her (delivered, or taken by Signal): the count starts
 * again. Not for a membership marked already: a late report of an older
 * message says nothing of the number now (her own message does: heardFrom).
 */
export function countReached(db: Db, memberId: number): void {
  db.stmt("UPDATE members SET invalid_streak = 0 WHERE id = ? AND invalid_streak > 0 AND status <> 'invalid'").run(memberId);
}

/**
 * She wrote from this membership's address: it works. The count starts
 * again, and a membership this count marked invalid is active again, her
 * areas with it. Returns her status when it was written (undefined: nothing
 * to do). One marked before migration 0045 has a count of 0 and no areas
 * left: JOIN brings it back, as it did.
 */
export function heardFrom(db: Db, memberId: number): MemberStatus | undefined {
  const row = db
    .stmt(
      `UPDATE members SET invalid_streak = 0, status = CASE WHEN status = 'invalid' THEN 'active' ELSE status END
       WHERE id = ? AND invalid_streak > 0 RETURNING status`,
    )
    .get(memberId) as { status: MemberStatus } | undefined;
  return row?.status;
}
