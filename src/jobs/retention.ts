/**
 * Retention: erases reports, alerts (with their screening entries), finished
 * outbox rows and old bookkeeping past RETENTION_DAYS, so a seized database
 * holds as little history as the line needs. Handled provider ids lose their
 * stored reply within a day but stay (as a blind index and a day) for
 * RETENTION_DAYS, so no captured webhook can be replayed. After a run that
 * erased anything the WAL is truncated: no erased row survives there.
 */
import { expireConversations } from '../store/conversations';
import { ageCheckins } from '../store/checkins';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { ageInboundLog, REPLY_KEPT_MS } from '../store/inbound-log';
import { everyGuarded, runGuarded } from './guarded';

/** How long a lapsed conversation outlives its expiry, so the report-draft job (every minute) sees it first. */
export const CONVERSATION_GRACE_MS = 10 * 60_000;

/** Deletes everything older than the retention period; returns counts per table. */
export function runRetention(db: Db, retentionDays: number, now: number): Record<string, number> {
  const cutoff = now - retentionDays * 86_400_000;
  const day = now - 86_400_000;
  const erased = db.transaction(() => ({
    outbox: db.stmt("DELETE FROM outbox WHERE state <> 'pending' AND updated_at < ?").run(cutoff).changes,
    screening: db.stmt('DELETE FROM screening WHERE created_at < ?').run(cutoff).changes,
    alerts: db.stmt('DELETE FROM alerts WHERE created_at < ? AND planned_at IS NOT NULL').run(cutoff).changes,
    reports: db.stmt('DELETE FROM reports WHERE created_at < ?').run(cutoff).changes,
    // Retried webhooks arrive within minutes: the reply goes within a day, the id stays for the retention period.
    inbound: ageInboundLog(db, now - REPLY_KEPT_MS),
    seen: db.stmt('DELETE FROM inbound_seen WHERE day < ?').run(Math.floor(cutoff / 86_400_000)).changes,
    // A window is at most a day long; one that started before yesterday is over.
    limits: db.stmt('DELETE FROM sender_limits WHERE window_start < ?').run(day - 86_400_000).changes,
    digests: db.stmt('DELETE FROM notice_digests WHERE period_start < ?').run(day).changes,
    // Ten minutes late: a lapsed report draft is first filed or dropped (and its member told) by its own job.
    conversations: expireConversations(db, now - CONVERSATION_GRACE_MS),
    // Check-ins (issue 13): details a day after an escalation, the row after a week.
    checkins: ageCheckins(db, now),
  }));
  if (Object.values(erased).some((n) => n > 0)) db.eraseSoon();
  return erased;
}

/** Runs retention now and then every `everyMs`, guarded (a busy database waits for the next run); returns a stop function. */
export function scheduleRetention(log: Logger, run: () => void, everyMs = 3_600_000): () => void {
  runGuarded(log, 'retention', run);
  return everyGuarded(log, 'retention', everyMs, run);
}
