/**
 * Figures written beside a CHECKIN or LATER duration that the parser's words would misread: refused with the
 * how-to reply (checkin-parser.ts), never read as minutes or left in her details.
 */
import { asciiDigits } from '../util/ascii-digits';
import type { WordAt } from './checkin-parser';
import { AND_WORDS, HOUR_UNITS, MINUTE_UNITS } from './duration-units';

// A digit written small or circled right beside an ordinary one ("30²": a footnote, a square): read as one more
// digit, "CHECKIN 30²" was 302 minutes, the alarm hours late. Alone, "⁴⁵" and "2h³⁰" read as written.
const SMALL_BESIDE_DIGIT = /\p{Nd}\p{No}|\p{No}\p{Nd}/u;
/** A typed fraction ("1/2", "3∕4", "1⁄2") and the letters glued after it ("1/2h", "1/2-hour"). */
const FRACTION = /^(\d+)[/\u2044\u2215](\d+)-?(\p{L}*)/u;
/** A decimal below one ("0.5", ",5"). */
const BELOW_ONE = /^0*[.,]\d/;

/** The token at `start` as written. */
const written = (text: string, start: number) => /^\S+/.exec(text.slice(start))?.[0] ?? '';

/** Whether the duration's `used` words, as written in `text`, hold a small figure beside a digit. */
export function smallFigureBeside(text: string, rest: WordAt[], used: number): boolean {
  return rest.slice(0, used).some((w) => SMALL_BESIDE_DIGIT.test(written(text, w.start)));
}

/** A unit of the duration: "H", "HOURS", "MIN", "HORAS"… */
const isUnit = (word: string) => HOUR_UNITS.has(word) || MINUTE_UNITS.has(word);

/**
 * Whether the typed fraction `word` (as written, NFKC, ASCII digits) may be part of an hour: n/m with n < m ≤ 4,
 * then an hour or minute word, glued or next (`after`), or nothing. "60 2/3 Smith St" (a unit's address), "90 24/7
 * motel" are her details.
 */
function partOfAnHour(word: string, after: string | undefined): boolean {
  const m = FRACTION.exec(word);
  if (!m) return false;
  const [n, d] = [Number(m[1]), Number(m[2])];
  if (n < 1 || n >= d || d > 4) return false;
  const glued = (m[3] as string).toUpperCase();
  return glued !== '' ? isUnit(glued) : after === undefined || isUnit(after);
}

/**
 * Whether the word after the duration (or after a joining word, AND_WORDS, there) opens with a vulgar fraction,
 * a small or circled figure, a fraction of an hour, or (after hours) a decimal below one: "CHECKIN 1 ½ hours",
 * "1 1/2 hours", "1 hour ½", "1 hour plus ½", "30 ² motel", "1 hour 0.5". Read as details, "CHECKIN 10 ½ hours"
 * started a 10-minute check-in and the alarm sent her details to her buddies hours early. Refused, as "1½h" glued
 * is: read as the fraction, "30 ½" alone would still be minutes or hours by guess, and "1 hour 0.5" an hour and a
 * half or a distance; she is told how at once, and a second message costs less than a wrong alarm.
 */
export function figureAfterDuration(text: string, rest: WordAt[], used: number): boolean {
  const i = AND_WORDS.has(rest[used]?.word ?? '') ? used + 1 : used;
  const next = rest[i];
  if (!next) return false;
  // "+½", "&½": the sign is no figure.
  const asWritten = written(text, next.start).replace(/^[&+]+/, '');
  if (/^\p{No}/u.test(asWritten)) return true;
  const word = asciiDigits(asWritten.normalize('NFKC'));
  const last = rest[used - 1]?.word ?? '';
  const afterHours = HOUR_UNITS.has(last) || HOUR_UNITS.has(last.replace(/^[\d.,]+/, ''));
  return partOfAnHour(word, rest[i + 1]?.word) || (afterHours && BELOW_ONE.test(word));
}
