/**
 * The arguments of the check-in commands (issue 13), for the pure parser:
 * BUDDY's (buddy-parser.ts), CHECKIN minutes [details], LATER minutes;
 * ACCEPT, DECLINE and OK take none.
 */
import type { CountryCode } from '../phone/numbers';
import { asciiDigits } from '../util/ascii-digits';
import { visibleWithJoiners } from '../util/visible-text';
import { buddyCommandOf, buddyName } from './buddy-parser';
import { figureAfterDuration, smallFigureBeside } from './duration-figures';
import { AND_WORDS, HOUR_UNITS, joinedBySign, MINUTE_UNITS } from './duration-units';
import type { Command, ParseErrorCode } from './commands';
import { CLOCK_HOUR, isClockWord, isFrenchClockTime, isZeroPaddedClockTime, minutesIndex, timeOfDayAt, unitHourThenTimeOfDay } from './time-of-day';

/** A token as the parser cuts it: the normalized word and where it starts in the text. */
export interface WordAt {
  word: string;
  start: number;
}

type CheckinKind = 'buddy' | 'accept' | 'decline' | 'checkin' | 'ok' | 'later';

const CHECKIN_KINDS: ReadonlySet<string> = new Set<CheckinKind>(['buddy', 'accept', 'decline', 'checkin', 'ok', 'later']);

/** Whether a command kind is one of these. */
export function isCheckinKind(kind: string): kind is CheckinKind {
  return CHECKIN_KINDS.has(kind);
}

const AMOUNT = /^(\d{1,5}(?:[.,]\d{1,3})?)([A-Z]*)$/;
/** "2H30", "2H30M": hours and minutes in one word. */
const HOURS_MINUTES = /^(\d{1,2})H([0-5]?\d)(?:M|MN|MIN|MINS)?$/;

/** One amount with its unit at rest[i] ("90", "90M", "1.5H", "90 min"), or null. */
function amountAt(rest: WordAt[], i: number): { minutes: number; used: number; hours: boolean; unitWritten: boolean } | null {
  const first = rest[i];
  if (!first) return null;
  const m = AMOUNT.exec(first.word);
  if (!m) return null;
  const amount = Number((m[1] as string).replace(',', '.'));
  let unit = m[2] as string;
  let used = 1;
  const next = rest[i + 1];
  if (unit === '' && next && (MINUTE_UNITS.has(next.word) || HOUR_UNITS.has(next.word))) {
    unit = next.word;
    used = 2;
  }
  if (unit !== '' && !MINUTE_UNITS.has(unit) && !HOUR_UNITS.has(unit)) return null;
  const hours = HOUR_UNITS.has(unit);
  return { minutes: hours ? amount * 60 : amount, used, hours, unitWritten: unit !== '' };
}

// "1 hora y media", "1h e meia", "1 heure et demi(e)", "1 hour and a half", "1 hora y cuarto": the half or quarter
// hour after the hours, after a joining word (AND_WORDS) or "&" or "+" ("1 hour & a half" was 60 minutes).
const PARTS: ReadonlyArray<readonly [readonly string[], number]> = [
  [['MEDIA'], 30],
  [['MEIA'], 30],
  [['DEMIE'], 30],
  [['DEMI'], 30],
  [['A', 'HALF'], 30],
  [['HALF'], 30],
  [['CUARTO'], 15],
  [['UM', 'QUARTO'], 15],
  [['QUART'], 15],
  [['A', 'QUARTER'], 15],
];
/** The quarters written bare after the hours ("1h 30 red car"): read as minutes whatever follows, but for COUNTED and STREET. */
const QUARTERS: ReadonlySet<number> = new Set([15, 30, 45]);
/**
 * After a bare number, a word saying it counts something else ("1h 30 dollars short", "1h 45 yo guy", "2h 15 pm", "2h 30 mil").
 * Not GRAND or CASH: "1h 30 Grand Hyatt", "1h 30 cash" are an hour and a half (read as an amount, the alarm came early).
 */
const COUNTED = new Set(
  ('DOLLAR DOLLARS DOLAR DOLARES DLL DLLS DLS BUCK BUCKS USD CAD EUR EURO EUROS PAVOS BALLES PESO PESOS REAL REAIS MIL ' +
    'ROSES K AM PM YO YR YRS YEAR YEARS ANO ANOS ANS MI MILE MILES KM KMS').split(' '),
);
/**
 * Street words in the four languages: one right after the number, or after the street's name, makes it a street number.
 * DR, PLACE and COURT only after a name ("30 Ocean Dr", "30 Oak Place"): right after the number DR is a doctor ("2h 30
 * Dr. Smith"), and a stop word keeps "his place", "at the court" out; French PLACE right after it before DE ("place de
 * la Bastille").
 */
const STREET = new Set(
  ('ST STREET AVE AV AVENUE RD ROAD BLVD BOULEVARD DRIVE LN LANE WAY PL CT PLAZA HWY HIGHWAY TERRACE PKWY PARKWAY SQUARE SQ ' +
    'CIR CIRCLE CALLE AVENIDA AVDA RUE BD CHEMIN ALLEE IMPASSE QUAI RUA ESTRADA TRAVESSA').split(' '),
);
const AFTER_A_NAME = new Set(['DR', 'PLACE', 'COURT']);
/** A direction before the street's name ("15 W 4th St"); an ordinal after it is a street's name alone ("15 E 4th"). */
const DIRECTION = new Set('N S E W NE NW SE SW NORTH SOUTH EAST WEST'.split(' '));
const ORDINAL = /^\d+(ST|ND|RD|TH)$/;
/** Words no street's name holds: "1h 30 on my way", "at the Main St motel", "with Dr Smith" name no address. */
const NOT_A_NAME = new Set('AT ON IN TO BY THE MY HIS HER WITH FOR FROM NEAR'.split(' '));
/** How many words of the street's name may come before its street word ("15 Martin Luther King Blvd"). */
const NAME_WORDS = 3;

/** Whether the number at rest[i] opens an address ("15 Main St", "30 St Marks Pl", "15 calle 8", "15 W 4th St", "15 Old Mill Rd"). */
function opensAddress(rest: WordAt[], i: number): boolean {
  const k = DIRECTION.has(rest[i + 1]?.word ?? '') ? i + 2 : i + 1;
  if (k === i + 2 && ORDINAL.test(rest[k]?.word ?? '')) return true;
  if (rest[k]?.word === 'PLACE' && /^(DE|DU|DES|D)$|^D['’]/.test(rest[k + 1]?.word ?? '')) return true;
  for (let j = k; j <= k + NAME_WORDS; j++) {
    const word = rest[j]?.word;
    if (word === undefined || NOT_A_NAME.has(word)) return false;
    if (STREET.has(word) || (AFTER_A_NAME.has(word) && j > k)) return true;
  }
  return false;
}

/**
 * The minutes written after the hours at rest[i] ("30m", "30 min"; after whole hours, `whole`, also "y media",
 * "and 30 min", "y 30" and a bare "30"), and the tokens they take.
 */
function minutesAfterHours(rest: WordAt[], i: number, whole: boolean, text?: string): { minutes: number; used: number } | null {
  // "1 hora y 30 minutos": read without the "y", the alarm came half an hour early, her details "y 30 minutos ...".
  const joined = whole && AND_WORDS.has(rest[i]?.word ?? '');
  const j = joined ? i + 1 : i;
  const signed = whole && !joined && text !== undefined && rest[i] !== undefined && joinedBySign(text, rest[i].start);
  const part = joined || signed ? PARTS.find(([words]) => words.every((w, k) => rest[j + k]?.word === w)) : undefined;
  if (part) return { minutes: part[1], used: part[0].length + j - i };
  const after = amountAt(rest, j);
  if (!after || after.hours || !Number.isInteger(after.minutes) || after.minutes >= 60) return null;
  const used = after.used + (joined ? 1 : 0);
  if (after.unitWritten) return { minutes: after.minutes, used };
  if (!whole) return null;
  // A bare number may be the details' ("1h 12 Oak St", "1h and 40 something white guy"): minutes when nothing
  // follows it, or a quarter neither counting something else nor a street number (read as minutes, the alarm
  // would come late); written as digits alone ("$30" is an amount).
  const at = rest[j] as WordAt;
  const next = rest[j + 1];
  // "1h &30", "1h +30": minutes joined by a sign glued to them (read alone, the hour's alarm came 30 minutes early);
  // but "2h +45 12 34 56 78", more digits after, is a country code, and the number hers.
  if (text !== undefined && !/^(?:&\s*|\+(?=\d{1,2}[,.;:]?(?:\s+\D|\s*$)))?\d{1,2}[,.;:]?(\s|$)/.test(text.slice(at.start))) return null;
  if (next && (!QUARTERS.has(after.minutes) || COUNTED.has(next.word) || opensAddress(rest, j))) return null;
  return { minutes: after.minutes, used };
}

/**
 * "90", "90M", "1.5H", "90 min", "1h30", "1h 30m", "1h 30", "1 hora y media": minutes, and how many tokens
 * they took; null when the first token is no duration. `text`, the message the tokens were cut from.
 */
export function minutesOf(rest: WordAt[], text?: string): { minutes: number; used: number } | null {
  const hm = rest[0] ? HOURS_MINUTES.exec(rest[0].word) : null;
  if (hm) return { minutes: Number(hm[1]) * 60 + Number(hm[2]), used: 1 };
  const d = amountAt(rest, 0);
  if (!d) return null;
  // Minutes written after the hours belong to the duration (read alone, the alarm would come half an hour early).
  const after = d.hours ? minutesAfterHours(rest, d.used, d.minutes % 60 === 0, text) : null;
  if (after) return { minutes: d.minutes + after.minutes, used: d.used + after.used };
  return { minutes: d.minutes, used: d.used };
}

/** A bare number, then (Y, AND, E or ET and) two bare digits 00-59: "11 30", "11 y 30". */
function isClockLike(rest: WordAt[]): boolean {
  const i = AND_WORDS.has(rest[1]?.word ?? '') ? 2 : 1;
  // A unit after it says what it counts ("LUEGO 2 horas y media").
  if (!/^\d{1,2}$/.test(rest[0]?.word ?? '') || MINUTE_UNITS.has(rest[1]?.word ?? '') || HOUR_UNITS.has(rest[1]?.word ?? '')) return false;
  // "LATER 11 30", "11 30pm", "11 pm", "11 o'clock", "11 y media": a time of day, not minutes.
  return /^[0-5]\d(AM|PM)?$/.test(rest[i]?.word ?? '') || rest.slice(1, 4).some((w) => isClockWord(w.word));
}

/**
 * A clock time: an hour (0-23: bare, "11"; with its unit, "9h", "10 horas"; or "1h30"), then a phrase saying
 * a time of day ("CHECKIN 11 pm", "11 at night", "9h du soir", "10 horas da noite"), or a bare hour and two-digit
 * minutes ("11 30", "11 y media"). Only the words right after it count (CHECKIN's details follow: "CHECKIN 90 grey
 * van tonight"; "LUEGO 20 llego tarde" is late), and a second number with a unit, a count or a street after it is
 * hers ("CHECKIN 20 15 Main St"). LATER also refuses what isClockLike finds.
 */
function startsWithClockTime(rest: WordAt[]): boolean {
  const words = rest.map((w) => w.word);
  if (unitHourThenTimeOfDay(words)) return true;
  if (!CLOCK_HOUR.test(words[0] ?? '')) return false;
  if (timeOfDayAt(words, 1, Number(words[0]), true)) return true;
  const i = minutesIndex(words, 1);
  const word = words[i] ?? '';
  if (!/^[0-5]\d(AM|PM)?$/.test(word)) return false;
  const next = words[i + 1] ?? '';
  const counts = MINUTE_UNITS.has(next) || HOUR_UNITS.has(next) || (COUNTED.has(next) && next !== 'AM' && next !== 'PM');
  return !counts && !opensAddress(rest, i);
}

/**
 * "10.30", "1.30h", "2,30 horas": an hour and its minutes, or a decimal (10.3 minutes, 1.3 hours)? Read as the
 * decimal, the alarm came early. Minutes said so ("10.30 min"), or no hour before the dot ("0.05", a test
 * line's), make it a decimal of minutes.
 */
function hourDotMinutes(rest: WordAt[]): boolean {
  const m = /^(\d{1,2})[.,][0-5]\d([A-Z]*)$/.exec(rest[0]?.word ?? '');
  if (!m) return false;
  const unit = m[2] !== '' ? (m[2] as string) : (rest[1]?.word ?? '');
  if (HOUR_UNITS.has(unit)) return true;
  return !MINUTE_UNITS.has(unit) && m[1] !== '0' && m[1] !== '00' && Number(m[1]) <= 23;
}

/** A clock time written as the duration's first `used` words: "SECURITE 11h30", "CHECKIN 0500". */
const writtenClockTime = (rest: WordAt[], used: number) => isFrenchClockTime(rest.map((w) => w.word), used) || isZeroPaddedClockTime(rest.map((w) => w.word), used);

/** A small figure glued to the duration's digits, or a fraction or small figure as the word after it. */
const misreadFigures = (text: string, rest: WordAt[], used: number) => smallFigureBeside(text, rest, used) || figureAfterDuration(text, rest, used);

/** The check-in words that mean "safe" (SEGURA: Spanish and Portuguese): alone, they say she is. */
const SAFE_WORDS: ReadonlySet<string> = new Set(['SAFE', 'SEGURA', 'SEGURO']);

/** The command these keywords (`word`, normalized) and their arguments make, or why they make none. */
export function checkinCommandOf(kind: CheckinKind, word: string, text: string, tokens: WordAt[], country: CountryCode): Command | ParseErrorCode {
  // Minutes typed in her keyboard's digits ("CHECKIN ٣٠", "LATER ३०") are minutes.
  const rest = tokens.map((t) => ({ ...t, word: asciiDigits(t.word) }));
  switch (kind) {
    case 'buddy':
      return buddyCommandOf(text, rest, country);
    case 'accept': {
      // "ACCEPT Rose": which invitation, when more than one waits (buddy-answers).
      const first = rest[0];
      // A name of emoji alone ("ACCEPT 🌹") makes no word: what follows the keyword is the name then.
      const after = first ? text.slice(first.start) : (/^\s*\S+\s(.*)$/su.exec(text)?.[1] ?? '');
      // Cleaned and bounded as BUDDY's name is: it is compared with that one.
      const name = buddyName(after);
      return name ? { kind, name } : { kind };
    }
    case 'decline':
    case 'ok':
      return { kind };
    case 'checkin': {
      // "Safe" alone says she is (see the command): read as OK, so it is heard wherever OK is. Only the
      // words that mean safe: CHECKIN alone ending a check-in nobody meant to end would be the worse mistake.
      if (rest.length === 0 && SAFE_WORDS.has(word)) return { kind: 'ok', startWord: true };
      const d = minutesOf(rest, text);
      // Not "Safe now" as OK: "SAFE for 2 hours", meant to start or extend one, would end hers. "CHECKIN 11 pm",
      // "CHECKIN 1.30h": refused as LATER's are (she is told how), not read as 11 minutes or 1.3 hours.
      if (!d || startsWithClockTime(rest) || hourDotMinutes(rest) || writtenClockTime(rest, d.used) || misreadFigures(text, rest, d.used)) return 'missing_minutes';
      const next = rest[d.used];
      // Shown to her buddies or the moderators: nothing invisible (a direction override reorders what they read), but joiners.
      return { kind, minutes: d.minutes, details: next ? visibleWithJoiners(text.slice(next.start)).trim() : '' };
    }
    case 'later': {
      const d = minutesOf(rest, text);
      // "LATER 11 30", "LUEGO 11 y 30": an hour and a half, or until 11:30? "LATER 10.30": 10.3 minutes, or 10:30?
      // Refused (she is told), not read as 10-12 minutes (LATER takes no details: the second number is no street's).
      if (!d || isClockLike(rest) || startsWithClockTime(rest) || hourDotMinutes(rest) || writtenClockTime(rest, d.used) || misreadFigures(text, rest, d.used)) return 'missing_minutes';
      return rest.length > d.used ? { kind, minutes: d.minutes, withText: true } : { kind, minutes: d.minutes };
    }
  }
}

const CHECKIN_OWNERS: ReadonlySet<string> = new Set('MY THE THIS MI EL ESTE MON MA LE CE MEU O ESSE'.split(' '));

/**
 * "my check-in", "checkin", "el check in": the words after a stop word that name her check-in, whatever follows
 * ("Cancel my check-in, all good"): naming it, she asks about it, never to lose every alert.
 */
export function namesCheckin(rest: string[]): boolean {
  return checkinNameLength(rest) > 0;
}

/** How many of the words after a stop word name her check-in ("my check in": 3), or 0. */
export function checkinNameLength(rest: string[]): number {
  const i = CHECKIN_OWNERS.has(rest[0] ?? '') ? 1 : 0;
  if (rest[i] === 'CHECK' && rest[i + 1] === 'IN') return i + 2;
  return rest[i] === 'CHECKIN' || rest[i] === 'CHECK-IN' ? i + 1 : 0;
}
