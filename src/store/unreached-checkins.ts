/**
 * A check-in's escalation that reached none of those it went to (each
 * refused for good, or none through within a few minutes): which ones, how
 * many buddies, and the member told so once per escalation and recipients
 * (jobs/checkin-timers.ts).
 */
import { buddiesWhere, NOT_LOST } from './checkin-reach';
import { dueCheckinOf, type DueCheckin } from './checkins';
import type { Db } from './db';
import type { Vault } from './vault';

/** An escalated check-in whose escalation reached none of those it went to; its details opened on demand (inside the caller's savepoint). */
export interface UnreachedCheckin extends DueCheckin {
  /** Whom it went to: her buddies, or the moderators (CHECKIN_FALLBACK). */
  to: 'buddies' | 'moderators';
  /** How many buddies it was for (0 for the moderators). */
  buddies: number;
  /** Some of its messages (to anyone) still wait or are retried: it may yet arrive. */
  trying: boolean;
}

/**
 * An escalation none of whose messages went through within this long counts
 * as not reached, though its messages keep trying (an outage, a held or
 * paused lane): a missed check-in must not wait hours for her to hear that
 * no one knows. Long enough for a Signal escalation's SMS fallback.
 */
export const UNREACHED_AFTER_MS = 3 * 60_000;

/**
 * Escalated check-ins none of whose messages to her buddies, or to the
 * moderators, went through (each failed for good, or, some still waiting or
 * retried, none sent within UNREACHED_AFTER_MS, none at the provider now), and whose member was not
 * yet told so, after `afterId` (a run moves past those it could not
 * handle); with how many buddies they were for (a buddy's SMS after a
 * refused Signal copy is the same buddy). One escalation goes to one of
 * them at a time: the moderators are told only once her buddies could not
 * be reached, or when she had none; their escalation counts as not reached
 * only while none of her buddies' went through (one late after an outage
 * means her buddy knows: nothing more is said).
 */
export function unreachedCheckins(db: Db, vault: Vault, limit: number, now: number, afterId = 0): UnreachedCheckin[] {
  const rows = db
    .stmt(
      `SELECT k.id, k.member_id, k.due_at, coalesce(k.expected_at, k.due_at) AS expected_at, k.details_ct, k.key_version, o.member_id IS NULL AS to_buddies,
         count(DISTINCT coalesce(c.buddy_id, -c.outbox_id)) AS buddies,
         EXISTS (SELECT 1 FROM checkin_messages c2 JOIN outbox o2 ON o2.id = c2.outbox_id
                 WHERE c2.checkin_id = k.id AND c2.kind = 'escalation' AND o2.state = 'pending') AS trying
       FROM checkins k JOIN checkin_messages c ON c.checkin_id = k.id AND c.kind = 'escalation' JOIN outbox o ON o.id = c.outbox_id
       WHERE k.state = 'escalated' AND (k.unreached_told = 0 OR k.moderators_unreached_told = 0) AND k.id > @afterId
       GROUP BY k.id, to_buddies
       HAVING max(o.state NOT IN ('pending', 'failed')) = 0
         -- Since the escalation, or since the moderators were queued (a clock step back moves both: checkins.ts).
         AND (max(o.state = 'pending') = 0 OR iif(to_buddies, k.escalated_at, coalesce(k.moderators_queued_at, k.escalated_at)) <= @stale)
         AND iif(to_buddies, k.unreached_told, k.moderators_unreached_told) = 0
         -- A buddy's message through after all (an outage ended): someone knows; the moderators' failure is not hers to hear.
         AND (to_buddies OR NOT EXISTS (SELECT 1 FROM checkin_messages c3 JOIN outbox o3 ON o3.id = c3.outbox_id
                 WHERE c3.checkin_id = k.id AND c3.kind = 'escalation' AND o3.member_id IS NULL AND o3.state NOT IN ('pending', 'failed')))
         -- A message at the provider, its answer not back yet, may be going through: the next run looks again.
         AND NOT EXISTS (SELECT 1 FROM checkin_messages c4 JOIN outbox o4 ON o4.id = c4.outbox_id
                 WHERE c4.checkin_id = k.id AND c4.kind = 'escalation' AND o4.state = 'pending' AND o4.lease_until > @now)
       ORDER BY k.id LIMIT +@limit`,
    )
    .all({ afterId, limit, now, stale: now - UNREACHED_AFTER_MS }) as Array<{
    id: number;
    member_id: number;
    due_at: number;
    expected_at: number;
    details_ct: Buffer | null;
    key_version: number;
    to_buddies: number;
    buddies: number;
    trying: number;
  }>;
  return rows.map((r) => ({
    ...dueCheckinOf(vault, r),
    to: r.to_buddies ? 'buddies' : 'moderators',
    buddies: r.to_buddies ? r.buddies : 0,
    trying: r.trying === 1,
  }));
}

/** How many buddies a check-in's escalation went to (a buddy's SMS after a refused Signal copy is the same buddy). */
export function escalatedBuddies(db: Db, id: number): number {
  return (
    db
      .stmt(
        `SELECT count(DISTINCT coalesce(c.buddy_id, -c.outbox_id)) AS n FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id
         WHERE c.checkin_id = ? AND c.kind = 'escalation' AND o.member_id IS NULL`,
      )
      .get(id) as { n: number }
  ).n;
}

/** Where an escalated check-in stands after its member was told it reached no one (unreachedSince). */
export interface UnreachedSince {
  /** She was told none of her buddies could be reached; `moderators`: nor the moderators. */
  buddies: boolean;
  moderators: boolean;
  /** How many buddies it went to. */
  buddyCount: number;
  /** A message to a buddy, or to a moderator, went through since. */
  buddyThrough: boolean;
  moderatorThrough: boolean;
  /** The moderators were passed it (CHECKIN_FALLBACK). */
  moderatorsQueued: boolean;
  /** Some of it is still tried. */
  trying: boolean;
}

/**
 * An escalation row that went through, or is at the provider (claimed, its
 * answer not back): such a send cannot be called back, so an OK must tell
 * them she checked in.
 */
const WENT = "(o.state NOT IN ('pending', 'failed') OR (o.state = 'pending' AND o.lease_until > 0))";

/**
 * What she was told of a check-in's escalation reaching no one, and what
 * has happened since; null when she was told nothing of the kind (LATER's
 * reply must not undo what she heard: bot/checkin-commands.ts).
 */
export function unreachedSince(db: Db, id: number): UnreachedSince | null {
  const k = db.stmt('SELECT unreached_told AS b, moderators_unreached_told AS m FROM checkins WHERE id = ?').get(id) as { b: number; m: number } | undefined;
  if (!k || (k.b === 0 && k.m === 0)) return null;
  const r = db
    .stmt(
      `SELECT count(DISTINCT CASE WHEN o.member_id IS NULL THEN coalesce(c.buddy_id, -c.outbox_id) END) AS buddies,
         coalesce(max(o.member_id IS NULL AND ${WENT}), 0)
           OR EXISTS (SELECT 1 FROM checkin_told WHERE checkin_id = @id AND to_buddy = 1) AS buddy_through,
         coalesce(max(o.member_id IS NOT NULL AND ${WENT}), 0)
           OR EXISTS (SELECT 1 FROM checkin_told WHERE checkin_id = @id AND to_buddy = 0) AS moderator_through,
         coalesce(max(o.member_id IS NOT NULL), 0) AS moderators_queued, coalesce(max(o.state = 'pending'), 0) AS trying
       FROM checkin_messages c JOIN outbox o ON o.id = c.outbox_id WHERE c.checkin_id = @id AND c.kind = 'escalation'`,
    )
    .get({ id }) as { buddies: number; buddy_through: number; moderator_through: number; moderators_queued: number; trying: number };
  return {
    buddies: k.b === 1,
    moderators: k.m === 1,
    buddyCount: r.buddies,
    buddyThrough: r.buddy_through === 1,
    moderatorThrough: r.moderator_through === 1,
    moderatorsQueued: r.moderators_queued === 1,
    trying: r.trying === 1,
  };
}

/**
 * The buddy rows a check-in's escalation went through to (not only tried),
 * or was recorded to have reached; null when one of them was written before
 * the buddy was recorded. After she was told her buddies could not be
 * reached, an OK tells only these (bot/checkin-commands.ts).
 */
export function buddiesReached(db: Db, id: number): number[] | null {
  return buddiesWhere(db, id, WENT);
}

/**
 * Withdraws a check-in's messages of `kind` to the member still waiting, no
 * send holding them (her texts held back by a 429, a held lane); one in
 * flight is left to its answer. Its notices: a newer notice about the same
 * escalation makes them untrue ("we told your buddies"). Its reminder, once
 * it escalates: "Text OK…, or LATER 30" after "you didn't check in" is untrue.
 */
export function withdrawWaiting(db: Db, id: number, kind: 'notice' | 'reminder'): void {
  db.stmt(
    "DELETE FROM outbox WHERE id IN (SELECT outbox_id FROM checkin_messages WHERE checkin_id = ? AND kind = ?) AND state = 'pending' AND lease_until = 0",
  ).run(id, kind);
}

/** Records when the check-in's escalation was queued for the moderators: their UNREACHED_AFTER_MS count from it. */
export function markModeratorsQueued(db: Db, id: number, now: number): void {
  db.stmt('UPDATE checkins SET moderators_queued_at = ? WHERE id = ?').run(now, id);
}

/**
 * Records that the member was told her escalation reached none of those it
 * went to (once per escalation and recipients), by notice `notice`; with
 * `trying`, that notice said we keep trying, and a correction is owed her
 * should all of it then fail for good (afterAllCheckins), unless it never
 * reaches her: an earlier "still trying" notice delivered to her is kept
 * instead (she heard it, whatever becomes of this one).
 */
export function markUnreachedTold(db: Db, id: number, to: 'buddies' | 'moderators', notice: number, trying: boolean): void {
  db.stmt(
    `UPDATE checkins SET ${to === 'buddies' ? 'unreached_told' : 'moderators_unreached_told'} = 1,
       unreached_trying_notice = CASE WHEN NOT @trying THEN NULL
         WHEN EXISTS (SELECT 1 FROM outbox WHERE id = unreached_trying_notice AND state = 'delivered') THEN unreached_trying_notice ELSE @notice END
     WHERE id = @id`,
  ).run({ id, notice, trying: trying ? 1 : 0 });
}

/** A check-in whose member was told "we're still trying", all of whose escalation has since failed for good. */
export interface AfterAllCheckin {
  id: number;
  memberId: number;
  /** How many buddies it went to (0: none), and whether the moderators were tried too. */
  buddies: number;
  moderators: boolean;
  /** The still-trying notice failed for good: she never heard it, and is owed no correction. */
  noticeFailed: boolean;
}

/**
 * Escalated check-ins after `afterId` whose member's latest notice said
 * "we're still trying", every message of whose escalation then failed for
 * good (none waiting, none through, none recorded as reached, none given up
 * after time-outs: it may have arrived, as escalationUnsent counts it);
 * once told the moderators failed too, when they were tried (that notice,
 * final, comes first and owes nothing more).
 */
export function afterAllCheckins(db: Db, limit: number, afterId = 0): AfterAllCheckin[] {
  const rows = db
    .stmt(
      `SELECT k.id, k.member_id, coalesce(n.state = 'failed', 0) AS notice_failed,
         count(DISTINCT CASE WHEN o.member_id IS NULL THEN coalesce(c.buddy_id, -c.outbox_id) END) AS buddies,
         max(o.member_id IS NOT NULL) AS moderators
       FROM checkins k JOIN checkin_messages c ON c.checkin_id = k.id AND c.kind = 'escalation' JOIN outbox o ON o.id = c.outbox_id
         LEFT JOIN outbox n ON n.id = k.unreached_trying_notice
       WHERE k.unreached_trying_notice IS NOT NULL AND k.state = 'escalated' AND k.id > @afterId
         AND NOT EXISTS (SELECT 1 FROM checkin_told WHERE checkin_id = k.id)
       GROUP BY k.id
       HAVING max(${NOT_LOST}) = 0 AND (max(o.member_id IS NOT NULL) = 0 OR k.moderators_unreached_told = 1)
       ORDER BY k.id LIMIT +@limit`,
    )
    .all({ afterId, limit }) as Array<{ id: number; member_id: number; notice_failed: number; buddies: number; moderators: number }>;
  return rows.map((r) => ({ id: r.id, memberId: r.member_id, buddies: r.buddies, moderators: r.moderators === 1, noticeFailed: r.notice_failed === 1 }));
}

/** The correction owed for check-in `id` was queued (or is owed no more). */
export function clearTryingNotice(db: Db, id: number): void {
  db.stmt('UPDATE checkins SET unreached_trying_notice = NULL WHERE id = ?').run(id);
}
