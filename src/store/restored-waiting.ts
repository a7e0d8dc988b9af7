/**
 * What a restored copy holds that acts at the server's first start, though
 * the line may have done it, or undone it, since the backup: reports marked
 * read by moderators and the console (an EDIT since is undone, so what they
 * read is no longer what APPROVE would send).
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
