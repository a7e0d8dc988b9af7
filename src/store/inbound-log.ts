/**
 * Provider message ids already handled, so a webhook the provider retries is
 * answered the same way but acted on once, and a captured one can never be
 * replayed. Each id's blind index is written to inbound_seen (with the day)
 * in the transaction that acts on the message, and kept for RETENTION_DAYS;
 * the reply given is sealed in inbound_messages, an append-only log whose
 * row the record names, for about a day.
 */
import { DAY_MS, HOUR_MS, startOfHour } from './coarse-time';
import type { Db } from './db';
import type { Vault } from './vault';

const SLOT = { table: 'inbound_messages', column: 'reply' } as const;

/** Replies are erased at the hourly retention run after this: providers retry within minutes. */
export const REPLY_KEPT_MS = 20 * HOUR_MS;

/**
 * Erases the replies stored before `before`, at most `limit` of them (the
 * oldest rows: the log is in arrival order). The ids stay in inbound_seen.
 * Returns how many rows left the log.
 */
export function ageInboundLog(db: Db, before: number, limit = -1): number {
  return db.stmt('DELETE FROM inbound_messages WHERE id IN (SELECT id FROM inbound_messages WHERE created_at < ? ORDER BY id LIMIT +?)').run(before, limit).changes;
}

/**
 * Erases the replies stored for a sender's messages (DELETE). Their ids stay
 * on record, so none can be replayed, except the records that carry her
 * sender index: a Signal message's id is her UUID and a time, findable from
 * her UUID with the key, and signal-cli, not a captured webhook, is what
 * could bring one again.
 */
export function forgetSenderReplies(db: Db, senderKey: Buffer): number {
  db.stmt('DELETE FROM inbound_seen WHERE sender_bidx = ?').run(senderKey);
  return db.stmt('DELETE FROM inbound_messages WHERE sender_bidx = ?').run(senderKey).changes;
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
    // The log row must still hold this key: retention and DELETE erase rows, and SQLite gives the highest freed id to the next row.
    const row = this.db.stmt('SELECT reply_ct, key_version, created_at FROM inbound_messages WHERE id = ? AND provider_bidx = ?').get(seen.log_id, key) as
      | { reply_ct: Buffer | null; key_version: number; created_at: number }
      | undefined;
    // Acted on once, ever: past the window, or with its reply erased, it is answered with nothing.
    if (!row?.reply_ct || row.created_at < now - this.opts.windowMs) return null;
    return this.vault.open(row.reply_ct, { ...SLOT, row: key.toString('hex') }, row.key_version);
  }

  /**
   * Records, in the caller's transaction, that a message was handled and
   * what was answered. `senderKey` (the sender's rate-limit index) lets
   * their DELETE erase the reply; null for none. `idOfSender`: the provider
   * id is made from the sender (Signal's), so the record goes with her too.
   */
  remember(key: Buffer, reply: string | null, now: number, senderKey: Buffer | null = null, idOfSender = false): void {
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
    // An id made from the sender (Signal's) is erased with her: it carries her index too.
    this.db.stmt('INSERT INTO inbound_seen (provider_bidx, day, log_id, sender_bidx) VALUES (?, ?, ?, ?)').run(key, Math.floor(now / DAY_MS), lastInsertRowid, idOfSender ? senderKey : null);
  }
}
