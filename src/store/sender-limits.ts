/** Fixed-window counters per sender and kind, for rate limits and once-an-hour hints. */
import type { Db } from './db';

/**
 * Counts one event and says whether it is within `max` per `windowMs`.
 * Events past the limit are not counted, so a flood does not extend its own ban.
 */
export function takeLimit(db: Db, senderKey: Buffer, kind: string, max: number, windowMs: number, now: number): boolean {
  return db.transaction(() => {
    const row = db.stmt('SELECT window_start, count FROM sender_limits WHERE sender_bidx = ? AND kind = ?').get(senderKey, kind) as
      | { window_start: number; count: number }
      | undefined;
    if (!row || now - row.window_start >= windowMs) {
      db
        .stmt('INSERT OR REPLACE INTO sender_limits (sender_bidx, kind, window_start, count) VALUES (?, ?, ?, 1)')
        .run(senderKey, kind, now);
      return true;
    }
    if (row.count >= max) return false;
    db.stmt('UPDATE sender_limits SET count = count + 1 WHERE sender_bidx = ? AND kind = ?').run(senderKey, kind);
    return true;
  });
}
