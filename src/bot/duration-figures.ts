/**
 * Figures written beside a CHECKIN or LATER duration that the parser's words would misread: refused with the
 * how-to reply (checkin-parser.ts), never read as minutes or left in her details.
 */
import { asciiDigits } from '../util/ascii-digits';
import type { WordAt } from './checkin-parser';

// A digit written small or circled right beside an ordinary one ("30²": a footnote, a square): read as one more
// digit, "CHECKIN 30²" was 302 minutes, the alarm hours late. Alone, "⁴⁵" and "2h³⁰" read as written.
const SMALL_BESIDE_DIGIT = /\p{Nd}\p{No}|\p{No}\p{Nd}/u;
/** A fraction, as NFKC writes a vulgar one ("½" is "1⁄2") or she types it ("1/2", "3∕4"). */
const FRACTION = /^\d+[/\u2044\u2215]\d+/;
/** The words joining a part to the hours ("1 hour and ½", "1 hora y ½"). */
const AND_WORDS: ReadonlySet<string> = new Set(['AND', 'Y', 'E', 'ET']);

/** The token at `start` as written. */
const written = (text: string, start: number) => /^\S+/.exec(text.slice(start))?.[0] ?? '';

/** Whether the duration's `used` words, as written in `text`, hold a small figure beside a digit. */
export function smallFigureBeside(text: string, rest: WordAt[], used: number): boolean {
  return rest.slice(0, used).some((w) => SMALL_BESIDE_DIGIT.test(written(text, w.start)));
}

/**
 * Whether the word after the duration (or after "and", "y", "e", "et" there) opens with a fraction or a small
 * or circled figure: "CHECKIN 1 ½ hours", "1 1/2 hours", "1 hour ½", "30 ² motel". Read as details, "CHECKIN 10
 * ½ hours" started a 10-minute check-in and the alarm sent her details to her buddies hours early. Refused, as
 * "1½h" glued is: read as the fraction, "30 ½" alone would still be minutes or hours by guess, and "20 3/4" a
 * room or a time; she is told how at once, and a second message costs less than a wrong alarm.
 */
export function figureAfterDuration(text: string, rest: WordAt[], used: number): boolean {
  const i = AND_WORDS.has(rest[used]?.word ?? '') ? used + 1 : used;
  const next = rest[i];
  if (!next) return false;
  const word = written(text, next.start);
  return /^\p{No}/u.test(word) || FRACTION.test(asciiDigits(word.normalize('NFKC')));
}
