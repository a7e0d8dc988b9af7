/**
 * Claiming: each lane takes its due rows (urgent first) under a lease, and
 * what moves rows in line (a restart's released leases, a wall clock stepped
 * back, a provider's pause ended). Outcomes are written by outbox-outcomes.ts.
 */
import type { Channel } from '../domain/channel';
import type { Db } from './db';
import { PRIORITY, TO_BUDDY, type ClaimedRow } from './outbox-rows';
import { LEFT_MAYBE_SENT, OUTSIDE_HER_AREAS, RETRACTED_MAYBE_SENT } from './outbox-withdrawals';
import { CANCEL_CHUNK, cancelDueCopies, cancelIfRetracted } from './retraction-cancel';

/**
 * Discreet while either membership of the person asked (the two are on one
 * phone, as the planner holds), not only this one: a copy retried after READ
 * or a restart must not go in full. Each twin lookup is on a partial index.
 */
const TWIN_DISCREET = (twin: Channel) => `EXISTS (SELECT 1 FROM members t
           WHERE t.phone_bidx = m.phone_bidx AND t.channel = '${twin}' AND t.phone_bidx IS NOT NULL AND t.discreet = 1)`;

/**
 * A READ message still quoting a retracted alert (its send came back, or a
 * restart released it, before RETRACT's follow-up wrote it again without
 * it: store/read-quotes.ts) waits for that follow-up. A look-up on the key.
 */
const QUOTES_RETRACTED = `EXISTS (SELECT 1 FROM read_quotes q JOIN alerts a ON a.id = q.alert_id WHERE q.outbox_id = o.id AND a.retracted_at IS NOT NULL)`;

const CLAIM_SQL = (order: string) => `
SELECT o.id, o.member_id, o.channel, o.priority, m.status AS member_status, coalesce(m.lang, 'en') AS lang,
       coalesce(m.address_ct, o.address_ct) AS address_ct, coalesce(m.key_version, o.key_version) AS address_kv,
       o.alert_id, o.body_ct, o.key_version, o.attempts + 1 AS attempts, o.throttles, o.created_at,
       CASE WHEN o.alert_id IS NULL THEN 0 WHEN m.discreet = 1 THEN 1
         WHEN m.channel = 'sms' AND m.phone_bidx IS NOT NULL AND ${TWIN_DISCREET('signal')} THEN 1
         WHEN m.channel = 'signal' AND m.phone_bidx IS NOT NULL AND ${TWIN_DISCREET('sms')} THEN 1
         ELSE EXISTS (SELECT 1 FROM unread_alerts u WHERE u.member_id = o.member_id AND u.alert_id = o.alert_id) END AS discreet,
       ${TO_BUDDY} AS to_buddy
FROM outbox o LEFT JOIN members m ON m.id = o.member_id
WHERE o.channel = ? AND o.priority = ? AND o.state = 'pending' AND o.due_at <= ?
  AND o.id NOT IN (SELECT value FROM json_each(?)) AND NOT ${QUOTES_RETRACTED}
ORDER BY ${order} LIMIT +?`;
/** Urgent: a missed check-in's escalation before the replies queued ahead of it (a burst of texts must not hold it past 3 minutes). */
const CLAIM_URGENT = CLAIM_SQL("EXISTS (SELECT 1 FROM checkin_messages e WHERE e.outbox_id = o.id AND e.kind = 'escalation') DESC, o.due_at");
const CLAIM_BULK = CLAIM_SQL('o.due_at');

/**
 * Passes of a claim that met copies of a retracted alert: each cancels what
 * it met, so a lane behind a retracted fan-out not yet cancelled (its chunks:
 * RetractionJob) still finds the rows after it, a bounded number at a time.
 */
const CLAIM_PASSES = 8;

/**
 * Claims up to `limit` due rows of one lane, urgent ones first, leasing them
 * until `leaseUntil`. A leased row's due time moves to the end of its lease,
 * so the lane index alone skips rows in flight; `inFlight` (the lane's own
 * sends not yet recorded) are skipped whatever the clock says: a wall clock
 * stepped past their lease must not send them twice. A copy of an alert
 * retracted since it was planned is cancelled here, in the claim's own
 * transaction, never claimed; `met.retracted` counts them, so that the lane
 * claims again at once rather than waiting its poll.
 */
export function claimLane(
  db: Db,
  channel: Channel,
  now: number,
  limit: number,
  leaseUntil: number,
  inFlight: Iterable<number> = [],
  met: { retracted: number } = { retracted: 0 },
): ClaimedRow[] {
  const held = JSON.stringify([...inFlight]);
  return db.transaction(() => {
    // provider_id is cleared: a status report for an earlier attempt must not settle this one.
    const lease = db.stmt('UPDATE outbox SET lease_until = ?, due_at = ?, attempts = attempts + 1, provider_id = NULL, updated_at = ? WHERE id = ?');
    const rows: ClaimedRow[] = [];
    // The first retracted alert met has a chunk of its due copies cancelled at once: a RETRACT typed at the
    // admin command wakes no RetractionJob here, and a lane cancelling only the rows it meets held a live alert 5 s.
    let chunked = false;
    // Alerts met retracted: a row of one read in the same pass may have gone with the chunk (no longer pending), never to be leased.
    const retracted = new Set<number>();
    const cancelled = (r: ClaimedRow): boolean => {
      if (r.alert_id === null) return false;
      const cancelledNow = cancelIfRetracted(db, r.id, now);
      if (!cancelledNow && !retracted.has(r.alert_id)) return false;
      retracted.add(r.alert_id);
      met.retracted++;
      if (!chunked) met.retracted += cancelDueCopies(db, channel, r.alert_id, now, CANCEL_CHUNK);
      chunked = true;
      return true;
    };
    for (let pass = 0; pass < CLAIM_PASSES && rows.length < limit; pass++) {
      const found = db.stmt(CLAIM_URGENT).all(channel, PRIORITY.urgent, now, held, limit - rows.length) as ClaimedRow[];
      if (found.length < limit - rows.length) found.push(...(db.stmt(CLAIM_BULK).all(channel, PRIORITY.bulk, now, held, limit - rows.length - found.length) as ClaimedRow[]));
      const kept = found.filter((r) => !cancelled(r));
      // Leased before the next pass, which then looks past them.
      for (const r of kept) lease.run(leaseUntil, leaseUntil, now, r.id);
      rows.push(...kept);
      if (kept.length === found.length) break;
    }
    return rows;
  });
}

/**
 * Releases every lease: at start-up no send is in flight, so leased rows are
 * due again, in their place in line (when they were claimed), their try
 * counted (a RETRACT then treats them as maybe delivered: TRY_UNANSWERED).
 * A copy of an alert retracted while its send was in flight fails as
 * RETRACTED_MAYBE_SENT, its try kept: the provider may have taken it, so she
 * gets the correction (claimed again, it failed as 'alert_gone' under a new
 * try). So does a copy of an alert reaching none of the areas she holds now
 * (she left them while it was in flight), as LEFT_MAYBE_SENT: it goes to no
 * other membership of hers.
 */
export function releaseLeases(db: Db, now: number): number {
  db.stmt(
    `UPDATE outbox SET state = 'failed', lease_until = 0, address_ct = NULL, updated_at = @now,
       error = CASE WHEN alert_id IN (SELECT id FROM alerts WHERE retracted_at IS NOT NULL) THEN '${RETRACTED_MAYBE_SENT}' ELSE '${LEFT_MAYBE_SENT}' END
     WHERE state = 'pending' AND lease_until > 0
       AND (alert_id IN (SELECT id FROM alerts WHERE retracted_at IS NOT NULL) OR (${OUTSIDE_HER_AREAS}))`,
  ).run({ now });
  return db.stmt("UPDATE outbox SET lease_until = 0, due_at = updated_at WHERE state = 'pending' AND lease_until > 0").run().changes;
}

/** The latest time the outbox recorded for a channel's rows (0 for none): a lane started after the clock was stepped back compares against it. */
export function latestOutboxTime(db: Db, channel: Channel): number {
  return (db.stmt('SELECT max(updated_at) AS t FROM outbox WHERE channel = ?').get(channel) as { t: number | null }).t ?? 0;
}

/**
 * A wall clock stepped back by `stepMs` (NTP correcting a fast clock, a VM
 * restored): the channel's waiting rows, due by the old clock, move back by
 * as much (leases too), and so do the next tries of a retracted alert's
 * remote deletes (Signal), or they would wait for the clock to catch up.
 */
export function clockSteppedBack(db: Db, channel: Channel, stepMs: number, now: number): number {
  // The times written by the old clock no longer read as ahead of this one: a restart must not take the same step again.
  db.stmt('UPDATE outbox SET updated_at = @now WHERE channel = @channel AND updated_at > @now').run({ channel, now });
  // A sent copy waiting for its deletion's next try is not a pending row: moved by a statement of its own.
  db.stmt(
    "UPDATE outbox SET retraction_due_at = retraction_due_at - @step WHERE channel = @channel AND retraction = 'delete' AND retraction_due_at > @now",
  ).run({ step: stepMs, channel, now });
  return db
    .stmt(
      `UPDATE outbox SET due_at = due_at - @step, lease_until = CASE WHEN lease_until > 0 THEN lease_until - @step ELSE 0 END
       WHERE channel = @channel AND state = 'pending' AND due_at > @now`,
    )
    .run({ step: stepMs, channel, now }).changes;
}

/**
 * Makes the rows a provider's throttling put back due now (a Signal captcha
 * was solved): they were set to wait out a pause that has ended.
 */
export function dueThrottledNow(db: Db, channel: Channel, now: number): number {
  return db
    .stmt("UPDATE outbox SET due_at = ? WHERE channel = ? AND state = 'pending' AND lease_until = 0 AND error LIKE 'throttled%' AND due_at > ?")
    .run(now, channel, now).changes;
}

/** The earliest due time of a pending row of one lane, or null if none. */
export function nextDue(db: Db, channel: Channel): number | null {
  const q = db.stmt("SELECT min(due_at) AS d FROM outbox WHERE channel = ? AND priority = ? AND state = 'pending'");
  const times = [PRIORITY.urgent, PRIORITY.bulk].map((p) => (q.get(channel, p) as { d: number | null }).d).filter((d): d is number => d !== null);
  return times.length ? Math.min(...times) : null;
}

/**
 * Makes the urgent rows of a lane waiting out an outage's backoff (their last
 * try failed with the provider down: a 5xx, no connection) due now: a send
 * just went through, and they must not wait behind a fan-out queued since.
 */
export function dueUrgentAfterOutage(db: Db, channel: Channel, now: number): number {
  return db
    .stmt(
      `UPDATE outbox SET due_at = ? WHERE channel = ? AND priority = ? AND state = 'pending' AND lease_until = 0 AND due_at > ?
         AND (error LIKE 'server%' OR error LIKE 'connection%')`,
    )
    .run(now, channel, PRIORITY.urgent, now).changes;
}
