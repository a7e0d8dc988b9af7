/**
 * The durable outbox, in one lane per channel. Rows are claimed by lane
 * (high priority first) under a lease, sent, then recorded as sent, retried
 * later, or failed. Only the dispatcher claims; a crash leaves leased rows
 * that are released at the next start.
 */
import type { Channel } from '../domain/channel';
import type { Lang } from '../domain/lang';
import type { Sender } from '../phone/identity';
import type { Db } from './db';
import type { Vault } from './vault';

const BODY = { table: 'outbox', column: 'body' } as const;
const ADDRESS = { table: 'outbox', column: 'address' } as const;

/** Replies, notices and admissions go before alerts. */
export const PRIORITY = { urgent: 0, bulk: 1 } as const;

/** A claimed row with what is needed to send it (still sealed). */
export interface ClaimedRow {
  id: number;
  /** Null for a row addressed directly (address_ct is then the row's own). */
  member_id: number | null;
  channel: Channel;
  member_status: string | null;
  lang: Lang;
  address_ct: Buffer | null;
  address_kv: number;
  alert_id: number | null;
  body_ct: Buffer | null;
  key_version: number;
  /** Tries so far, this one included; `throttles` of them were answered "too many requests". */
  attempts: number;
  throttles: number;
  created_at: number;
  /** 1 when an alert goes to this member as a neutral notice (discreet now, or unread from when they were). */
  discreet: number;
  /** 1 for a message to a buddy by their number (a check-in escalation, a message about the link): a buddy's STOP stops it. */
  to_buddy: number;
}

/** The result of one send, to be recorded. */
export type Outcome =
  | { id: number; kind: 'sent'; providerId: string }
  /** `throttled`: the provider said "too many requests" (counted apart from the tries a real failure gets). */
  | { id: number; kind: 'retry'; dueAt: number; error: string; throttled?: boolean }
  /** Refused for a fault of the line's own (its credentials, its sender): back in its place in line, the try not counted. */
  | { id: number; kind: 'held'; error: string }
  | { id: number; kind: 'failed'; error: string };

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
 * Erases the messages still waiting to go to one of `addresses` directly
 * (rows with no member: replies to a stranger, a buddy's invitation or
 * escalation): their DELETE. Only such rows keep an address: unfinished
 * ones (all urgent, so the lane index bounds the look to the urgent
 * backlog) and SMS sent but not yet final (see recordOutcomes), which
 * would be sent again on "undelivered". Returns how many.
 */
export function eraseWaitingTo(db: Db, vault: Vault, addresses: readonly string[]): number {
  const wanted = new Set(addresses);
  const waiting = db.stmt(
    "SELECT id, address_ct, key_version FROM outbox INDEXED BY outbox_lane WHERE channel = ? AND priority = ? AND state = 'pending' AND address_ct IS NOT NULL",
  );
  const sent = db.stmt("SELECT id, address_ct, key_version FROM outbox INDEXED BY outbox_sent_addressed WHERE state = 'sent' AND address_ct IS NOT NULL");
  const rows = [
    ...(waiting.all('sms', PRIORITY.urgent) as AddressedRow[]),
    ...(waiting.all('signal', PRIORITY.urgent) as AddressedRow[]),
    ...(sent.all() as AddressedRow[]),
  ];
  const erase = db.stmt('DELETE FROM outbox WHERE id = ?');
  let erased = 0;
  for (const row of rows) {
    let to: string;
    try {
      to = openRowAddress(vault, row);
    } catch {
      // A damaged address is nobody's we can name: the dispatcher fails it.
      continue;
    }
    if (wanted.has(to)) erased += erase.run(row.id).changes;
  }
  return erased;
}

type AddressedRow = { id: number; address_ct: Buffer; key_version: number };

/**
 * Forgets the addresses of SMS sent straight to them once no retry can come
 * (older than `before`): a line whose status callbacks never arrive keeps
 * none past the unreachable retry's window. Returns how many.
 */
export function forgetSentAddresses(db: Db, before: number): number {
  return db.stmt("UPDATE outbox INDEXED BY outbox_sent_addressed SET address_ct = NULL WHERE state = 'sent' AND address_ct IS NOT NULL AND created_at < ?").run(before).changes;
}

/**
 * Forgets the texts of SMS sent once no retry can come (older than
 * `before`): a message whose final status never arrives keeps its text no
 * longer than the unreachable retry's window. Returns how many.
 */
export function forgetSentTexts(db: Db, before: number): number {
  return db.stmt("UPDATE outbox INDEXED BY outbox_sent_texts SET body_ct = NULL WHERE state = 'sent' AND body_ct IS NOT NULL AND created_at < ?").run(before).changes;
}

/** Opens a one-off message body. */
export function openBody(vault: Vault, row: Pick<ClaimedRow, 'id' | 'body_ct' | 'key_version'>): string {
  if (!row.body_ct) throw new Error('outbox row has no body');
  return vault.open(row.body_ct, { ...BODY, row: row.id }, row.key_version);
}

/** Opens the address of a row with no member (see enqueueReply). */
export function openRowAddress(vault: Vault, row: Pick<ClaimedRow, 'id' | 'address_ct' | 'key_version'>): string {
  if (!row.address_ct) throw new Error('outbox row has no address');
  return vault.open(row.address_ct, { ...ADDRESS, row: row.id }, row.key_version);
}

/** A row for a buddy: a check-in escalation or an invitation, addressed directly (no member row). */
const TO_BUDDY = `o.member_id IS NULL AND (EXISTS (SELECT 1 FROM checkin_messages c WHERE c.outbox_id = o.id AND c.kind = 'escalation')
         OR EXISTS (SELECT 1 FROM buddy_messages b WHERE b.outbox_id = o.id))`;

const CLAIM_SQL = (order: string) => `
SELECT o.id, o.member_id, o.channel, m.status AS member_status, coalesce(m.lang, 'en') AS lang,
       coalesce(m.address_ct, o.address_ct) AS address_ct, coalesce(m.key_version, o.key_version) AS address_kv,
       o.alert_id, o.body_ct, o.key_version, o.attempts + 1 AS attempts, o.throttles, o.created_at,
       CASE WHEN o.alert_id IS NULL THEN 0 WHEN m.discreet = 1 THEN 1
         ELSE EXISTS (SELECT 1 FROM unread_alerts u WHERE u.member_id = o.member_id AND u.alert_id = o.alert_id) END AS discreet,
       ${TO_BUDDY} AS to_buddy
FROM outbox o LEFT JOIN members m ON m.id = o.member_id
WHERE o.channel = ? AND o.priority = ? AND o.state = 'pending' AND o.due_at <= ?
  AND o.id NOT IN (SELECT value FROM json_each(?))
ORDER BY ${order} LIMIT +?`;
/** Urgent: a missed check-in's escalation before the replies queued ahead of it (a burst of texts must not hold it past 3 minutes). */
const CLAIM_URGENT = CLAIM_SQL("EXISTS (SELECT 1 FROM checkin_messages e WHERE e.outbox_id = o.id AND e.kind = 'escalation') DESC, o.due_at");
const CLAIM_BULK = CLAIM_SQL('o.due_at');

/**
 * Claims up to `limit` due rows of one lane, urgent ones first, leasing them
 * until `leaseUntil`. A leased row's due time moves to the end of its lease,
 * so the lane index alone skips rows in flight; `inFlight` (the lane's own
 * sends not yet recorded) are skipped whatever the clock says: a wall clock
 * stepped past their lease must not send them twice.
 */
export function claimLane(db: Db, channel: Channel, now: number, limit: number, leaseUntil: number, inFlight: Iterable<number> = []): ClaimedRow[] {
  const held = JSON.stringify([...inFlight]);
  return db.transaction(() => {
    const rows = db.stmt(CLAIM_URGENT).all(channel, PRIORITY.urgent, now, held, limit) as ClaimedRow[];
    if (rows.length < limit) rows.push(...(db.stmt(CLAIM_BULK).all(channel, PRIORITY.bulk, now, held, limit - rows.length) as ClaimedRow[]));
    // provider_id is cleared: a status report for an earlier attempt must not settle this one.
    const lease = db.stmt('UPDATE outbox SET lease_until = ?, due_at = ?, attempts = attempts + 1, provider_id = NULL, updated_at = ? WHERE id = ?');
    for (const r of rows) lease.run(leaseUntil, leaseUntil, now, r.id);
    return rows;
  });
}

/**
 * Records outcomes. A send's outcome does not overwrite what a status
 * report for it already settled (the report can beat the outcome). A
 * finished row keeps neither its own address nor its text; an SMS sent
 * keeps both, sealed, until its final status (settleReported) or the end
 * of the unreachable retry's window (forgetSentTexts): "undelivered" to a
 * phone that was off sends it again, and nothing else reads them. A Signal
 * message sent keeps neither: Signal reports no failure that would send it
 * again, and its text (a report's read-back she then dropped, a notice of
 * a text since edited, a check-in's escalation) must not outlast what it
 * quoted.
 */
export function recordOutcomes(db: Db, outcomes: Outcome[], now: number): void {
  if (outcomes.length === 0) return;
  const sent = db.stmt(
    `UPDATE outbox SET state = 'sent', provider_id = ?, error = NULL, lease_until = 0, address_ct = CASE WHEN channel = 'sms' THEN address_ct END,
       body_ct = CASE WHEN channel = 'sms' THEN body_ct END, updated_at = ?
     WHERE id = ? AND state = 'pending' AND provider_id IS NULL`,
  );
  const retry = db.stmt(
    "UPDATE outbox SET state = 'pending', due_at = ?, error = ?, throttles = throttles + ?, lease_until = 0, updated_at = ? WHERE id = ? AND state = 'pending'",
  );
  const failed = db.stmt("UPDATE outbox SET state = 'failed', error = ?, lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ? WHERE id = ? AND state = 'pending'");
  // updated_at still holds the claim time here (as releaseLeases uses it): the row keeps its place in line.
  const held = db.stmt(
    "UPDATE outbox SET state = 'pending', due_at = updated_at, attempts = max(0, attempts - 1), error = ?, lease_until = 0, updated_at = ? WHERE id = ? AND state = 'pending'",
  );
  db.transaction(() => {
    for (const o of outcomes) {
      if (o.kind === 'sent') sent.run(o.providerId, now, o.id);
      else if (o.kind === 'retry' || o.kind === 'held') {
        if (o.kind === 'retry') retry.run(o.dueAt, o.error, o.throttled ? 1 : 0, now, o.id);
        else held.run(o.error, now, o.id);
        cancelIfWithdrawn(db, o.id, now);
      } else failed.run(o.error, now, o.id);
    }
  });
}

/**
 * A message withdrawn while it was in flight is not tried again: a copy of
 * an alert retracted meanwhile (RETRACT cancels only the copies no send
 * holds) fails as retracted, a message whose text was erased meanwhile (a
 * moderator notice of a report decided or edited) as superseded. Without
 * this the row would be due again, and the dispatcher's renderer may still
 * hold the alert's text in memory.
 */
function cancelIfWithdrawn(db: Db, id: number, now: number): void {
  db.stmt(
    `UPDATE outbox SET state = 'failed', error = CASE WHEN alert_id IS NULL THEN 'superseded' ELSE 'retracted' END, lease_until = 0, address_ct = NULL, provider_id = NULL, updated_at = ?
     WHERE id = ? AND state = 'pending'
       AND (alert_id IN (SELECT id FROM alerts WHERE retracted_at IS NOT NULL) OR (alert_id IS NULL AND body_ct IS NULL))`,
  ).run(now, id);
}

/**
 * Releases every lease: at start-up no send is in flight, so leased rows are
 * due again, in their place in line (when they were claimed). A copy of an
 * alert retracted while its send was in flight fails as retracted, its try
 * kept: should the provider report that send delivered, the report still
 * finds it and she gets the correction (claimed again, it failed as
 * 'alert_gone' under a new try, and the report matched nothing).
 */
export function releaseLeases(db: Db): number {
  db.stmt(
    `UPDATE outbox SET state = 'failed', error = 'retracted', lease_until = 0, address_ct = NULL
     WHERE state = 'pending' AND lease_until > 0 AND alert_id IN (SELECT id FROM alerts WHERE retracted_at IS NOT NULL)`,
  ).run();
  return db.stmt("UPDATE outbox SET lease_until = 0, due_at = updated_at WHERE state = 'pending' AND lease_until > 0").run().changes;
}

/** The latest time the outbox recorded for a channel's rows (0 for none): a lane started after the clock was stepped back compares against it. */
export function latestOutboxTime(db: Db, channel: Channel): number {
  return (db.stmt('SELECT max(updated_at) AS t FROM outbox WHERE channel = ?').get(channel) as { t: number | null }).t ?? 0;
}

/**
 * A wall clock stepped back by `stepMs` (NTP correcting a fast clock, a VM
 * restored): the channel's waiting rows, due by the old clock, move back by
 * as much (leases too), or they would wait for the clock to catch up.
 */
export function clockSteppedBack(db: Db, channel: Channel, stepMs: number, now: number): number {
  // The times written by the old clock no longer read as ahead of this one: a restart must not take the same step again.
  db.stmt('UPDATE outbox SET updated_at = @now WHERE channel = @channel AND updated_at > @now').run({ channel, now });
  return db
    .stmt(
      `UPDATE outbox SET due_at = due_at - @step, lease_until = CASE WHEN lease_until > 0 THEN lease_until - @step ELSE 0 END
       WHERE channel = @channel AND state = 'pending' AND due_at > @now`,
    )
    .run({ step: stepMs, channel, now }).changes;
}

/**
 * A Signal moderator's identity changed: the messages still waiting for
 * them (report notices, digests, escalations, replies) are not sent to the
 * new, unchecked phone; they fail as 'moderator_identity_changed'. Alert
 * copies stay, as for any member; a send in flight is left to its answer.
 * Returns how many.
 */
export function withdrawFromChangedModerator(db: Db, memberId: number, now: number): number {
  return db
    .stmt(
      `UPDATE outbox SET state = 'failed', error = 'moderator_identity_changed', lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = @now
       WHERE member_id = @member AND channel = 'signal' AND state = 'pending' AND alert_id IS NULL AND lease_until <= @now`,
    )
    .run({ now, member: memberId }).changes;
}

/** An alert copy waiting for a member: its alert, and when it was planned. */
export interface WaitingCopy {
  alertId: number;
  plannedAt: number;
}

/**
 * A member left areas (LEAVE): copies of alerts waiting for her that reach
 * none of the areas she still holds are not sent (she was told she gets no
 * alerts there now). A copy in flight is left to its answer. Returns the
 * copies withdrawn.
 */
export function withdrawAlertsOutside(db: Db, memberId: number, now: number): WaitingCopy[] {
  return db
    .stmt(
      `UPDATE outbox SET state = 'failed', error = 'left_area', lease_until = 0, address_ct = NULL, provider_id = NULL, updated_at = @now
       WHERE member_id = @member AND state = 'pending' AND alert_id IS NOT NULL AND lease_until <= @now
         AND NOT EXISTS (SELECT 1 FROM alerts a JOIN subscriptions s ON s.member_id = @member
                         WHERE a.id = outbox.alert_id AND instr(',' || a.reach || ',', ',' || s.npa || ',') > 0)
       RETURNING alert_id AS alertId, created_at AS plannedAt`,
    )
    .all({ now, member: memberId }) as WaitingCopy[];
}

/** The alert copies waiting for a member, none in flight. */
export function waitingAlertCopies(db: Db, memberId: number, now: number): WaitingCopy[] {
  return db
    .stmt("SELECT alert_id AS alertId, created_at AS plannedAt FROM outbox WHERE member_id = ? AND state = 'pending' AND alert_id IS NOT NULL AND lease_until <= ?")
    .all(memberId, now) as WaitingCopy[];
}

/**
 * A discreet member read these alerts with READ: her copies of them count as
 * delivered (a RETRACT then sends her its correction), and a notice of them
 * still waiting is moot. A copy in flight is left to its answer. A notice
 * sent over Signal, or in flight there, is marked to be corrected, not
 * deleted, should the alert be retracted: a deletion would take the notice
 * but not the READ answer that holds the alert in full.
 */
export function copiesRead(db: Db, memberId: number, alertIds: readonly number[], now: number): void {
  const mark = db.stmt(
    // Final now: the id of an undelivered try waiting for its retry goes (Twilio maps it to her number).
    "UPDATE outbox SET state = 'delivered', provider_id = NULL, updated_at = @now WHERE member_id = @member AND alert_id = @alert AND state IN ('pending', 'failed') AND lease_until <= @now",
  );
  const gone = db.stmt(
    "UPDATE outbox SET retraction = 'correct' WHERE member_id = @member AND alert_id = @alert AND channel = 'signal' AND (state = 'sent' OR (state = 'pending' AND lease_until > @now))",
  );
  for (const alert of alertIds) {
    mark.run({ now, member: memberId, alert });
    gone.run({ now, member: memberId, alert });
  }
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

/** A row as a status report finds it. */
export interface ReportedRow {
  id: number;
  memberId: number | null;
  state: string;
  /** Sends the provider took (its "too many requests" answers are not counted). */
  sends: number;
  createdAt: number;
  providerId: string | null;
  /** Why a failed row failed ('retracted': withdrawn while a send held it). */
  error: string | null;
}

/**
 * The row a status report is about: by the row id carried in the callback
 * URL when there is one (it matches even before the send's outcome is
 * recorded, if the URL's try is the row's), else by provider id. A row
 * already settled by another message id (a later attempt) does not match.
 */
export function findReported(db: Db, rowId: number | undefined, providerId: string, attempt?: number): ReportedRow | undefined {
  const row = (
    rowId !== undefined
      ? db.stmt('SELECT id, member_id, state, attempts, attempts - throttles AS sends, created_at, provider_id, error FROM outbox WHERE id = ?').get(rowId)
      : db.stmt('SELECT id, member_id, state, attempts, attempts - throttles AS sends, created_at, provider_id, error FROM outbox WHERE provider_id = ?').get(providerId)
  ) as { id: number; member_id: number | null; state: string; attempts: number; sends: number; created_at: number; provider_id: string | null; error: string | null } | undefined;
  if (!row || (row.provider_id !== null && row.provider_id !== providerId)) return undefined;
  // Before its outcome is recorded a try has no provider id: only a report of that same try matches.
  if (row.provider_id === null && attempt !== undefined && row.attempts !== attempt) return undefined;
  return { id: row.id, memberId: row.member_id, state: row.state, sends: row.sends, createdAt: row.created_at, providerId: row.provider_id, error: row.error };
}

/** The address of row `id` if it went to a buddy and still holds it (an SMS keeps it until its final status). */
export function buddyAddressOf(db: Db, vault: Vault, id: number): string | undefined {
  const row = db.stmt(`SELECT o.id, o.address_ct, o.key_version FROM outbox o WHERE o.id = ? AND o.address_ct IS NOT NULL AND ${TO_BUDDY}`).get(id) as
    | AddressedRow
    | undefined;
  return row ? openRowAddress(vault, row) : undefined;
}

/**
 * Settles a reported row: delivered, failed (with the reason), or due again
 * at `retryAt` (keeping the provider id until the next claim, so the send's
 * own late outcome cannot mark the row sent).
 */
export function settleReported(
  db: Db,
  id: number,
  providerId: string,
  result: { state: 'delivered' } | { state: 'failed'; error: string } | { state: 'pending'; error: string; retryAt: number },
  now: number,
): void {
  if (result.state === 'pending') {
    db.stmt("UPDATE outbox SET state = 'pending', provider_id = ?, error = ?, due_at = ?, lease_until = 0, updated_at = ? WHERE id = ?").run(
      providerId,
      result.error,
      result.retryAt,
      now,
      id,
    );
    cancelIfWithdrawn(db, id, now);
  } else {
    // A finished message's provider id is not kept: the provider maps it to a number (its redaction holds it sealed, see provider-tasks.ts).
    // Nor its text: no "undelivered" can send it again now.
    db.stmt('UPDATE outbox SET state = ?, provider_id = NULL, error = coalesce(?, error), lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ? WHERE id = ?').run(
      result.state,
      result.state === 'failed' ? result.error : null,
      now,
      id,
    );
  }
}

/**
 * Erases at most `limit` rows still waiting whose due time is before
 * `before`: rows no lane ever claimed (their channel is no longer
 * configured). A claim or a retry moves a row's due time, and a running lane
 * fails a row for good within hours, so nothing a lane is working on is
 * this old. Found through the lane index. Returns how many.
 */
export function eraseStranded(db: Db, before: number, limit: number): number {
  const erase = db.stmt(
    "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_lane WHERE channel = ? AND priority = ? AND state = 'pending' AND due_at < ? LIMIT +?)",
  );
  let erased = 0;
  for (const channel of ['sms', 'signal'] as const) {
    for (const priority of [PRIORITY.urgent, PRIORITY.bulk]) erased += erase.run(channel, priority, before, limit - erased).changes;
  }
  return erased;
}

/**
 * Rows waiting to be sent (due or backing off). Counted through the partial
 * index of pending rows, so the cost follows the backlog, not the history.
 */
export function countPending(db: Db): number {
  return (db.stmt("SELECT count(*) AS n FROM outbox INDEXED BY outbox_lane WHERE state = 'pending'").get() as { n: number }).n;
}

/** Rows by state; scans the whole table (benchmarks and tests only). */
export function outboxCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = { pending: 0, sent: 0, delivered: 0, failed: 0 };
  for (const r of db.stmt('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as Array<{ state: string; n: number }>) {
    out[r.state] = r.n;
  }
  return out;
}
