/**
 * What a restored copy holds that acts at the server's first start, though
 * the line may have done it, or undone it, since the backup: reports marked
 * read by moderators and the console (an EDIT since is undone, so what they
 * read is no longer what APPROVE would send), and alert copies still waiting
 * to be sent (maybe sent since, or of an alert RETRACTed since).
 */
import type { Db } from './db';

/**
 * Forgets who read each report in a copy being restored (report_views,
 * operator_report_views): every pending report must be shown again before
 * an APPROVE that asks sends it. Returns how many reports are pending.
 */
export function forgetRestoredReportReads(db: Db): number {
  db.stmt('DELETE FROM report_views').run();
  db.stmt('DELETE FROM operator_report_views').run();
  return (db.stmt("SELECT count(*) AS n FROM reports WHERE status = 'pending'").get() as { n: number }).n;
}

/** An alert with copies waiting in a restored copy: its reference, how many wait, whether its fan-out was still being planned. */
export interface WaitingAlert {
  ref: string;
  copies: number;
  planning: boolean;
}

/**
 * The alerts not retracted in the copy whose copies still wait (or are
 * still to be planned): they go when the server starts. By reference only.
 */
export function waitingAlertCopies(db: Db): WaitingAlert[] {
  const rows = db
    .stmt(
      `SELECT a.ref AS ref, a.planned_at IS NULL AS planning,
              (SELECT count(*) FROM outbox o WHERE o.alert_id = a.id AND o.state = 'pending') AS copies
       FROM alerts a
       WHERE a.retracted_at IS NULL AND a.ref IS NOT NULL
         AND (a.planned_at IS NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = a.id AND o.state = 'pending'))
       ORDER BY a.id`,
    )
    .all() as Array<{ ref: string; copies: number; planning: number }>;
  return rows.map((r) => ({ ref: r.ref, copies: r.copies, planning: r.planning === 1 }));
}
