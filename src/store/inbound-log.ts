/**
 * Provider message ids already handled, with the reply given, so a webhook
 * the provider retries is answered the same way but acted on once.
 *
 * The table is an append-only log with no index on the id: providers' ids
 * are random, and keeping them in a B-tree meant a random page written per
 * webhook. The ids of the last day live in memory instead (loaded from the
 * table at start-up, so a retry after a crash is still recognised); the
 * table holds the replies, found by row id.
 */
import type { Db } from './db';
import type { Vault } from './vault';

const SLOT = { table: 'inbound_messages', column: 'reply' } as const;
const DAY_MS = 86_400_000;

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
    if (id === undefined) return undefined;
    const row = this.db.stmt('SELECT reply_ct, key_version, created_at FROM inbound_messages WHERE id = ?').get(id) as
      | { reply_ct: Buffer | null; key_version: number; created_at: number }
      | undefined;
    // Gone (retention) or too old: treat as new, as a longer-lived record would have been.
    if (!row || row.created_at < now - this.opts.windowMs) return undefined;
    return row.reply_ct ? this.vault.open(row.reply_ct, { ...SLOT, row: key.toString('hex') }, row.key_version) : null;
  }

  /** Records that a message was handled and what was answered; remembered in memory once the transaction commits. */
  remember(key: Buffer, reply: string | null, now: number): void {
    const { lastInsertRowid } = this.db
      .stmt('INSERT INTO inbound_messages (provider_bidx, reply_ct, key_version, created_at) VALUES (?, ?, ?, ?)')
      .run(key, reply === null ? null : this.vault.seal(reply, { ...SLOT, row: key.toString('hex') }), this.vault.keyVersion, now);
    const id = Number(lastInsertRowid);
    const ids = this.loaded(now);
    this.db.onCommit(() => this.add(ids, key.toString('latin1'), id, now));
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
      if (id > expiredUpTo && ids.size <= this.opts.maxIds) break;
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
