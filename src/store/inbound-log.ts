/**
 * Provider message ids already handled, so a webhook the provider retries is
 * answered the same way but acted on once, and a captured one can never be
 * replayed. Each id's blind index is written to inbound_seen (with the day)
 * in the transaction that acts on the message, and kept for RETENTION_DAYS;
 * the reply given is sealed in inbound_messages, an append-only log whose
 * row the record names, for about a day. Read without the key, no row may
 * say whose message it was (Twilio's records of who texted when would name
 * her): a sender's rows carry an index of the log's own purpose, not the
 * one the day's limit counts are kept under, and every reply, none
 * included, is sealed padded to the same length.
 */
import { randomBytes } from 'node:crypto';
import { DAY_MS, HOUR_MS, startOfHour } from './coarse-time';
import type { Db } from './db';
import type { Vault } from './vault';

const SLOT = { table: 'inbound_messages', column: 'reply' } as const;

/** The length of a blind index (Vault.index). */
const INDEX_BYTES = 16;

/** Replies are padded to a multiple of this: one block holds every catalogue reply; one quoting an alert (READ, APPROVE) takes two. */
const REPLY_BLOCK = 512;

/** Replies are erased at the hourly retention run after this: providers retry within minutes. */
export const REPLY_KEPT_MS = 20 * HOUR_MS;

/** Opens a stored reply: null for "no reply", kept as an empty one. */
export function openReply(vault: Vault, row: { provider_bidx: Buffer; reply_ct: Buffer; key_version: number }): string | null {
  return vault.openPadded(row.reply_ct, { ...SLOT, row: row.provider_bidx.toString('hex') }, row.key_version, REPLY_BLOCK) || null;
}

/**
 * Erases the replies stored before `before`, at most `limit` of them (the
 * oldest rows: the log is in arrival order). The ids stay in inbound_seen.
 * Returns how many rows left the log.
 */
export function ageInboundLog(db: Db, before: number, limit = -1): number {
  return db.stmt('DELETE FROM inbound_messages WHERE id IN (SELECT id FROM inbound_messages WHERE created_at < ? ORDER BY id LIMIT +?)').run(before, limit).changes;
}

/**
 * The indexes a sender's rows in the log and her parked messages may carry:
 * the log's own, and the limit counts' that they carried before (migration
 * 0030). Rows under that one expire by themselves (a Signal id's record
 * within RETENTION_DAYS) but until then DELETE must find them too.
 */
export function senderLogKeys(vault: Vault, memberKey: string): { current: Buffer; all: Buffer[] } {
  const current = senderLogKey(vault, memberKey);
  return { current, all: [current, vault.index('sender', memberKey)] };
}

/** The index a sender's new rows in the log and her parked messages carry (senderLogKeys' current): one keyed hash, not two. */
export function senderLogKey(vault: Vault, memberKey: string): Buffer {
  return vault.index('replies', memberKey);
}

/** An index no one has: what a row's sender (or a Signal id) becomes once DELETE unties it from her. */
export function noOnesIndex(): Buffer {
  return randomBytes(INDEX_BYTES);
}

/**
 * Unties a sender's messages from her (DELETE). Her rows stay in place, so
 * the log, read in arrival order, shows no gap where her messages were:
 * each reply is cleared (sealed as "none") and her index replaced by one no
 * one has. Their ids stay on record, so none can be replayed, except a
 * Signal message's: its id is her UUID and a time, findable from her UUID
 * with the key (and signal-cli, not a captured webhook, is what could bring
 * one again), so it is replaced too. Returns how many log rows were hers.
 */
export function forgetSenderReplies(db: Db, vault: Vault, senderKeys: Buffer[]): number {
  // One for all her rows: they look like any sender's few messages.
  const stranger = noOnesIndex();
  let cleared = 0;
  for (const key of senderKeys) {
    // Records whose reply has left the log (kept about a day; a Signal id's record stays RETENTION_DAYS: nearly all
    // of them) need only an id no one has: SQLite's own random bytes, in one statement, not a statement per record.
    db.stmt(
      `UPDATE inbound_seen SET provider_bidx = randomblob(${INDEX_BYTES}), sender_bidx = ? WHERE sender_bidx = ?
       AND NOT EXISTS (SELECT 1 FROM inbound_messages m WHERE m.id = inbound_seen.log_id AND m.provider_bidx = inbound_seen.provider_bidx)`,
    ).run(stranger, key);
    // Those whose log row is still there (a day's at most): the row takes its record's new id.
    const records = db.stmt('SELECT provider_bidx, log_id FROM inbound_seen WHERE sender_bidx = ?').all(key) as Array<{ provider_bidx: Buffer; log_id: number | null }>;
    for (const seen of records) {
      const id = noOnesIndex();
      db.stmt('UPDATE inbound_seen SET provider_bidx = ?, sender_bidx = ? WHERE provider_bidx = ?').run(id, stranger, seen.provider_bidx);
      db.stmt('UPDATE inbound_messages SET provider_bidx = ? WHERE id = ? AND provider_bidx = ?').run(id, seen.log_id, seen.provider_bidx);
    }
    const rows = db.stmt('SELECT id, provider_bidx FROM inbound_messages WHERE sender_bidx = ?').all(key) as Array<{ id: number; provider_bidx: Buffer }>;
    for (const row of rows) {
      const none = vault.sealPadded('', { ...SLOT, row: row.provider_bidx.toString('hex') }, REPLY_BLOCK);
      db.stmt('UPDATE inbound_messages SET reply_ct = ?, key_version = ?, sender_bidx = ? WHERE id = ?').run(none, vault.keyVersion, stranger, row.id);
    }
    cleared += rows.length;
  }
  return cleared;
}

/**
 * Records, in the caller's transaction, that the provider id `key` stands for
 * was acted on, with no reply kept (a sent message's final status: its
 * redaction queued). False if it already was: a replay.
 */
export function firstSeen(db: Db, key: Buffer, now: number): boolean {
  return db.stmt('INSERT INTO inbound_seen (provider_bidx, day) VALUES (?, ?) ON CONFLICT DO NOTHING').run(key, Math.floor(now / DAY_MS)).changes === 1;
}

export interface InboundLogOptions {
  /** How long the reply is given again. Providers retry within minutes. */
  windowMs: number;
}

export const DEFAULT_INBOUND_LOG: InboundLogOptions = { windowMs: DAY_MS };

/** The de-duplication record, over the two tables. */
export class InboundLog {
  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly opts: InboundLogOptions = DEFAULT_INBOUND_LOG,
  ) {}

  /** The key a provider message id is remembered under. */
  key(channel: string, providerId: string): Buffer {
    return this.vault.index('inbound', `${channel}:${providerId}`);
  }

  /** The reply given to an already-handled message: a string, null for "no reply", undefined if unseen. */
  previousReply(key: Buffer, now: number): string | null | undefined {
    const seen = this.db.stmt('SELECT log_id FROM inbound_seen WHERE provider_bidx = ?').get(key) as { log_id: number | null } | undefined;
    if (!seen) return undefined;
    // The log row must still hold this key: retention erases rows (SQLite gives the highest freed id to the next row), and DELETE replaces a Signal id.
    const row = this.db.stmt('SELECT provider_bidx, reply_ct, key_version, created_at FROM inbound_messages WHERE id = ? AND provider_bidx = ?').get(seen.log_id, key) as
      | { provider_bidx: Buffer; reply_ct: Buffer | null; key_version: number; created_at: number }
      | undefined;
    // Acted on once, ever: past the window, or with its reply erased, it is answered with nothing.
    if (!row?.reply_ct || row.created_at < now - this.opts.windowMs) return null;
    return openReply(this.vault, { ...row, reply_ct: row.reply_ct });
  }

  /**
   * Records, in the caller's transaction, that a message was handled and
   * what was answered. `senderKey` (the sender's index of the log's own
   * purpose, senderLogKeys) lets their DELETE untie the row from them.
   * `idOfSender`: the provider id is made from the sender (Signal's), so the
   * record goes with her too.
   */
  remember(key: Buffer, reply: string | null, now: number, senderKey: Buffer | null = null, idOfSender = false): void {
    const { lastInsertRowid } = this.db
      .stmt('INSERT INTO inbound_messages (provider_bidx, reply_ct, key_version, created_at, sender_bidx) VALUES (?, ?, ?, ?, ?)')
      .run(
        key,
        // No reply is kept as an empty one, sealed as long as any other.
        this.vault.sealPadded(reply ?? '', { ...SLOT, row: key.toString('hex') }, REPLY_BLOCK),
        this.vault.keyVersion,
        // The hour is all expiry needs.
        startOfHour(now),
        senderKey,
      );
    // An id made from the sender (Signal's) is erased with her: it carries her index too.
    this.db.stmt('INSERT INTO inbound_seen (provider_bidx, day, log_id, sender_bidx) VALUES (?, ?, ?, ?)').run(key, Math.floor(now / DAY_MS), lastInsertRowid, idOfSender ? senderKey : null);
  }
}
