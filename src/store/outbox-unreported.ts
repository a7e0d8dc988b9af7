/**
 * SMS sent whose final status never came (Twilio lost its callback): the
 * status poller (outbox/status-poller.ts) asks Twilio for them.
 */
import type { Db } from './db';

/** A sent SMS still waiting for its final status, and the provider's id for it. */
export interface UnreportedSms {
  id: number;
  providerId: string;
}

/**
 * The first SMS, oldest send first, sent at or after `sentFrom` and before
 * `sentBefore` (updated_at: a sent row's send time until a report moves it
 * on) that still has no final status and keeps its provider id, among those
 * `wanted` accepts by provider id (the poller's own bounds), or undefined. Read through the
 * partial index of exactly those rows (migration 0067), not every finished row.
 */
export function firstUnreported(db: Db, sentFrom: number, sentBefore: number, wanted: (providerId: string) => boolean): UnreportedSms | undefined {
  const rows = db
    .stmt(
      `SELECT id, provider_id AS providerId FROM outbox INDEXED BY outbox_sms_unreported
       WHERE state = 'sent' AND channel = 'sms' AND provider_id IS NOT NULL AND updated_at >= ? AND updated_at < ? ORDER BY updated_at, id`,
    )
    .iterate(sentFrom, sentBefore) as IterableIterator<UnreportedSms>;
  for (const row of rows) {
    // Leaving the loop early ends the statement (better-sqlite3 closes the iterator).
    if (wanted(row.providerId)) return row;
  }
  return undefined;
}

/** Marks an SMS whose final status the poller fetched: its callback never came (settled without one: doctor-reports.ts reads the mark). */
export function markPolled(db: Db, id: number): void {
  db.stmt('UPDATE outbox SET polled = 1 WHERE id = ?').run(id);
}
