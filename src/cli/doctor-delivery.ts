/**
 * doctor's look at what the outbox recorded of the line's own faults: a
 * lane whose waiting messages were last refused for the line's own setup
 * (held until the operator fixes it), and the SMS refusals of the last 24
 * hours whose code points at the set-up rather than at one recipient, and
 * the deliveries Twilio reported failed for the line's own sender, and a
 * lane whose provider fails every send (doctor-outage.ts), and SMS left
 * with no delivery report for hours (doctor-reports.ts).
 * Counts and codes only: never an address, never a text. Reads only.
 */
import Database from 'better-sqlite3';
import { signalLineFault } from '../channels/signal/signal-errors';
import { twilioLineFault, twilioSetupFault } from '../channels/twilio/twilio-errors';
import { counted } from './counted';
import { bad, warn, type CheckResult } from './doctor-check';
import { checkOutages } from './doctor-outage';
import { checkReports } from './doctor-reports';

const DAY_MS = 24 * 3_600_000;

/**
 * Twilio codes that fail one message each yet point at the line's set-up: what to fix, and whether it fails doctor.
 * A trial account's refusal (21608) cannot come from an upgraded one: there, those of the last 24 hours are from
 * before the upgrade, a warning of messages lost (not sent again), with nothing left to fix.
 */
const SETUP_REFUSALS: Record<string, { fails: boolean; fix: string }> = {
  '21606': { fails: false, fix: 'TWILIO_FROM_NUMBER cannot send to some destinations (a short code reaches only its own country): add a sender for them, or send through a Messaging Service' },
  '21608': { fails: true, fix: 'the Twilio account is a trial, which sends only to numbers verified in it: upgrade the account' },
  '21659': { fails: false, fix: 'TWILIO_FROM_NUMBER cannot send to some destinations (a short code reaches only its own country): add a sender for them, or send through a Messaging Service' },
  '21703': { fails: false, fix: "the Messaging Service has no sender for some destinations' countries: add one for them to its sender pool" },
};

/** The lane's own words for a hold, without sending the reader to doctor: this is doctor. */
function holdWords(channel: string, code: string): string {
  const words = (channel === 'signal' ? signalLineFault(code) : twilioLineFault(code)) ?? 'its credentials or sender';
  return words.replace(' (see `doctor`)', '');
}

/**
 * What the outbox says of the line's own faults; nothing from a schema older
 * than the lanes (the migrations check names it). Any other error fails, by
 * its code alone: a line that cannot be read is not one with nothing to say.
 */
export function checkDelivery(db: Database.Database, now: number, twilioUpgraded = false): CheckResult[] {
  try {
    return readDelivery(db, now, twilioUpgraded);
  } catch (err) {
    if (err instanceof Database.SqliteError && /^no such (table|column)/.test(err.message)) return [];
    // Not instanceof Error: better-sqlite3's own errors may come from another realm.
    const { code, name } = (err ?? {}) as { code?: unknown; name?: unknown };
    return [bad('outbox', `what it recorded of delivery could not be read (${String(typeof code === 'string' ? code : name)})`)];
  }
}

function readDelivery(db: Database.Database, now: number, twilioUpgraded: boolean): CheckResult[] {
  // A lane's hold lives in the server's memory; what it leaves in the rows is the refusal of each one's last try.
  // A held lane tries no other message: those behind it wait untried, and go with it (how many wait: all of the lane's).
  const held = db
    .prepare(
      `SELECT h.channel, h.code, (SELECT count(*) FROM outbox o WHERE o.state = 'pending' AND o.channel = h.channel) AS n
       FROM (SELECT DISTINCT channel, substr(error, 6) AS code FROM outbox WHERE state = 'pending' AND error LIKE 'line:%') h
       ORDER BY h.channel = 'signal', h.code`,
    )
    .all() as Array<{ channel: string; code: string; n: number }>;
  const results = held.map((h) =>
    bad(
      `${h.channel} lane`,
      `held: its last try was refused for the line's own setup (${h.code}): ${holdWords(h.channel, h.code)}; ${counted(h.n, 'message waits', 'messages wait')} to go once it is fixed`,
    ),
  );
  const codes = Object.keys(SETUP_REFUSALS).map((c) => `rejected:${c}`);
  const refused = db
    .prepare(
      `SELECT substr(error, 10) AS code, count(*) AS n FROM outbox
       WHERE state = 'failed' AND updated_at >= ? AND channel = 'sms' AND error IN (SELECT value FROM json_each(?))
       GROUP BY code ORDER BY code`,
    )
    .all(now - DAY_MS, JSON.stringify(codes)) as Array<{ code: string; n: number }>;
  for (const r of refused) {
    if (r.code === '21608' && twilioUpgraded) {
      results.push(warn('sms refusals', `${counted(r.n, 'message')} refused in the last 24 hours with Twilio 21608, while the Twilio account was a trial: it is upgraded now, and those messages were not sent again`));
      continue;
    }
    const { fails, fix } = SETUP_REFUSALS[r.code]!;
    const detail = `${counted(r.n, 'message')} refused in the last 24 hours with Twilio ${r.code}: ${fix}`;
    results.push(fails ? bad('sms refusals', detail) : warn('sms refusals', detail));
  }
  // A lane held for the line's own fault tries one message at a time: no outage is read beside its hold.
  const outages = checkOutages(db, now).filter((o) => !held.some((h) => `${h.channel} lane` === o.name));
  return results.concat(outages, setupDeliveries(db, now), checkReports(db, now));
}

/**
 * Messages Twilio took, then reported failed for the line's own sender (an unregistered US long code,
 * an unverified toll-free number): a failure, as a trial account is, since every message to those
 * destinations is lost alike, in silence, until the operator registers or verifies the number.
 */
function setupDeliveries(db: Database.Database, now: number): CheckResult[] {
  // Recorded as 'setup:<status>:<code>' (delivery-status.ts), the status undelivered or failed.
  const rows = db
    .prepare(
      `SELECT error, count(*) AS n FROM outbox
       WHERE state = 'failed' AND updated_at >= ? AND channel = 'sms' AND error LIKE 'setup:%'
       GROUP BY error`,
    )
    .all(now - DAY_MS) as Array<{ error: string; n: number }>;
  const byCode = new Map<string, number>();
  for (const r of rows) {
    const code = r.error.slice(r.error.lastIndexOf(':') + 1);
    byCode.set(code, (byCode.get(code) ?? 0) + r.n);
  }
  return [...byCode.keys()].sort().map((code) => {
    const fix = twilioSetupFault(code) ?? 'the line\'s own sender may not send';
    return bad('sms deliveries', `${counted(byCode.get(code)!, 'message')} undelivered in the last 24 hours with Twilio ${code}: ${fix}`);
  });
}
