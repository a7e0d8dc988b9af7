/**
 * The durable outbox, in one lane per channel. Rows are claimed by lane
 * (high priority first) under a lease, sent, then recorded as sent, retried
 * later, or failed. Only the dispatcher claims; a crash leaves leased rows
 * that are released at the next start.
 *
 * This file queues and counts; the rest of the outbox's store is one file a
 * job (claims, outcomes, withdrawals, retention, rows), re-exported here so
 * the many callers name one module.
 */
import type { Channel } from '../domain/channel';
import type { Sender } from '../phone/identity';
import type { Db } from './db';
import { ADDRESS, BODY, PRIORITY } from './outbox-rows';
import type { Vault } from './vault';

export { PRIORITY, openBody, openRowAddress, type ClaimedRow } from './outbox-rows';
export { claimLane, clockSteppedBack, dueThrottledNow, dueUrgentAfterOutage, latestOutboxTime, nextDue, releaseLeases } from './outbox-claims';
export { buddyAddressOf, findReported, recordOutcomes, recordTaken, sentBodyOf, settleReported, type Outcome, type ReportedRow } from './outbox-outcomes';
export { copiesRead, eraseWaitingTo, LEFT_MAYBE_SENT, RETRACTED_MAYBE_SENT, waitingAlertCopies, withdrawAlertsOutside, withdrawFromChangedModerator, type WaitingCopy } from './outbox-withdrawals';
export { eraseStranded, forgetSentAddresses, forgetSentTexts } from './outbox-retention';
export { untieFinished, untieFinishedBefore } from './outbox-untie';

/** Queues a one-off message (a notice, a reply, an admission) to a member, ahead of bulk alerts. */
export function enqueueMessage(db: Db, vault: Vault, memberId: number, text: string, now: number, opts: { dueAt?: number; priority?: number } = {}): number {
  return db.transaction(() => {
    const id = db.nextId('outbox');
    const { changes } = db
      .stmt(
        `INSERT INTO outbox (id, member_id, channel, priority, body_ct, key_version, state, due_at, created_at, updated_at)
         SELECT ?, id, channel, ?, ?, ?, 'pending', ?, ?, ? FROM members WHERE id = ?`,
      )
      .run(id, opts.priority ?? PRIORITY.urgent, vault.seal(text, { ...BODY, row: id }), vault.keyVersion, opts.dueAt ?? now, now, now, memberId);
    if (changes !== 1) throw new Error('enqueueMessage: no such member');
    return id;
  });
}

/**
 * Queues a reply to an address with no member row to send through (a
 * stranger, or a member who just left): the address is sealed in the row
 * and erased once the row is finished.
 */
export function enqueueReply(db: Db, vault: Vault, to: Pick<Sender, 'channel' | 'address'>, text: string, now: number): number {
  return db.transaction(() => {
    const id = db.nextId('outbox');
    db.stmt(
      `INSERT INTO outbox (id, channel, priority, address_ct, body_ct, key_version, state, due_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    ).run(id, to.channel, PRIORITY.urgent, vault.seal(to.address, { ...ADDRESS, row: id }), vault.seal(text, { ...BODY, row: id }), vault.keyVersion, now, now, now);
    return id;
  });
}

/**
 * Rows waiting to be sent (due or backing off). Counted through the partial
 * index of pending rows, so the cost follows the backlog, not the history.
 */
export function countPending(db: Db): number {
  return (db.stmt("SELECT count(*) AS n FROM outbox INDEXED BY outbox_lane WHERE state = 'pending'").get() as { n: number }).n;
}

/** Outbox rows waiting on one channel's lane (its part of the partial index). */
export function countPendingOn(db: Db, channel: Channel): number {
  return (db.stmt("SELECT count(*) AS n FROM outbox INDEXED BY outbox_lane WHERE state = 'pending' AND channel = ?").get(channel) as { n: number }).n;
}

/**
 * How long the oldest message waiting on a lane has waited since it was queued, in ms (0: none): of
 * those due now or already tried (a row queued for later, a reminder, waits for nothing before its
 * time; once due or tried it counts from its queueing). In queueing order through its own index.
 */
export function oldestWaitMs(db: Db, channel: Channel, now: number): number {
  const row = db
    .stmt(
      `SELECT created_at FROM outbox INDEXED BY outbox_pending_age WHERE state = 'pending' AND channel = ? AND (due_at <= ? OR attempts > 0)
       ORDER BY created_at LIMIT 1`,
    )
    .get(channel, now) as { created_at: number } | undefined;
  return row === undefined ? 0 : Math.max(0, now - row.created_at);
}

/**
 * Whether messages wait on a channel, and whether one of them was last
 * refused for a fault of the line's own ('line:<code>', what a lane's hold
 * records; doctor reads the same). Each through its own partial index: a
 * fan-out's backlog is not read on every /readyz probe.
 */
export function waitingOn(db: Db, channel: Channel): { any: boolean; lineFault: boolean } {
  const any = db.stmt("SELECT EXISTS (SELECT 1 FROM outbox INDEXED BY outbox_lane WHERE state = 'pending' AND channel = ?) AS x").get(channel) as { x: number };
  if (!any.x) return { any: false, lineFault: false };
  const fault = db
    .stmt("SELECT EXISTS (SELECT 1 FROM outbox INDEXED BY outbox_line_faults WHERE state = 'pending' AND channel = ? AND error LIKE 'line:%') AS x")
    .get(channel) as { x: number };
  return { any: true, lineFault: fault.x === 1 };
}

/** Rows by state; scans the whole table (benchmarks and tests only). */
export function outboxCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = { pending: 0, sent: 0, delivered: 0, failed: 0 };
  for (const r of db.stmt('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>) {
    out[r.state] = r.n;
  }
  return out;
}
