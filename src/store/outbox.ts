/**
 * The durable outbox: rows are claimed with a lease, sent, then recorded as
 * sent, retried later, or failed. Only the dispatcher claims; a crash leaves
 * leased rows that are released at the next start.
 */
import type { Channel } from '../domain/channel';
import type { Db } from './db';
import type { Vault } from './vault';

const BODY = { table: 'outbox', column: 'body' } as const;

/** A claimed row with what is needed to send it (still sealed). */
export interface ClaimedRow {
  id: number;
  member_id: number;
  channel: Channel;
  member_status: string;
  lang: 'en' | 'es';
  address_ct: Buffer;
  address_kv: number;
  alert_id: number | null;
  body_ct: Buffer | null;
  key_version: number;
  attempts: number;
  created_at: number;
}

/** The result of one send, to be recorded. */
export type Outcome =
  | { id: number; kind: 'sent'; providerId: string }
  | { id: number; kind: 'retry'; dueAt: number; error: string }
  | { id: number; kind: 'failed'; error: string };

/** Queues a one-off message (a notice or a reply sent later) to a member. */
export function enqueueMessage(db: Db, vault: Vault, memberId: number, text: string, now: number): number {
  return db.transaction(() => {
    const id = db.nextId('outbox');
    db.stmt("INSERT INTO outbox (id, member_id, body_ct, key_version, state, due_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)").run(
      id,
      memberId,
      vault.seal(text, { ...BODY, row: id }),
      vault.keyVersion,
      now,
      now,
      now,
    );
    return id;
  });
}

/** Opens a one-off message body. */
export function openBody(vault: Vault, row: Pick<ClaimedRow, 'id' | 'body_ct' | 'key_version'>): string {
  if (!row.body_ct) throw new Error('outbox row has no body');
  return vault.open(row.body_ct, { ...BODY, row: row.id }, row.key_version);
}

/**
 * Claims up to `limit` due rows whose channel is not paused, leasing them
 * until `leaseUntil`, and returns them with the recipient's sealed address.
 */
export function claimDue(db: Db, now: number, limit: number, leaseUntil: number, pausedChannels: Channel[] = []): ClaimedRow[] {
  return db.transaction(() => {
    const rows = db
      .stmt(
        `SELECT o.id, o.member_id, m.channel, m.status AS member_status, m.lang, m.address_ct, m.key_version AS address_kv,
                o.alert_id, o.body_ct, o.key_version, o.attempts + 1 AS attempts, o.created_at
         FROM outbox o JOIN members m ON m.id = o.member_id
         WHERE o.state = 'pending' AND o.due_at <= ? AND o.lease_until <= ?
           AND m.channel NOT IN (SELECT value FROM json_each(?))
         ORDER BY o.due_at LIMIT ?`,
      )
      .all(now, now, JSON.stringify(pausedChannels), limit) as ClaimedRow[];
    const lease = db.stmt('UPDATE outbox SET lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?');
    for (const r of rows) lease.run(leaseUntil, now, r.id);
    return rows;
  });
}

/** Records a batch of outcomes in one transaction. */
export function recordOutcomes(db: Db, outcomes: Outcome[], now: number): void {
  if (outcomes.length === 0) return;
  const sent = db.stmt("UPDATE outbox SET state = 'sent', provider_id = ?, error = NULL, lease_until = 0, updated_at = ? WHERE id = ?");
  const retry = db.stmt("UPDATE outbox SET state = 'pending', due_at = ?, error = ?, lease_until = 0, updated_at = ? WHERE id = ?");
  const failed = db.stmt("UPDATE outbox SET state = 'failed', error = ?, lease_until = 0, updated_at = ? WHERE id = ?");
  db.transaction(() => {
    for (const o of outcomes) {
      if (o.kind === 'sent') sent.run(o.providerId, now, o.id);
      else if (o.kind === 'retry') retry.run(o.dueAt, o.error, now, o.id);
      else failed.run(o.error, now, o.id);
    }
  });
}

/** Releases every lease: at start-up no send is in flight, so leased rows are due again. */
export function releaseLeases(db: Db): number {
  return db.stmt("UPDATE outbox SET lease_until = 0 WHERE state = 'pending' AND lease_until > 0").run().changes;
}

/** The earliest due time of a pending row, or null if none. */
export function nextDue(db: Db): number | null {
  const row = db.stmt("SELECT min(due_at) AS d FROM outbox WHERE state = 'pending'").get() as { d: number | null };
  return row.d;
}

/**
 * Applies a delivery status callback to the row with that provider id.
 * Returns the member id and new state, or undefined if no row matches.
 */
export function applyStatus(
  db: Db,
  providerId: string,
  state: 'delivered' | 'failed',
  error: string | null,
  now: number,
): { memberId: number } | undefined {
  const row = db.stmt("SELECT id, member_id FROM outbox WHERE provider_id = ? AND state IN ('sent', 'delivered')").get(providerId) as
    | { id: number; member_id: number }
    | undefined;
  if (!row) return undefined;
  db.stmt('UPDATE outbox SET state = ?, error = coalesce(?, error), updated_at = ? WHERE id = ?').run(state, error, now, row.id);
  return { memberId: row.member_id };
}

/** Counts of rows by state (for metrics and tests). */
/**
 * Rows waiting to be sent (due or backing off). Counted through the partial
 * index of pending rows, so the cost follows the backlog, not the history
 * (a count of every state scanned the whole table: about a second at two
 * million rows, on every metrics scrape).
 */
export function countPending(db: Db): number {
  return (db.stmt("SELECT count(*) AS n FROM outbox INDEXED BY outbox_due WHERE state = 'pending'").get() as { n: number }).n;
}

/** Rows by state; scans the whole table (benchmarks and tests only). */
export function outboxCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = { pending: 0, sent: 0, delivered: 0, failed: 0 };
  for (const r of db.stmt('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>) {
    out[r.state] = r.n;
  }
  return out;
}
