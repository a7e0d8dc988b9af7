/**
 * Phone numbers as a report or a CHECK writes them: read in the line's
 * country, letters typed for digits, "00" for "+", and a count after a
 * number ("415 555 0144 5 times") kept apart from it. Pure; identifiers.ts
 * gathers them with the other kinds.
 */
import type { CountryCode } from 'libphonenumber-js';
import { findPhoneNumbersInText, getCountryCallingCode, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import { asciiDigits, asciiDigitsAt, charEnd } from '../util/ascii-digits';

/** The country national-format numbers are read in when the line names none. */
export const DEFAULT_COUNTRY: CountryCode = 'US';

/**
 * The runs of digits a number is written as where no punctuation splits it:
 * national (4155550105), with the country code (14155550105), with a trunk
 * 0 (01234567 in Vienna) or the international 00. A run that only
 * contains one of them is someone else's number: where numbers vary in
 * length (Austria, Germany) a client's may hold hers.
 */
export function digitForms(e164: string): Set<string> {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed?.nationalNumber ?? e164.slice(1);
  const cc = parsed?.countryCallingCode ?? '';
  return new Set([national, `${cc}${national}`, `0${national}`, `00${cc}${national}`]);
}

/** Her last seven digits (exchange and line) when her number is North American, as locals write it; else null. */
export function localDigits(e164: string): string | null {
  return /^\+1\d{10}$/.test(e164) ? e164.slice(-7) : null;
}

// An emoji keycap digit ("4️⃣": the digit, an optional emoji selector, the keycap mark), as phones offer them.
const KEYCAP = /(\d)(\uFE0F?\u20E3)/gu;
// A bullet or middle dot between digit groups ("415•555•0177", "415 · 555 · 0177"): a separator, read as a space (as a
// hyphen it would join a number before it: "room 12·415-555-0177"). Up to three spaces either side: a keycap digit's
// marks read as two, and a space may follow them ("4️⃣1️⃣5️⃣ • 5️⃣…").
const DOTS = '\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65';
const DOT_BETWEEN_DIGITS = new RegExp(`(?<=\\d\\s{0,3})[${DOTS}](?=\\s{0,3}\\d)`, 'gu');
// A word that may be a number with letters typed for digits: digits, those letters, number punctuation and the dots.
const NUMBER_WORD = new RegExp(`^[\\d+().\\-OoIl|,;:!?${DOTS}]+$`, 'u');

/**
 * A text as phone numbers are read in it, one character for one so that
 * positions stay: emoji keycap digits read as digits ("4️⃣1️⃣5️⃣…", the marks
 * as spaces; "🔟", in no phone number, as two spaces: a keypad row "1️⃣…9️⃣🔟" is no number) and a bullet or middle dot between digits as a
 * space, as ads and phones write numbers to dodge filters; letters typed for digits inside a number ("415-555-O123",
 * "4I5"), as ads write them to dodge filters, read as digits (O for 0; I, l
 * and | for 1), only in words of digits, those letters and number
 * punctuation with at least as many digits as letters; and a comma or
 * semicolon read as a slash, since libphonenumber takes one followed by
 * digits as an extension ("415 555 0177, 628 555 0188" was one number); and
 * a number that starts with 00, the international prefix of most of the
 * world but not of DEFAULT_COUNTRY=US, read as starting with + (also when a
 * space follows it, as it usually does: "00 44 …").
 */
export function numberReadable(text: string): string {
  return readable(text, true);
}

/**
 * numberReadable's reading, or (`marks` false) the text as numbers were read before keycaps and dots were: a
 * keycap, the keycap ten or a dot as written parts a number from one before it ("room 12 • 415 555 0177").
 */
function readable(text: string, marks: boolean): string {
  const keycaps = marks ? text.replace(KEYCAP, (_keycap, digit: string, m: string) => digit + ' '.repeat(m.length)).replace(/\u{1F51F}/gu, '  ') : text;
  const words = keycaps.replace(/\S+/g, (word) => {
    if (!NUMBER_WORD.test(word)) return word;
    const digits = word.replace(/\D/g, '').length;
    return digits >= word.replace(/[^OoIl|]/g, '').length ? word.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1') : word;
  });
  return (marks ? words.replace(DOT_BETWEEN_DIGITS, ' ') : words)
    // Only where a number starts: not in a word or a time ("10h00", "10:00"), and not after digits
    // and their separators ("415 555 0012" keeps its end); after a label it does ("tel:0044 …"). In keycaps
    // ("0️⃣0️⃣1️⃣ 4️⃣…") their marks read as spaces after each 0.
    .replace(/(?<![\d+][\s().\-/]*)(?<![\p{L}\p{N}])(?<!\d:)0\s{0,2}0\s{0,3}(?=[1-9])/gu, (prefix: string) => `${' '.repeat(prefix.length - 1)}+`)
    .replace(/[,;]/g, '/');
}

/** A phone number in E.164, any country; national formats are read in `country`. */
export function normalizePhone(text: string, country: CountryCode = DEFAULT_COUNTRY): string | null {
  if (text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(numberReadable(asciiDigits(text.normalize('NFKC'))), country);
  return parsed && parsed.isValid() ? parsed.number : null;
}

// A short run of digits after a number's last digit, then a word: a count ("5 times", "2 veces", "10pm").
const COUNT_AFTER = /\d(\s+)\d{1,3}(?=\s*\p{L})/gu;

type Found = ReturnType<typeof findPhoneNumbersInText>;

/**
 * The phone numbers of a text, each once: those of its first reading (readings) and, where it reads none, those of
 * the others. Positions are the text's, one for one in every reading.
 */
export function phoneNumbersIn(text: string, country: CountryCode): Found {
  const overlaps = (a: Found[number], b: Found[number]) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const taken: Found = [];
  for (const found of readings(text, country)) for (const n of found) if (!taken.some((t) => overlaps(t, n))) taken.push(n);
  return taken.sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * The North American numbers a report names without their +1 on a line of another country ("texted from 212 555
 * 1234" in London), where the line's country reads no number in those digits (`taken`, phoneNumbersIn's): shown in
 * the alert, they must be found by `CHECK +1 212 555 1234`. A CHECK does not read them so: "no alerts name that"
 * about an Italian 312 345 6789 read as Chicago's would reassure her wrongly.
 */
export function northAmericanNumbersIn(text: string, country: CountryCode, taken: Found): Found {
  if (getCountryCallingCode(country) === '1') return [];
  const overlaps = (n: Found[number]) => taken.some((t) => n.startsAt < t.endsAt && t.startsAt < n.endsAt);
  return phoneNumbersIn(text, 'US').filter((n) => n.number.countryCallingCode === '1' && !overlaps(n));
}

/** Every phone number any reading of phoneNumbersIn finds, overlapping ones too, by where each starts: what masking covers. */
export function phoneNumbersEitherWay(text: string, country: CountryCode): Found {
  return readings(text, country).flat().sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * The numbers of each way a text is read, its digits of every script read as ASCII (libphonenumber reads only
 * Arabic-Indic and fullwidth ones: "४१५…" was no number, her own left unmasked), at the text's positions.
 */
function readings(text: string, country: CountryCode): Found[] {
  const digits = asciiDigitsAt(text);
  const inText = (found: Found) => found.map((n) => ({ ...n, startsAt: digits.at[n.startsAt] as number, endsAt: charEnd(text, digits.at[n.endsAt - 1] as number) }));
  return asciiReadings(digits.text, country).map(inText);
}

/**
 * The numbers of each way a text of ASCII digits is read: numberReadable's, without keycap marks (libphonenumber takes no more than
 * four characters between digits: "4️⃣1️⃣5️⃣ • 5️⃣5️⃣5️⃣" has six); as numbers were read before keycaps and dots were
 * (a dot read as a space joined "room 12 • 415 555 0177" into no number), unless that is the same text; and where
 * keycap digits and a dot between digits meet, without the marks but with the dot as written ("room 1️⃣2️⃣ •
 * 4️⃣1️⃣5️⃣ 5️⃣5️⃣5️⃣ 0️⃣1️⃣7️⃣7️⃣": as written, each keycap digit stands alone).
 */
function asciiReadings(text: string, country: CountryCode): Found[] {
  const { compact, at } = withoutKeycapMarks(text);
  const inText = (found: Found) => found.map((n) => ({ ...n, startsAt: at[n.startsAt] as number, endsAt: (at[n.endsAt - 1] as number) + 1 }));
  const read = readable(compact, true);
  const found = [inText(numbersIn(read, compact, country))];
  const asWritten = readable(text, false);
  if (compact !== text || asWritten !== read) found.push(numbersIn(asWritten, text, country));
  if (compact !== text && compact.search(DOT_BETWEEN_DIGITS) >= 0) found.push(inText(numbersIn(readable(compact, false), compact, country)));
  return found;
}

/** The text without its keycap digits' marks ("4️⃣" reads 4), and where each of its characters is in the text. */
export function withoutKeycapMarks(text: string): { compact: string; at: number[] } {
  const marks = new Set<number>();
  for (const m of text.matchAll(KEYCAP)) for (let i = 1; i < m[0].length; i++) marks.add((m.index ?? 0) + i);
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) if (!marks.has(i)) at.push(i);
  return { compact: at.map((i) => text[i]).join(''), at };
}

/**
 * The keycap ten with a digit or keycap digit next to it ("0🔟5"): a person reads it as 10 in the number, though
 * libphonenumber reads no number through it. withoutSymbols shows it as a space there, and maskNumber masks
 * the reporter's number read with it as 10.
 */
export const KEYCAP_TEN_BY_DIGIT = /(?<=\d(?:\uFE0F?\u20E3)?)\u{1F51F}|\u{1F51F}(?=\d)/gu;

// A run of digit groups as libphonenumber may read one number: any digits, at most four of its punctuation between
// two groups (dashes, slashes, dots, its spaces, brackets, tildes). A colon, a "$" or an emoji parts two runs, as it
// parts two numbers: "10:30" is two runs, each too short to be one.
const DIGIT_RUN = /\p{Nd}+(?:[-\u2010-\u2015\u2212\u30FC\uFF0D/\uFF0F.\uFF0E \u00A0\u00AD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D[\]~\u2053\u223C\uFF5E]{0,4}\p{Nd}+)*/gu;
// A date with slashes ("5/12/2024", "31/10/96"): libphonenumber reads no number in a run that holds one (its own pattern).
const SLASH_DATE = /(?:(?:[0-3]?\d\/[01]?\d)|(?:[01]?\d\/[0-3]?\d))\/(?:[12]\d)?\d{2}/;
// A time ("10:30", "9:05pm", "10h30", "21:00:15") or a short date ("5/12", "05/12/2024", "10/12/24") standing apart
// from other digits: libphonenumber joins its digits to a number beside it ("at 10:30 415 555 0177" read no number,
// "on 4/15 555 0177" read 415 555 0177). Not groups of three ("415/555/0177"), nor one cut out of a chain of short
// groups ("06/12/34/56/78", a French number); after a longer group it is ("0177,10/12/24": the comma read as a slash).
const TIME = /(?<![\d:])(?:[01]?\d|2[0-3])[:hH][0-5]\d(?::[0-5]\d)?(?!\d)/g;
const DATE = /(?<!\d)(?<!(?:^|\D)\d{1,2}\/)(?:[0-3]?\d\/[01]?\d|[01]?\d\/[0-3]?\d)(?:\/(?:[12]\d{3}|\d{2}))?(?!\d)(?!\/\d)/g;
// A date as written right before a comma or semicolon ("5/12,628-555-0177"): read as a slash, the comma runs it into
// the number after it, where DATE sees no date and SLASH_DATE blanks the whole run.
const DATE_BEFORE_COMMA = new RegExp(`${DATE.source}(?=[,;])`, 'g');
// How many groups of digits, in runs that may be a number, libphonenumber reads in a text: about 0.1 ms each (it
// tries a run, then its parts), up to three times a reading, two readings twice a REPORT. Ten numbers in three groups.
const MAX_DIGIT_GROUPS = 30;
// The fewest digits of a number written with its country code: 2 for it, 4 for the shortest numbers ("+43 1234").
const FEWEST_INTERNATIONAL = 6;
// The most characters between a number and its extension's digits (" extension ").
const EXTENSION_BEFORE = 12;
const fewest = new Map<CountryCode, number>();

/** The fewest digits a number read in `country` is written with: its shortest national numbers, or FEWEST_INTERNATIONAL. */
function fewestDigits(country: CountryCode): number {
  let n = fewest.get(country);
  if (n === undefined) {
    n = 1;
    while (n < FEWEST_INTERNATIONAL && validatePhoneNumberLength('2'.repeat(n), country) === 'TOO_SHORT') n++;
    fewest.set(country, n);
  }
  return n;
}

/**
 * What of a text libphonenumber reads, one character for one: its times and short dates (TIME, DATE) blanked, so
 * that a number beside one is read alone and they count for nothing; runs of digits too short to be a number blanked
 * ("415 5 a" x 200 held the event loop 0.2 s) but right after one, and those holding a date, in which it reads none
 * (a report's dates and times had used up the bound before the number after them); and the text cut before the run in
 * which its MAX_DIGIT_GROUPS-th group of digits falls (the run whole: half of it could read as a number no one wrote).
 * `written`: the text before its commas were read as slashes, one character for one.
 */
function readPart(whole: string, written: string, country: CountryCode): string {
  const least = fewestDigits(country);
  let text = whole.replace(TIME, (t) => ' '.repeat(t.length)).replace(DATE, (d) => ' '.repeat(d.length));
  for (const d of written.matchAll(DATE_BEFORE_COMMA)) text = text.slice(0, d.index) + ' '.repeat(d[0].length) + text.slice((d.index ?? 0) + d[0].length);
  let out = '';
  let at = 0;
  let groups = 0;
  // Where the last run long enough to be a number ends: a short run right after it may be its extension ("ext 12").
  let longEnd = -Infinity;
  for (const run of text.matchAll(DIGIT_RUN)) {
    const start = run.index ?? 0;
    const date = SLASH_DATE.test(run[0]);
    const long = !date && run[0].replace(/\P{Nd}/gu, '').length >= least;
    const kept = long || (!date && start - longEnd <= EXTENSION_BEFORE);
    if (kept) groups += run[0].split(/\P{Nd}+/u).length;
    if (groups > MAX_DIGIT_GROUPS) return out + text.slice(at, start);
    out += text.slice(at, start) + (kept ? run[0] : run[0].replace(/\p{Nd}/gu, (d) => ' '.repeat(d.length)));
    at = start + run[0].length;
    longEnd = long ? at : -Infinity;
  }
  return out + text.slice(at);
}

/**
 * The phone numbers of a text as read, in the part of it libphonenumber reads (readPart). A count
 * after a number ("called from 415 555 0144 5 times") is read apart when
 * the number is whole without it and no number with it: libphonenumber took
 * it for one more digit, and the text named no number at all. Three readings
 * of the text whatever its counts: one for each would take seconds for a text
 * of hundreds ("415 5 a 415 5 a …").
 */
function numbersIn(whole: string, written: string, country: CountryCode): Found {
  const text = readPart(whole, written, country);
  const found = findPhoneNumbersInText(text, country);
  // A number the count makes whole ("+49 30 1234567 89") stays one.
  const gaps = [...text.matchAll(COUNT_AFTER)]
    .map((m) => ({ at: (m.index ?? 0) + 1, length: (m[1] as string).length }))
    .filter((g) => !found.some((n) => n.startsAt < g.at && n.endsAt > g.at));
  if (!gaps.length) return found;
  // A line break between each number and its count, the same length: positions stay those of the text.
  const apart = (list: typeof gaps) => {
    const chars = text.split('');
    for (const g of list) chars.fill('\n', g.at, g.at + g.length);
    return chars.join('');
  };
  const apartAll = findPhoneNumbersInText(apart(gaps), country);
  const ends = new Set(apartAll.map((n) => n.endsAt));
  const kept = gaps.filter((g) => ends.has(g.at));
  // Every gap a count: the text with them apart was just read.
  if (kept.length === gaps.length) return apartAll;
  return kept.length ? findPhoneNumbersInText(apart(kept), country) : found;
}
