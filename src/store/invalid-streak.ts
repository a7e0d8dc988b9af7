/**
 * A member's number called invalid by the provider (Twilio 30005, 30006 or
 * a refused To; Signal "unregistered"). Not always final: a number being
 * ported, a VoIP carrier's trouble, a Signal app being reinstalled. So the
 * message fails for good, but her membership is marked invalid only at the
 * INVALID_IN_A_ROW-th such message in a row, a day or more after the first,
 * and keeps its areas for a while; the next message she sends on that
 * channel then makes it active again. An alert that does not arrive can
 * cost a life: a membership is not dropped on one word, nor one bad hour.
 * But a number out of use for good is given to someone else: past
 * INVALID_KEPT_MS her areas go, and nothing of hers waits for its new holder.
 */
import { DAY_MS, HOUR_MS, startOfHour } from './coarse-time';
import type { Db } from './db';
import type { MemberStatus } from './members';
import { unsubscribeAll } from './subscriptions';
import { forgetUnreadOf } from './unread-alerts';

/** Messages in a row called invalid before her membership is. */
export const INVALID_IN_A_ROW = 3;

/**
 * How long the streak must last before it marks her: a carrier's blip
 * during a fan-out, or a Signal reinstall, is over within a day. The first's
 * hour is stored, not its moment: an hour more makes it a full day.
 */
export const INVALID_OVER_MS = DAY_MS + HOUR_MS;

/**
 * How long after she is marked (invalid_since, then the hour of the mark)
 * her own message brings a marked membership back with its areas. Carriers
 * hold a number that went out of use for weeks before giving it to someone
 * else (30 to 90 days; 45 at least in the US); two weeks covers a port, a
 * carrier's outage and a reinstall with room to spare. From the mark, not
 * the streak's first refusal: in a quiet area the three may be weeks apart,
 * and she would be marked with her two weeks already gone.
 */
export const INVALID_KEPT_MS = 14 * DAY_MS;

/**
 * Counts one message of hers that failed as invalid (the caller fails its
 * row in the same transaction, and a failed row is never counted again);
 * marks an active membership invalid at the INVALID_IN_A_ROW-th when the
 * first was INVALID_OVER_MS ago or more. One stopped or waiting for a
 * moderator keeps its status. Marked, her unread alerts go at once: should
 * the number be someone else's when it next writes, READ shows them nothing
 * (she, back, reads new ones; the old ones' notices never reached her).
 */
export function countInvalid(db: Db, memberId: number, now: number): void {
  const row = db
    .stmt(
      `UPDATE members SET invalid_streak = invalid_streak + 1,
         invalid_since = CASE WHEN invalid_streak + 1 >= @limit AND @now >= coalesce(invalid_since, @hour) + @over THEN @hour
                              ELSE coalesce(invalid_since, @hour) END,
         status = CASE WHEN invalid_streak + 1 >= @limit AND @now >= coalesce(invalid_since, @hour) + @over THEN 'invalid' ELSE status END
       WHERE id = @id AND status = 'active' RETURNING status`,
    )
    .get({ id: memberId, limit: INVALID_IN_A_ROW, now, hour: startOfHour(now), over: INVALID_OVER_MS }) as { status: MemberStatus } | undefined;
  if (row?.status === 'invalid') forgetUnreadOf(db, memberId);
}

/**
 * Her outbox row `outboxId` reached her (delivered, or taken by Signal): the
 * count starts again. Only while the row is still hers (erased while in
 * flight, her id may be someone else's now), and not for a membership marked
 * already: a late report of an older message says nothing of the number now
 * (her own message does: heardFrom). One statement, a no-op for nearly every
 * member: it runs for every Signal send.
 */
export function countReached(db: Db, memberId: number, outboxId: number): void {
  db.stmt(
    `UPDATE members SET invalid_streak = 0, invalid_since = NULL
     WHERE id = @member AND invalid_streak > 0 AND status <> 'invalid'
       AND EXISTS (SELECT 1 FROM outbox WHERE id = @row AND member_id = @member)`,
  ).run({ member: memberId, row: outboxId });
}

/**
 * She wrote from this membership's address: it works. The count starts
 * again, and a membership this count marked invalid within INVALID_KEPT_MS
 * is active again, her areas with it. Returns her status when it was
 * written (undefined: nothing to do). One marked longer ago, or before
 * migration 0045, has a count of 0 and no areas left: JOIN brings it back
 * (pending under approval), as it did.
 */
export function heardFrom(db: Db, memberId: number, now: number): MemberStatus | undefined {
  lapseInvalid(db, now, memberId);
  const row = db
    .stmt(
      `UPDATE members SET invalid_streak = 0, invalid_since = NULL, status = CASE WHEN status = 'invalid' THEN 'active' ELSE status END
       WHERE id = ? AND invalid_streak > 0 RETURNING status`,
    )
    .get(memberId) as { status: MemberStatus } | undefined;
  return row?.status;
}

/** Whether a membership is marked invalid and would come back at her next message (within INVALID_KEPT_MS). */
export function invalidButKept(db: Db, memberId: number, now: number): boolean {
  return db.stmt("SELECT 1 FROM members WHERE id = ? AND status = 'invalid' AND invalid_since > ?").get(memberId, now - INVALID_KEPT_MS) !== undefined;
}

/**
 * Memberships marked invalid INVALID_KEPT_MS or more ago (all, or the
 * one given) are as the line left them before
 * migration 0045: areas and unread alerts gone, the count at 0, invalid
 * until a JOIN. Retention runs it hourly; heardFrom for her own. Returns
 * how many.
 */
export function lapseInvalid(db: Db, now: number, memberId?: number): number {
  // Her own by its key (every message of hers asks); all by a scan of the members, once an hour.
  const lapse = `UPDATE members SET invalid_streak = 0, invalid_since = NULL WHERE status = 'invalid' AND invalid_since <= @cutoff`;
  const cutoff = now - INVALID_KEPT_MS;
  const lapsed = (
    memberId === undefined ? db.stmt(`${lapse} RETURNING id`).all({ cutoff }) : db.stmt(`${lapse} AND id = @id RETURNING id`).all({ cutoff, id: memberId })
  ) as Array<{ id: number }>;
  for (const { id } of lapsed) {
    unsubscribeAll(db, id);
    forgetUnreadOf(db, id);
  }
  return lapsed.length;
}
