/**
 * Provider message ids already handled, with the reply given, so a webhook
 * the provider retries is answered the same way but acted on once; and,
 * after a day, the id alone (its blind index, in inbound_seen) for as long
 * as RETENTION_DAYS, so a captured webhook can never be replayed.
 *
 * The table is an append-only log with no index on the id: providers' ids
 * are random, and keeping them in a B-tree meant a random page written per
 * webhook. The ids of the last day live in memory instead (loaded from the
 * table at start-up, so a retry after a crash is still recognised); the
 * table holds the replies, found by row id.
 */
import { DAY_MS, HOUR_MS, startOfHour } from './coarse-time';
import type { Db } from './db';
import type { Vault } from './vault';

const SLOT = { table: 'inbound_messages', column: 'reply' } as const;

/**
 * Replies older than this leave the log for inbound_seen (id only) at the
 * next hourly retention run: well inside the day the in-memory ids cover,
 * so an id is always found in one or the other.
 */
export const REPLY_KEPT_MS = 20 * HOUR_MS;

/** Ids moved to inbound_seen at once when the in-memory record overflows. */
const SPILL = 1024;

/** Whether a provider id handled more than a day ago (or whose reply was erased) is on record. */
function seenBefore(db: Db, key: Buffer): boolean {
  return db.stmt('SELECT 1 FROM inbound_seen WHERE provider_bidx = ?').get(key) !== undefined;
}

/**
 * Moves handled ids older than `before` out of the log into inbound_seen,
 * at most `limit` of them (the oldest rows: the log is in arrival order):
 * the reply goes, the id stays. Returns how many rows left the log.
 */
export function ageInboundLog(db: Db, before: number, limit = -1): number {
  return db.transaction(() => {
    const upTo = (db.stmt('SELECT max(id) AS id FROM (SELECT id FROM inbound_messages WHERE created_at < ? ORDER BY id LIMIT +?)').get(before, limit) as { id: number | null }).id;
    if (upTo === null) return 0;
    db.stmt('INSERT OR IGNORE INTO inbound_seen (provider_bidx, day) SELECT provider_bidx, created_at / 86400000 FROM inbound_messages WHERE id <= ? AND created_at < ?').run(upTo, before);
    return db.stmt('DELETE FROM inbound_messages WHERE id <= ? AND created_at < ?').run(upTo, before).changes;
  });
}

/** Erases the replies stored for a sender's messages (DELETE); their ids stay on record, so none can be replayed. */
export function forgetSenderReplies(db: Db, senderKey: Buffer): number {
  db.stmt('INSERT OR IGNORE INTO inbound_seen (provider_bidx, day) SELECT provider_bidx, created_at / 86400000 FROM inbound_messages WHERE sender_bidx = ?').run(senderKey);
  return db.stmt('DELETE FROM inbound_messages WHERE sender_bidx = ?').run(senderKey).changes;
}

export interface InboundLogOptions {
  /** How long a handled id is recognised. Providers retry within minutes. */
  windowMs: number;
  /** Most ids kept in memory (about 70 bytes each); past it the oldest are forgotten. */
  maxIds: number;
}

// 200,000 ids is about 14 MB: far more messages that change something than
// a line gets in the minutes within which providers retry.
export const DEFAULT_INBOUND_LOG: InboundLogOptions = { windowMs: DAY_MS, maxIds: 200_000 };

interface Mark {
  id: number;
  at: number;
}

/** The de-duplication record of one process; only the server handles inbound messages. */
export class InboundLog {
  /** Blind index (latin1) → row id, in insertion order (hence oldest first). */
  private ids: Map<string, number> | null = null;
  /** Creation time of the oldest ids, sampled, to expire them without a query per message. */
  private readonly marks: Mark[] = [];
  private added = 0;
  /** Log rows up to this id have their ids in inbound_seen too: memory may forget them. */
  private spilledUpTo = 0;

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly opts: InboundLogOptions = DEFAULT_INBOUND_LOG,
  ) {}

  /** How many ids are held in memory. */
  get size(): number {
    return this.ids?.size ?? 0;
  }

  /** The key a provider message id is remembered under. */
  key(channel: string, providerId: string): Buffer {
    return this.vault.index('inbound', `${channel}:${providerId}`);
  }

  /** The reply given to an already-handled message: a string, null for "no reply", undefined if unseen. */
  previousReply(key: Buffer, now: number): string | null | undefined {
    const id = this.loaded(now).get(key.toString('latin1'));
    if (id !== undefined) {
      // The id must still hold this key: DELETE erases rows, and SQLite gives the highest freed id to the next row.
      const row = this.db.stmt('SELECT reply_ct, key_version, created_at FROM inbound_messages WHERE id = ? AND provider_bidx = ?').get(id, key) as
        | { reply_ct: Buffer | null; key_version: number; created_at: number }
        | undefined;
      if (row) {
        // Acted on, but the reply is no longer given after a day.
        if (row.created_at < now - this.opts.windowMs || !row.reply_ct) return null;
        return this.vault.open(row.reply_ct, { ...SLOT, row: key.toString('hex') }, row.key_version);
      }
    }
    // Handled more than a day ago, or its reply erased with its sender: acted on once, answered with nothing.
    return seenBefore(this.db, key) ? null : undefined;
  }

  /**
   * Records that a message was handled and what was answered; remembered in
   * memory once the transaction commits. `senderKey` (the sender's
   * rate-limit index) lets their DELETE erase the reply; null for none.
   */
  remember(key: Buffer, reply: string | null, now: number, senderKey: Buffer | null = null): void {
    const { lastInsertRowid } = this.db
      .stmt('INSERT INTO inbound_messages (provider_bidx, reply_ct, key_version, created_at, sender_bidx) VALUES (?, ?, ?, ?, ?)')
      .run(
        key,
        reply === null ? null : this.vault.seal(reply, { ...SLOT, row: key.toString('hex') }),
        this.vault.keyVersion,
        // The hour is all expiry needs.
        startOfHour(now),
        senderKey,
      );
    const id = Number(lastInsertRowid);
    const ids = this.loaded(now);
    if (ids.size >= this.opts.maxIds) this.spill(ids);
    this.db.onCommit(() => this.add(ids, key.toString('latin1'), id, now));
  }

  /**
   * Memory is full: before its oldest ids can be forgotten, their ids are
   * written to inbound_seen (in this transaction), in batches.
   */
  private spill(ids: Map<string, number>): void {
    let upTo = 0;
    let n = 0;
    for (const id of ids.values()) {
      upTo = id;
      if (++n >= SPILL) break;
    }
    if (upTo <= this.spilledUpTo) return;
    this.db
      .stmt('INSERT OR IGNORE INTO inbound_seen (provider_bidx, day) SELECT provider_bidx, created_at / 86400000 FROM inbound_messages WHERE id > ? AND id <= ?')
      .run(this.spilledUpTo, upTo);
    this.db.onCommit(() => {
      this.spilledUpTo = Math.max(this.spilledUpTo, upTo);
    });
  }

  private add(ids: Map<string, number>, k: string, id: number, at: number): void {
    ids.set(k, id);
    // A time mark every 1,024 ids is enough to expire them in batches.
    if (this.added++ % 1024 === 0) this.marks.push({ id, at });
    this.expire(ids, at);
  }

  /**
   * Forgets ids older than the window (in batches, by the marks: row ids
   * grow with time) and the oldest past maxIds. An expired id still in the
   * map is caught by previousReply's check of the row's time.
   */
  private expire(ids: Map<string, number>, now: number): void {
    const cutoff = now - this.opts.windowMs;
    while (this.marks.length >= 2 && (this.marks[1] as Mark).at < cutoff) this.marks.shift();
    const oldest = this.marks[0];
    const expiredUpTo = oldest && oldest.at < cutoff ? oldest.id : 0;
    if (expiredUpTo === 0 && ids.size <= this.opts.maxIds) return;
    for (const [k, id] of ids) {
      // Past maxIds, only ids already spilled to inbound_seen may be forgotten.
      if (id > expiredUpTo && (ids.size <= this.opts.maxIds || id > this.spilledUpTo)) break;
      ids.delete(k);
    }
    if (oldest && oldest.id === expiredUpTo) this.marks.shift();
  }

  /** The in-memory ids, read from the table the first time they are needed. */
  private loaded(now: number): Map<string, number> {
    if (this.ids) return this.ids;
    const ids = new Map<string, number>();
    this.ids = ids;
    const rows = this.db
      .stmt('SELECT id, provider_bidx, created_at FROM inbound_messages WHERE created_at >= ? ORDER BY id')
      .iterate(now - this.opts.windowMs) as IterableIterator<{ id: number; provider_bidx: Buffer; created_at: number }>;
    for (const row of rows) this.add(ids, row.provider_bidx.toString('latin1'), row.id, row.created_at);
    return ids;
  }
}
