/**
 * doctor's look at what the outbox recorded of the line's own faults: a
 * lane whose waiting messages were last refused for the line's own setup
 * (held until the operator fixes it), and the SMS refusals of the last 24
 * hours whose code points at the set-up rather than at one recipient.
 * Counts and codes only: never an address, never a text. Reads only.
 */
import type Database from 'better-sqlite3';
import { signalLineFault } from '../channels/signal/signal-errors';
import { twilioLineFault } from '../channels/twilio/twilio-errors';
import { counted } from './counted';
import { bad, warn, type CheckResult } from './doctor-check';

const DAY_MS = 24 * 3_600_000;

/** Twilio codes that fail one message each yet point at the line's set-up: what to fix, and whether it fails doctor. */
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

/** What the outbox says of the line's own faults; nothing from a schema older than the lanes (the migrations check names it). */
export function checkDelivery(db: Database.Database, now: number): CheckResult[] {
  try {
    return readDelivery(db, now);
  } catch {
    return [];
  }
}

function readDelivery(db: Database.Database, now: number): CheckResult[] {
  // A lane's hold lives in the server's memory; what it leaves in the rows is the refusal of each one's last try.
  const held = db
    .prepare(
      `SELECT channel, substr(error, 6) AS code, count(*) AS n FROM outbox WHERE state = 'pending' AND error LIKE 'line:%'
       GROUP BY channel, code ORDER BY channel = 'signal', code`,
    )
    .all() as Array<{ channel: string; code: string; n: number }>;
  const results = held.map((h) =>
    bad(
      `${h.channel} lane`,
      `held: the last try of ${counted(h.n, 'waiting message')} was refused for the line's own setup (${h.code}): ${holdWords(h.channel, h.code)}; what waits goes once it is fixed`,
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
    const { fails, fix } = SETUP_REFUSALS[r.code]!;
    const detail = `${counted(r.n, 'message')} refused in the last 24 hours with Twilio ${r.code}: ${fix}`;
    results.push(fails ? bad('sms refusals', detail) : warn('sms refusals', detail));
  }
  return results;
}
