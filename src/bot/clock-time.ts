/**
 * How times and days are written to members and buddies: "21:30" and
 * "2026-12-31", in the server's time zone (TZ), so a check-in's end and an
 * alert's day agree. Built for the TZ of the moment, not at load: `npm start`
 * reads TZ from .env after its modules are loaded.
 */
interface Formats {
  time: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  wall: Intl.DateTimeFormat;
  zone: Intl.DateTimeFormat;
}
let formats: (Formats & { tz: string | undefined }) | undefined;

function formatsNow(): Formats {
  const tz = process.env.TZ;
  if (!formats || formats.tz !== tz) {
    // Named, not left to Node's default: a zone Node does not know is written in UTC, as Node would.
    const timeZone = tz === undefined ? undefined : (knownTimeZone(tz) ?? 'UTC');
    formats = {
      tz,
      time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
      date: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }),
      wall: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23', timeZone }),
      // en-US: "PST", "PDT", "EST"; elsewhere "GMT", "GMT+1", "GMT+10", in GSM-7.
      zone: new Intl.DateTimeFormat('en-US', { timeZoneName: 'short', timeZone }),
    };
  }
  return formats;
}

/**
 * The zone a TZ value names, as Node reads it (a leading ":" allowed), or
 * null when Node knows no such zone: it then writes times in UTC, silently.
 */
export function knownTimeZone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz.replace(/^:/, '') }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** What the operator is told (at start, and by doctor) of a TZ Node does not know. */
export const UNKNOWN_TIME_ZONE = 'TZ names no time zone Node knows, so check-in times are written in UTC: use a name such as America/Los_Angeles';

/** "21:30" for a time in milliseconds since the epoch. */
export function clockTime(ms: number): string {
  return formatsNow().time.format(ms);
}

/** "2026-12-31": the day of a time where the line is (an alert's in READ and CHECK, a retracted one's). */
export function localDate(at: number | Date): string {
  const parts = formatsNow().date.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const DAY_MS = 86_400_000;

/** How far the line's clock is ahead of UTC at `ms` (negative west of Greenwich), to the second. */
function offsetAt(ms: number): number {
  const parts = formatsNow().wall.formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The start of the line's day holding `ms`: local midnight, as "try again tomorrow" means it. Not a fixed 24 hours
 * back: a day the clocks change is 23 or 25 hours long. Midnight is tried at the offset of `ms`, then at the offset
 * each try lands on (a change between midnight and `ms`), and at the offset of a day before (clocks going back at
 * midnight, as Cuba's: midnight comes twice, first at the summer offset); the earliest try that is on the day is its
 * start (so a midnight the change skips, as Chile's, starts the day at the change).
 */
export function startOfLocalDay(ms: number): number {
  const date = localDate(ms);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  const a = midnight - offsetAt(ms);
  const b = midnight - offsetAt(a);
  const onTheDay = [a, b, midnight - offsetAt(b), midnight - offsetAt(ms - DAY_MS)].filter((t) => localDate(t) === date);
  return onTheDay.length > 0 ? Math.min(...onTheDay) : b;
}

/** The zone's short name at `ms`: "PST", "GMT+1". */
function zoneName(ms: number): string {
  return formatsNow().zone.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** A time as a check-in's messages name it: "21:30", and its day when that is not the day the message is written. */
export interface DayTime {
  /** "21:30"; with its zone ("01:10 PST") when its offset is not the one of the moment, a day or less away, the message is written. */
  time: string;
  /**
   * Null on the day the message is written; else the weekday (0 Sunday … 6 Saturday) and the day of the month, and
   * its month (1-12) when it is a week or more away: "Mon 7" then names no day she can place (an escalation after a
   * long outage, a check-in a restored backup brought back).
   */
  day: { weekday: number; date: number; month?: number } | null;
}

// Within six days either way a weekday and a date name one day; further, the month is needed.
const SIX_DAYS_MS = 6 * DAY_MS;

/** `at` as a message written at `now` names it, both where the line is: a check-in may end days later. */
export function dayTime(at: number, now: number): DayTime {
  // The night the clocks change, "01:10" may come before the time she wrote, or twice: the zone says which
  // ("01:10 PST"). Only then, and within a day (what a CHECKIN's escalation is sized for, written up to a day
  // late): on other nights the reply is no longer, and a day named further off is placed by its date.
  const zoned = Math.abs(at - now) <= DAY_MS && offsetAt(at) !== offsetAt(now);
  const time = zoned ? `${clockTime(at)} ${zoneName(at)}` : clockTime(at);
  const date = localDate(at);
  if (date === localDate(now)) return { time, day: null };
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { time, day: Math.abs(at - now) < SIX_DAYS_MS ? { weekday, date: d } : { weekday, date: d, month: m } };
}

/** The last four digits of a number: how a member is told which buddy a message is about. */
export function ending(e164: string): string {
  return e164.slice(-4);
}
