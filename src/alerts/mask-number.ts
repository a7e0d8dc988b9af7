/**
 * The reporter's own number masked out of what she wrote, every way it is
 * written ("[-]"): it must reach no moderator, member or index. Pure.
 */
import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { symbolsDropped } from './alert-text';
import { asciiDigits, asciiDigitsAt, charEnd } from '../util/ascii-digits';
import { digitForms, localDigits, KEYCAP_TEN_BY_DIGIT, numberReadable, phoneNumbersEitherWay, withoutKeycapMarks } from './numbers-in-text';

// The part of a 00 prefix before where numberReadable reads its "+": a 0, or both, in keycaps too, and a space;
// nothing glued before it ("room 10 (415) …" keeps its 0).
const PREFIX_BEFORE = /(?<![\p{L}\p{N}\uFE0F\u20E3])0[\uFE0F\u20E3]{0,2}\s?(?:0[\uFE0F\u20E3]{0,2}\s?)?$/u;
// Digits with up to eight characters other than letters and digits between two ("415 -- 555", "415 😡😡 555"): where
// her number may sit in groups after other digits; masking more of hers is cheap, leaving it is not. Compiled once:
// with the separator class spelt out between each of her digits, V8 took ~0.5 s a pattern on any text with an emoji.
const DIGIT_RUN = /(?<!\d)\d(?:[^\p{L}\p{N}]{0,8}\d)*(?!\d)/gu;
// Digits and the letters typed for them, glued together.
const LETTER_DIGITS = /[\dOoIl|]+/g;
// What joins a country prefix to an area code, and them to the rest of the number: up to three spaces, dashes, dots,
// slashes or parentheses ("+1 212 555 0105", "1-212-555-0105").
const PHONE_SEPARATOR = /^[ \-./()]{1,3}$/;
// One character, no space, between an area code and her groups, as between her own two: "212-555-0105", "212•555•0105".
const ONE_SEPARATOR = /^[^\s\p{L}\p{N}]$/u;
// A currency just before a number, as a sign or in letters ("$500", "USD 500"): an amount.
const CURRENCY_BEFORE = /(\p{Sc}|\b(USD|CAD|MXN|EUR|GBP|US|DLLS?|DOLLARS?|PESOS?|BUCKS)\b)\s*$/iu;
// A keycap digit's marks, left out of what is between two groups.
const KEYCAP_MARKS = /\uFE0F?\u20E3/gu;
// A keycap digit's marks after a masked last digit go with it.
const MARKS_AFTER = /^\uFE0F?\u20E3/u;

type Span = [start: number, end: number];
type Group = { digits: string; start: number };

// More than the longest way her number can be written and masked (17 digits as keycaps, 8 characters between each).
export const MASK_MARGIN = 200;

/**
 * Her number masked out of the start of a text that will be cut to `keep` characters, and how much of it may be
 * kept: masking all of 4,000 hostile characters took 0.3 s. Her number may run on past that start, left
 * unmasked there: its last MASK_MARGIN characters are never kept (twice the margin is taken).
 */
export function maskKeptStart(text: string, e164: string | null, country: CountryCode, keep: number): { text: string; keep: number } {
  const chars = Array.from(text);
  const masked = maskNumber(chars.slice(0, keep + 2 * MASK_MARGIN).join(''), e164, country);
  if (chars.length <= keep + 2 * MASK_MARGIN) return { text: masked, keep };
  return { text: masked, keep: Math.min(keep, Array.from(masked).length - MASK_MARGIN) };
}

/** Replaces every way `e164` is written in a text by "[-]": the reporter's own number never goes out. */
export function maskNumber(text: string, e164: string | null, country: CountryCode): string {
  if (!e164) return text;
  const spans: Span[] = [];
  // Read as identifiersIn reads numbers (letters for digits, commas, a count after one), or the number would be
  // masked less than it is found; in either reading, and where the two overlap, both spans go.
  for (const m of phoneNumbersEitherWay(text, country)) {
    if (m.number.number !== e164) continue;
    // A number after a 00 prefix starts at the "+" read in the prefix's place, a 0 or a space: the prefix goes with it ("0️⃣0️⃣1️⃣…").
    spans.push([prefixStart(text, m.startsAt), withMarks(text, m.endsAt)]);
  }
  spans.push(...inDigitRuns(text, e164));
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start >= at) out += `${text.slice(at, start)}[-]`;
    at = Math.max(at, end);
  }
  return out + text.slice(at);
}

/**
 * Where a number read at `startsAt` starts with its 00 prefix, when it was read in the prefix's place (a 0, a space or
 * a keycap's mark there). Zeros of any script are zeros ("००१ ४१५…" left one "०" before the mask): the text is read
 * through the digit fold, and the prefix's start taken back to the text's position.
 */
function prefixStart(text: string, startsAt: number): number {
  if (!/[0\s\uFE0F\u20E3]/u.test(asciiDigits(String.fromCodePoint(text.codePointAt(startsAt) ?? 0x20)))) return startsAt;
  const before = asciiDigitsAt(text.slice(0, startsAt));
  const prefix = PREFIX_BEFORE.exec(before.text)?.[0].length ?? 0;
  return prefix === 0 ? startsAt : (before.at[before.text.length - prefix] as number);
}

/**
 * Her number among other digits, where libphonenumber reads one longer number or none ("room 20 415 555 0105",
 * glued to letters "@sara4155550105"): whole groups of a run of digits that are one of her digit forms, unless a
 * digit is glued to an end (a longer number holding hers stays). Read as numbers are (keycap digits without
 * their marks, letters for digits, digits of any script, "0🔟5" as 0105), and as an alert that drops its emoji
 * shows the text (withoutSymbols: "0🔟5" as "0 5", "O105😡" as "O105"), at the text's positions.
 */
function inDigitRuns(text: string, e164: string): Span[] {
  const forms = [...digitForms(e164)].sort((a, b) => b.length - a.length);
  const local = localDigits(e164);
  const digits = asciiDigitsAt(text);
  const marksOut = withoutKeycapMarks(digits.text);
  // 🔟 is two UTF-16 units, as "10": positions stay.
  const asRead = { compact: marksOut.compact.replace(KEYCAP_TEN_BY_DIGIT, '10'), at: marksOut.at.map((i) => digits.at[i] as number) };
  return [...spansIn(text, asRead, forms, local), ...spansIn(text, asShown(text), forms, local)];
}

/** The text as withoutSymbols shows it, its spaces collapsed, and where each of its characters is in the text. */
function asShown(text: string): { compact: string; at: number[] } {
  const { shown, at } = symbolsDropped(text);
  let compact = '';
  const places: number[] = [];
  for (let k = 0; k < shown.length; k++) {
    const ch = shown[k] as string;
    if (/\s/.test(ch) && /\s$/.test(compact)) continue;
    compact += ch;
    places.push(at[k] as number);
  }
  return { compact, at: places };
}

/** Her digit forms in a reading of the text (`at`: where each of its characters is in the text), as spans of the text. */
function spansIn(text: string, shown: { compact: string; at: number[] }, forms: string[], local: string | null): Span[] {
  // Its digits of any script as ASCII (a digit of two units one character), at the text's positions.
  const digits = asciiDigitsAt(shown.compact);
  const reading = { compact: digits.text, at: digits.at.map((i) => shown.at[i] as number) };
  const readable = numberReadable(reading.compact);
  // Read both with and without lettersAsDigits: read so, "Hello4155550105" would be one longer run, not hers.
  const spans: Span[] = [];
  for (const read of new Set([readable, lettersAsDigits(readable)])) spans.push(...spansInReading(text, { ...reading, read }, forms, local));
  return spans;
}

/**
 * O and o read as 0, I, l and | as 1, in every run of those letters and digits that holds a digit, whatever is
 * glued around it ("tel:4l5", "\"O1O5\"", "415/555/O1O5"): numberReadable reads them only in a word that looks like a
 * number. One character for one: positions stay.
 */
function lettersAsDigits(text: string): string {
  return text.replace(LETTER_DIGITS, (run) => (/\d/.test(run) ? run.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1') : run));
}

/**
 * Her digit forms (and her local seven digits, `local`) in one reading `read` of the text (`compact`, the same
 * before numberReadable: its commas as written), as spans of the text.
 */
function spansInReading(text: string, reading: { compact: string; read: string; at: number[] }, forms: string[], local: string | null): Span[] {
  const { read, at } = reading;
  const spans: Span[] = [];
  const span = (first: Group, last: Group): Span => [at[first.start] as number, withMarks(text, charEnd(text, at[last.start + last.digits.length - 1] as number))];
  for (const run of read.matchAll(DIGIT_RUN)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({ digits: g[0], start: (run.index ?? 0) + (g.index ?? 0) }));
    for (let i = 0; local && i < groups.length; i++) {
      const j = endOfForm(groups, i, [local]);
      if (j >= 0 && !afterAreaCode(text, at, groups, i, local)) spans.push(span(groups[i] as Group, groups[j] as Group));
    }
    for (let i = 0; i < groups.length; i++) {
      const j = endOfForm(groups, i, forms);
      if (j < 0) continue;
      spans.push(span(groups[i] as Group, groups[j] as Group));
      i = j;
    }
  }
  return spans;
}

/**
 * Whether her local seven digits, from group `i`, are another area's number written unmistakably whole, with an
 * area code that makes a valid number with them: in parentheses ("(212) 555-0105"), after a country prefix
 * ("+1 212 555 0105", "1-212-555-0105", "+1212 555 0105"), or joined to them by the one separator, no space, that
 * joins her own two groups ("212-555-0105", "212•555•0105"), not after a currency sign. Three digits before them
 * with spaces ("250 555 0105", "$500 555-0105", "room 630 - 555 0105") may be a price or a room: they stay hers,
 * masked, as a client's number written so is too; the alert goes to her area, where they are her number.
 */
function afterAreaCode(text: string, at: number[], groups: Group[], i: number, local: string): boolean {
  const area = groups[i - 1];
  const mine = groups[i] as Group;
  if (!area || !/^1?\d{3}$/.test(area.digits)) return false;
  if (parsePhoneNumberFromString(`+1${area.digits.slice(-3)}${local}`)?.isValid() !== true) return false;
  // In the text as written (a bullet or dash shown otherwise is as she wrote it), without keycap marks.
  const between = (a: Group, b: Group) => text.slice(charEnd(text, at[a.start + a.digits.length - 1] as number), at[b.start]).replace(KEYCAP_MARKS, '');
  const before = (g: Group) => text.slice(0, at[g.start]);
  const joined = between(area, mine);
  if (area.digits.length === 4) return before(area).endsWith('+') && PHONE_SEPARATOR.test(joined);
  const prefix = groups[i - 2];
  const prefixJoined = prefix ? between(prefix, area) : '';
  if (prefix?.digits === '1' && PHONE_SEPARATOR.test(prefixJoined)) {
    if (CURRENCY_BEFORE.test(before(prefix))) return false;
    // "+1 212 555 0105"; without the plus only joined by the one separator of the rest ("1-212-555-0105"): "1 500" is a price.
    if (before(prefix).endsWith('+')) return PHONE_SEPARATOR.test(joined);
    return ONE_SEPARATOR.test(joined) && prefixJoined === joined && between(mine, groups[i + 1] ?? mine) === joined;
  }
  if (before(area).endsWith('(')) return /^\)[ -]?$/.test(joined);
  // Digits just before the three ("1,500-555-0105", "1.500 555-0105"): an amount's, not an area code.
  if (prefix && /^[^\p{L}]{1,3}$/u.test(prefixJoined)) return false;
  if (CURRENCY_BEFORE.test(before(area))) return false;
  const next = groups[i + 1];
  return !!next && mine.digits.length === 3 && mine.digits + next.digits === local && ONE_SEPARATOR.test(joined) && between(mine, next) === joined;
}

/** The last of the groups from `i` whose digits together are one of the forms, or -1. */
function endOfForm(groups: Array<{ digits: string }>, i: number, forms: string[]): number {
  for (const form of forms) {
    let digits = '';
    for (let j = i; j < groups.length && digits.length < form.length; j++) {
      digits += (groups[j] as { digits: string }).digits;
      if (digits === form) return j;
    }
  }
  return -1;
}

/** Where a mask ending at `end` ends, the keycap marks after its last digit with it. */
function withMarks(text: string, end: number): number {
  return end + (MARKS_AFTER.exec(text.slice(end))?.[0].length ?? 0);
}
