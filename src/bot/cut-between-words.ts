/**
 * A text cut to its first characters between words, for a guided answer and a
 * one-message REPORT alike: half a number or a handle could be a stranger's.
 */
import type { CountryCode } from 'libphonenumber-js';
import { DEFAULT_COUNTRY, normalizePhone, numberReadable } from '../alerts/numbers-in-text';
import { codePoints, wholeCharactersStart } from '../util/whole-characters';

// A word of a number written in groups ("415", "(415)", "+44", "555-0177").
const NUMBER_GROUPS = /(?:^|\s+)(?:[\d+().-]+\s+)*[\d+().-]+$/u;

/**
 * The first `max` characters of a text, cut between words; `cut`: something was left out, and she must be told.
 * `country`: the line's, in which a number written without its country code is read.
 */
export function cutBetweenWords(text: string, max: number, country: CountryCode = DEFAULT_COUNTRY): { text: string; cut: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, cut: false };
  // Between whole characters: a flag or a family emoji the cut falls in is left out whole, never halved.
  const start = wholeCharactersStart(text, max, codePoints);
  // With the character after the cut, a word the cut falls in goes whole; a single word longer than max is kept cut.
  const kept = `${start}${chars[codePoints(start)]}`.replace(/\s*\S*$/u, '') || start;
  // A number in groups may go on past the cut ("415 555 | 0177", "0049 30 1234 | 5678"): its first groups go too,
  // or they would be kept as no one's number, or as someone else's, and the whole never read. Groups that are a
  // number which the next word does not lengthen are whole ("415 555 0177 | 3 times"): kept. A text of numbers
  // alone is kept as cut rather than emptied.
  // Read as numbers are, one character for one: keycap digits ("4️⃣1️⃣5️⃣", their marks as spaces), a bullet or
  // middle dot between groups as a space ("415 • 555 • 0177"); a hyphen or dot may stand alone before the next group ("415 - 555").
  const readable = numberReadable(text);
  const before = readable.slice(0, kept.length).trimEnd();
  const next = /^\s*(?:[-.]\s+)?([(+]?\d\S*)/u.exec(readable.slice(kept.length))?.[1];
  const groups = NUMBER_GROUPS.exec(before)?.[0] ?? '';
  const whole = normalizePhone(groups.trim(), country) !== null && normalizePhone(`${groups.trim()} ${next}`, country) === null;
  const partial = next !== undefined && groups !== '' && !whole;
  return { text: (partial && kept.slice(0, before.length - groups.length)) || kept, cut: true };
}
