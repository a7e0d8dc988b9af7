/**
 * doctor's look at a lane whose provider answers yet fails every send (a
 * Twilio 500 on each message while the account check passes; signal-cli
 * up but failing): what /readyz calls `sending_failing`. Read from the
 * rows: messages waiting whose last try failed as an outage (a 5xx, a
 * time-out, no connection), tried later than the lane's last message that
 * went, for as long as /readyz waits (failingAfterMs): one 5xx on a quiet
 * line is a blip its retry mends, not a FAIL. Counts and codes only. Reads
 * only.
 */
import type Database from 'better-sqlite3';
import { SIGNAL_RECIPIENT_FAILURES } from '../channels/signal/signal-errors';
import { SHUTTING_DOWN } from '../channels/types';
import { WHERE_TO_LOOK } from '../channels/where-to-look';
import type { Channel } from '../domain/channel';
import { DEFAULT_DISPATCHER } from '../outbox/dispatcher';
import { counted } from './counted';
import { bad, type CheckResult } from './doctor-check';

/** A wait as doctor prints it: seconds, minutes or hours, whole. */
export function waited(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return counted(s, 'second');
  if (s < 7_200) return counted(Math.floor(s / 60), 'minute');
  return counted(Math.floor(s / 3_600), 'hour');
}

/**
 * When a waiting message's failures began, at the earliest the row can tell: with one try, that try (updated_at:
 * queued for later, a check-in's reminder, it was tried first when due, maybe long after its queueing); with more,
 * its queueing (the first try's time is not kept, and due_at moves at each retry).
 */
const FIRST_FAILED = 'CASE WHEN attempts = 1 THEN updated_at ELSE created_at END';

/** Each lane whose provider's latest answers are outage failures, with how many wait, the oldest's wait and the codes. */
export function checkOutages(db: Database.Database, now: number): CheckResult[] {
  // A Signal failure worded as one recipient's (she left, her keys changed) is no outage; a stop's refusal is no try.
  const notOutage = JSON.stringify([...SIGNAL_RECIPIENT_FAILURES.map((c) => `server:${c}`), `connection:${SHUTTING_DOWN}`]);
  const lanes = db
    .prepare(
      `SELECT channel, count(*) AS n, min(${FIRST_FAILED}) AS oldest, max(updated_at) AS last, group_concat(DISTINCT error) AS errors
       FROM outbox INDEXED BY outbox_lane
       WHERE state = 'pending' AND (error LIKE 'server%' OR error LIKE 'connection%') AND error NOT IN (SELECT value FROM json_each(?))
       GROUP BY channel ORDER BY channel = 'signal'`,
    )
    .all(notOutage) as Array<{ channel: string; n: number; oldest: number; last: number; errors: string }>;
  const lastSent = db.prepare(
    "SELECT max(updated_at) AS t FROM outbox INDEXED BY outbox_updated WHERE state <> 'pending' AND state IN ('sent', 'delivered') AND channel = ?",
  );
  const waiting = db.prepare("SELECT count(*) AS n FROM outbox INDEXED BY outbox_lane WHERE state = 'pending' AND channel = ?");
  const results: CheckResult[] = [];
  for (const lane of lanes) {
    // A message went after these failed: the provider is back, and what waits goes at its next try.
    const sent = (lastSent.get(lane.channel) as { t: number | null }).t;
    if (sent !== null && sent >= lane.last) continue;
    // How long the tries have failed, at most: none failed before the first failed try of the oldest such message (see
    // FIRST_FAILED), nor before the lane's last send. Shorter than /readyz's wait, nothing is said, as /readyz says nothing: the retry may well go.
    if (lane.last - Math.max(lane.oldest, sent ?? 0) < DEFAULT_DISPATCHER.failingAfterMs) continue;
    const all = (waiting.get(lane.channel) as { n: number }).n;
    const codes = lane.errors.split(',').sort().slice(0, 3).join(', ');
    results.push(
      bad(
        `${lane.channel} lane`,
        `failing: ${lane.errors.split(',').every((e) => e.startsWith('connection')) ? 'the provider cannot be reached' : 'the provider answers but fails every send'} (${codes}): ${counted(lane.n, 'message')} failed so, the oldest waiting ${waited(now - lane.oldest)}; ` +
          `${WHERE_TO_LOOK[lane.channel as Channel] ?? "check the provider's status"}. Messages wait (${counted(all, 'message')} on this lane) and will go when it recovers`,
      ),
    );
  }
  return results;
}
