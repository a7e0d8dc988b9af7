/**
 * doctor's look at Twilio's delivery reports: SMS Twilio took hours ago,
 * many of them, and not one delivered report since. The line learns a
 * message's status from the status callback (POST /webhooks/twilio/status),
 * and asks Twilio only for a few (outbox/status-poller.ts, 6 a minute). A
 * proxy or firewall that drops those callbacks leaves the rest 'sent' for
 * good, in silence: no 30003 re-send, no 21610 opt-out marked. A WARN, not a failure: a destination whose carriers give
 * no delivery receipts looks the same. Counts only. Reads only.
 */
import type Database from 'better-sqlite3';
import { counted } from './counted';
import { warn, type CheckResult } from './doctor-check';

const HOUR_MS = 3_600_000;
/** A report comes within minutes; after this long none will. */
const QUIET_MS = 2 * HOUR_MS;
/** Sends looked at: those of the last day but the last QUIET_MS. */
const LOOK_BACK_MS = 24 * HOUR_MS;
/** Fewer sends than this may all go to carriers without receipts. */
const ENOUGH = 20;

/**
 * A WARN when ENOUGH SMS taken between a day and two hours ago had no status callback (still waiting for a final report,
 * or settled without one: by the status poller, or a READ) and no callback reported one delivered since the oldest of them was taken.
 */
export function checkReports(db: Database.Database, now: number): CheckResult[] {
  // A row Twilio took stays 'sent' (updated_at: when) until a final report. `polled` (0066) means "settled without a
  // status callback": the poller fetched its status (updated_at: when it was asked, a little after its send), or a
  // discreet member's READ marked it delivered (store/outbox-withdrawals.ts copiesRead). 'delivered' rows hold the
  // report's time. A withdrawn copy a report shows delivered (retractedCopyDelivered) came by a callback, or is polled.
  // Only those Twilio took (sends, 0049): a READ also marks copies never sent, which await no report.
  // doctor reads a line whose migrations the server has yet to apply: before 0066 no row is marked.
  const hasPolled = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('outbox') WHERE name = 'polled'").get() as { n: number }).n > 0;
  const polled = hasPolled ? 'polled' : '0';
  const settled = hasPolled ? '(polled = 1 AND sends > 0)' : '0';
  const { waiting, oldest } = db
    .prepare(
      `SELECT count(*) AS waiting, min(updated_at) AS oldest FROM outbox INDEXED BY outbox_updated
       WHERE state <> 'pending' AND (state = 'sent' OR ${settled}) AND channel = 'sms' AND updated_at >= ? AND updated_at < ?`,
    )
    .get(now - LOOK_BACK_MS, now - QUIET_MS) as { waiting: number; oldest: number | null };
  if (waiting < ENOUGH || oldest === null) return [];
  // Since the oldest of them only: callbacks that came a day ago and stopped since must not hide the warning for a day.
  // Not those settled without a callback: on a line whose callbacks are lost, the poller's deliveries, or one READ a day, would hide it for good.
  const delivered = db
    .prepare(`SELECT count(*) AS n FROM outbox INDEXED BY outbox_updated WHERE state <> 'pending' AND state = 'delivered' AND ${polled} = 0 AND channel = 'sms' AND updated_at >= ?`)
    .get(oldest) as { n: number };
  if (delivered.n > 0) return [];
  return [
    warn(
      'sms delivery reports',
      `${counted(waiting, 'SMS', 'SMS')} Twilio took between 24 and 2 hours ago and no delivery report since: status callbacks may not reach PUBLIC_URL/webhooks/twilio/status ` +
        "(a proxy or firewall dropping them: see the Twilio console's error log for 11200), and without them no undelivered message is sent again and no carrier opt-out is marked; " +
        "if this line's destinations give no delivery receipts, this is expected",
    ),
  ];
}
