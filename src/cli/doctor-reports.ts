/**
 * doctor's look at Twilio's delivery reports: SMS Twilio took hours ago,
 * many of them, and not one delivered report since. The line never asks
 * Twilio for a message's status; it learns it only from the status callback
 * (POST /webhooks/twilio/status). A proxy or firewall that drops those
 * leaves every SMS 'sent' for good, in silence: no 30003 re-send, no 21610
 * opt-out marked. A WARN, not a failure: a destination whose carriers give
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

/** A WARN when ENOUGH SMS taken between a day and two hours ago wait for a report and none since was delivered. */
export function checkReports(db: Database.Database, now: number): CheckResult[] {
  // A row Twilio took stays 'sent' (updated_at: when) until a final report; 'delivered' rows hold the report's time.
  const count = db.prepare(
    "SELECT count(*) AS n FROM outbox INDEXED BY outbox_updated WHERE state <> 'pending' AND state = ? AND channel = 'sms' AND updated_at >= ? AND updated_at < ?",
  );
  const waiting = (count.get('sent', now - LOOK_BACK_MS, now - QUIET_MS) as { n: number }).n;
  if (waiting < ENOUGH) return [];
  const delivered = (count.get('delivered', now - LOOK_BACK_MS, now + 1) as { n: number }).n;
  if (delivered > 0) return [];
  return [
    warn(
      'sms delivery reports',
      `${counted(waiting, 'SMS', 'SMS')} Twilio took between 24 and 2 hours ago and no delivery report since: status callbacks may not reach PUBLIC_URL/webhooks/twilio/status ` +
        "(a proxy or firewall dropping them: see the Twilio console's error log for 11200), and without them no undelivered message is sent again and no carrier opt-out is marked; " +
        "if this line's destinations give no delivery receipts, this is expected",
    ),
  ];
}
