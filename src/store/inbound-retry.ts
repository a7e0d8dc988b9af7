/**
 * Received messages whose handling failed, kept sealed until they are tried
 * again: sender and text are as sensitive as anything we hold.
 */
import { startOfHour } from './coarse-time';
import type { Channel } from '../domain/channel';
import type { Db } from './db';
import type { Vault } from './vault';

/** Any channel's messages can be parked: SMS and Signal share the inbound path. */
export type RetryChannel = Channel;

export interface ParkedItem {
  id: number;
  /** The message (sender, text, provider id), serialized by the caller. */
  item: string;
  /** Attempts so far, the failed first one included. */
  attempts: number;
  /** When it is next due to be tried. */
  dueAt: number;
}

const slot = (id: number) => ({ table: 'inbound_retry', column: 'item', row: id });

/**
 * Keeps a received message to try again at `dueAt`; its first attempt has
 * failed. `senderKey` (the sender's index in the inbound log) lets DELETE erase it.
 */
export function parkItem(db: Db, vault: Vault, channel: RetryChannel, item: string, now: number, dueAt: number, senderKey?: Buffer): number {
  return db.transaction(() => {
    const id = db.nextId('inbound_retry');
    db.stmt('INSERT INTO inbound_retry (id, channel, item_ct, key_version, attempts, due_at, created_at, sender_bidx) VALUES (?, ?, ?, ?, 1, ?, ?, ?)').run(
      id,
      channel,
      vault.seal(item, slot(id)),
      vault.keyVersion,
      dueAt,
      startOfHour(now),
      senderKey ?? null,
    );
    return id;
  });
}

/**
 * Items due by `now`, of every channel, oldest first. One that no longer
 * opens (a damaged value) is dropped: it would never be handled, and it
 * must not hold back every other message parked behind it.
 */
export function dueItems(db: Db, vault: Vault, now: number, limit: number, onUnreadable: () => void = () => undefined): ParkedItem[] {
  const rows = db
    .stmt('SELECT id, item_ct, key_version, attempts, due_at FROM inbound_retry WHERE due_at <= ? ORDER BY due_at, id LIMIT +?')
    .all(now, limit) as ParkedRow[];
  return opened(db, vault, rows, onUnreadable);
}

/**
 * Items parked after row `afterId`, due or not, in the order they were
 * parked (start-up tries them all, a batch at a time); `last` is the last
 * row read, null when there were none. One that no longer opens is dropped.
 */
export function itemsAfter(db: Db, vault: Vault, afterId: number, limit: number, onUnreadable: () => void = () => undefined): { items: ParkedItem[]; last: number | null } {
  const rows = db
    .stmt('SELECT id, item_ct, key_version, attempts, due_at FROM inbound_retry WHERE id > ? ORDER BY id LIMIT +?')
    .all(afterId, limit) as ParkedRow[];
  return { items: opened(db, vault, rows, onUnreadable), last: rows.at(-1)?.id ?? null };
}

type ParkedRow = { id: number; item_ct: Buffer; key_version: number; attempts: number; due_at: number };

function opened(db: Db, vault: Vault, rows: ParkedRow[], onUnreadable: () => void): ParkedItem[] {
  return rows.flatMap((r) => {
    try {
      return [{ id: r.id, item: vault.open(r.item_ct, slot(r.id), r.key_version), attempts: r.attempts, dueAt: r.due_at }];
    } catch {
      dropItem(db, r.id);
      onUnreadable();
      return [];
    }
  });
}

/** Removes an item: handled, or given up. */
export function dropItem(db: Db, id: number): void {
  db.stmt('DELETE FROM inbound_retry WHERE id = ?').run(id);
}

/** Erases every parked message of a sender (DELETE): a parked JOIN must not re-create who just left. */
export function dropSenderItems(db: Db, senderKey: Buffer): number {
  return db.stmt('DELETE FROM inbound_retry WHERE sender_bidx = ?').run(senderKey).changes;
}

/**
 * The wall clock stepped back by `stepMs`: what was due later than `now` is
 * due by as much earlier, as check-in deadlines are (her parked OK must not
 * wait out the step while her deadline, moved back, passes). Returns how many moved.
 */
export function parkedClockSteppedBack(db: Db, stepMs: number, now: number): number {
  return db.stmt('UPDATE inbound_retry SET due_at = due_at - @step WHERE due_at > @now').run({ step: stepMs, now }).changes;
}

/** Records another failed attempt and when to try next. */
export function postponeItem(db: Db, id: number, attempts: number, dueAt: number): void {
  db.stmt('UPDATE inbound_retry SET attempts = ?, due_at = ? WHERE id = ?').run(attempts, dueAt, id);
}
