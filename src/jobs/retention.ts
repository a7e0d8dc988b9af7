/**
 * Retention: erases reports, alerts (with their screening entries), finished
 * outbox rows and old bookkeeping past RETENTION_DAYS, so a seized database
 * holds as little history as the line needs.
 */
import { expireConversations } from '../store/conversations';
import type { Db } from '../store/db';

/** Deletes everything older than the retention period; returns counts per table. */
export function runRetention(db: Db, retentionDays: number, now: number): Record<string, number> {
  const cutoff = now - retentionDays * 86_400_000;
  const day = now - 86_400_000;
  return db.transaction(() => ({
    outbox: db.stmt("DELETE FROM outbox WHERE state <> 'pending' AND updated_at < ?").run(cutoff).changes,
    screening: db.stmt('DELETE FROM screening WHERE created_at < ?').run(cutoff).changes,
    alerts: db.stmt('DELETE FROM alerts WHERE created_at < ? AND planned_at IS NOT NULL').run(cutoff).changes,
    reports: db.stmt('DELETE FROM reports WHERE created_at < ?').run(cutoff).changes,
    // Retried webhooks arrive within minutes; a day is ample.
    inbound: db.stmt('DELETE FROM inbound_messages WHERE created_at < ?').run(day).changes,
    limits: db.stmt('DELETE FROM sender_limits WHERE window_start < ?').run(day).changes,
    conversations: expireConversations(db, now),
  }));
}

/** Runs retention now and then every `everyMs`; returns a stop function. */
export function scheduleRetention(run: () => void, everyMs = 3_600_000): () => void {
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
