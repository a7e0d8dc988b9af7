/**
 * Fixed-window counters per sender and kind, for rate limits and
 * once-an-hour hints. Windows are aligned to the clock (a report limit's
 * window is the UTC day, a CHECK limit's the hour), so the stored start
 * says no more than the window does, never the moment of the first event.
 */
import type { Db } from './db';

/**
 * Counts one event and says whether it is within `max` per `windowMs`.
 * Events past the limit are not counted, so a flood does not extend its own ban.
 */
export function takeLimit(db: Db, senderKey: Buffer, kind: string, max: number, windowMs: number, now: number): boolean {
  const windowStart = now - (now % windowMs);
  return db.transaction(() => {
    const row = db.stmt('SELECT window_start, count FROM sender_limits WHERE sender_bidx = ? AND kind = ?').get(senderKey, kind) as
      | { window_start: number; count: number }
      | undefined;
    if (!row || row.window_start !== windowStart) {
      db
        .stmt('INSERT OR REPLACE INTO sender_limits (sender_bidx, kind, window_start, count) VALUES (?, ?, ?, 1)')
        .run(senderKey, kind, windowStart);
      return true;
    }
    if (row.count >= max) return false;
    db.stmt('UPDATE sender_limits SET count = count + 1 WHERE sender_bidx = ? AND kind = ?').run(senderKey, kind);
    return true;
  });
}

/** Erases every counter of a sender (DELETE). */
export function forgetSenderLimits(db: Db, senderKey: Buffer): number {
  return db.stmt('DELETE FROM sender_limits WHERE sender_bidx = ?').run(senderKey).changes;
}
