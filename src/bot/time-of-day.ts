/**
 * How a clock time is written after CHECKIN or LATER, in the line's four languages: an hour and the words that
 * make it a time of day ("11 pm", "11 o clock", "11 at night", "9h du soir", "10 horas da noite", "11 esta
 * noche"), or the French "11h30". Read as minutes or hours, such a check-in raised the alarm hours early or
 * late, so the parser refuses it (she is told how to write the minutes). Words come as the parser normalizes
 * them: upper case, without accents.
 */

/** A word without apostrophes, dots or hyphens: "O'CLOCK", "O’CLOCK" and "OCLOCK"; "A.M"; "L'APRES-MIDI". */
function bare(word: string): string {
  return word.replace(/['’‘`´.-]/g, '');
}

/** Halves after a bare hour ("11 y media", "10 and a half"); after hours written as such, the duration's ("2 horas y media"). */
const HALVES: ReadonlySet<string> = new Set('MEDIA MEIA DEMIE DEMI HALF'.split(' '));

/** Words that say a time of day wherever they are among the three after a bare hour ("LATER 11 30pm"). */
const CLOCK_WORDS: ReadonlySet<string> = new Set(
  'AM PM OCLOCK TONIGHT TONITE NOON MIDNIGHT NOCHE MEDIANOCHE MEDIODIA SOIR MIDI MINUIT NOITE'.split(' '),
);

/**
 * Parts of the day that make an hour right before them (past its joining words) a time of day ("5 de la tarde",
 * "11 at night", "1h de la madrugada"); anywhere else "tarde" is "late" ("LUEGO 20 llego tarde").
 */
const PARTS_OF_DAY: ReadonlySet<string> = new Set(
  ('CLOCK NIGHT MORNING EVENING AFTERNOON TARDE MANANA MADRUGADA MATIN APRESMIDI LAPRESMIDI MANHA').split(' '),
);

/** Words between a bare hour and its minutes: "11 y 30", "11 et 30". */
const MINUTES_JOINS: ReadonlySet<string> = new Set('Y AND E ET A DE LA DU DA'.split(' '));
/**
 * Words between an hour and its time of day: "11 de la noche", "9 du soir", "11 o clock", "11 at night", "11 in
 * the morning", "11 ce soir", "11 esta noche", "11 hoje à noite", "3h de l'après-midi".
 */
const TIME_OF_DAY_JOINS: ReadonlySet<string> = new Set([...MINUTES_JOINS, ...'EN O AT IN THE THIS CE LE L APRES ESTA HOY HOJE'.split(' ')]);

/** Past at most three joining words from words[from]. */
function pastJoins(words: readonly string[], from: number, joins: ReadonlySet<string>): number {
  let i = from;
  while (i < from + 3 && joins.has(bare(words[i] ?? ''))) i++;
  return i;
}

/** Whether `word` says a time of day wherever it stands among the three after a bare hour (LATER's rule: "LATER 11 30pm"). */
export function isClockWord(word: string): boolean {
  const w = bare(word);
  return CLOCK_WORDS.has(w) || HALVES.has(w);
}

/**
 * Whether words[from], past its joining words, makes the hour before it a time of day. `bareHour`: the hour was
 * written with no unit, and a half after it ("11 y media") is half past; after "2 horas y" it is the duration's.
 */
export function timeOfDayAt(words: readonly string[], from: number, bareHour: boolean): boolean {
  const w = bare(words[pastJoins(words, from, TIME_OF_DAY_JOINS)] ?? '');
  return CLOCK_WORDS.has(w) || PARTS_OF_DAY.has(w) || (bareHour && HALVES.has(w));
}

/** An hour of the clock, 0-23. */
export const CLOCK_HOUR = /^([01]?\d|2[0-3])$/;

/** Hour units that name a clock hour too ("9h du soir", "10 horas da noite", "22 hs"); "2 hours tonight" is a duration. */
const CLOCK_HOUR_UNITS: ReadonlySet<string> = new Set(['H', 'HS', 'HORA', 'HORAS', 'HEURE', 'HEURES']);
const CLOCK_HOUR_WORD = /^([01]?\d|2[0-3])(H|HS|HORAS?|HEURES?|H[0-5]\d)$/;

/**
 * An hour 0-23 and its unit ("9 h", "10 horas", glued "9h", "1h30"), its minutes maybe after it ("9h 30"), then a
 * time of day: "9h du soir", "10 horas da noite", "9h 30 du soir" ("2h 15 pm pickup" is two hours: the pm is the
 * details' time).
 */
export function unitHourThenTimeOfDay(words: readonly string[]): boolean {
  const first = words[0] ?? '';
  const unit = CLOCK_HOUR.test(first) && CLOCK_HOUR_UNITS.has(words[1] ?? '');
  if (!unit && !CLOCK_HOUR_WORD.test(first)) return false;
  const at = unit ? 2 : 1;
  const minutes = /^[0-5]\d$/.test(words[at] ?? '') && !/^(AM|PM)$/.test(bare(words[at + 1] ?? ''));
  return timeOfDayAt(words, minutes ? at + 1 : at, false);
}

/** Where a bare hour's minutes would be, past their joining words ("11 y 30": the 30). */
export function minutesIndex(words: readonly string[], from: number): number {
  return pastJoins(words, from, MINUTES_JOINS);
}

/**
 * "11h30", "9h15", "23h30", "9h 30", "21 h 30": how French writes a clock time, as the duration's first `used`
 * words. A duration of 4 hours or more with its minutes is no date's length, and read as one the alarm came hours
 * late; "1h30", "3h45", "10h30min", "4 heures 30" stay durations.
 */
export function isFrenchClockTime(words: readonly string[], used: number): boolean {
  const m = /^(\d{1,2})H[0-5]\d$/.exec(words.slice(0, used).join(''));
  return m !== null && Number(m[1]) >= 4;
}
