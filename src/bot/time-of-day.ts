/**
 * How a clock time is written after CHECKIN or LATER, in the line's four languages: an hour and the words that
 * make it a time of day ("11 pm", "11 o clock", "11 at night", "9h du soir", "10 horas da noite", "11 esta
 * noche"), or the French "11h30". Read as minutes or hours, such a check-in raised the alarm hours early or
 * late, so the parser refuses it (she is told how to write the minutes). Words come as the parser normalizes
 * them: upper case, without accents.
 */

/** A word without apostrophes, dots or hyphens: "O'CLOCK", "O’CLOCK" and "OCLOCK"; "A.M". */
function bare(word: string): string {
  return word.replace(/['’‘`´.-]/g, '');
}

/** Halves after a bare hour ("11 y media", "10 and a half"); after hours written as such, the duration's ("2 horas y media"). */
const HALVES: ReadonlySet<string> = new Set('MEDIA MEIA DEMIE DEMI HALF'.split(' '));

/** LATER's words that say a time of day wherever they are among the three after a bare hour ("LATER 11 30pm"). */
const CLOCK_WORDS: ReadonlySet<string> = new Set(
  'AM PM OCLOCK TONIGHT TONITE NOON MIDNIGHT NOCHE MEDIANOCHE MEDIODIA SOIR MIDI MINUIT NOITE'.split(' '),
);

/** Words between a bare hour and its minutes: "11 y 30", "11 et 30". */
const MINUTES_JOINS: ReadonlySet<string> = new Set('Y AND E ET A DE LA DU DA'.split(' '));

/** The phrases, written as `spaced` writes them, and the hours (0-23) each makes a time of day. */
const phrases = (list: string, hours: (hour: number, bareHour: boolean) => boolean) =>
  list.split('|').map((p) => ({ words: p.trim(), hours }));
const anyHour = () => true;
/** 12-hour clocks: "20 in the morning he said" is twenty minutes. */
const morning = (h: number) => h >= 1 && h <= 12;
/**
 * Night hours, for phrases also said of a length or a noun after hours: "11h at night", while "2h at night market"
 * is two hours (a night market) and "2h tonight", "2 horas esta noche" two hours tonight. After a bare hour, any.
 */
const night = (h: number, bareHour: boolean) => bareHour || (h >= 6 && h <= 12) || h >= 18;
const noon = (h: number) => h === 12;
const midnight = (h: number) => h === 12 || h === 0;

/**
 * What puts an hour at a time of day, in each language: whole phrases, never a joining word alone, so "2h the
 * morning guy" and "20 at the clock tower" stay a duration and her details. "Tarde" alone is "late" ("LUEGO 20
 * llego tarde"), "mañana" alone "tomorrow".
 */
const TIME_OF_DAY = [
  ...phrases('AM|PM|A M|P M|OCLOCK|O CLOCK|IN THE AFTERNOON|IN THE EVENING|THIS AFTERNOON|THIS EVENING', anyHour),
  ...phrases('TOMORROW AFTERNOON|TOMORROW EVENING|TMRW AFTERNOON|TMRW EVENING|TMR AFTERNOON|TMR EVENING', anyHour),
  ...phrases('IN THE MORNING|THIS MORNING|TOMORROW MORNING|TMRW MORNING|TMR MORNING', morning),
  ...phrases('AT NIGHT|AT NITE|IN THE NIGHT|TONIGHT|TONITE|ESTA NOCHE|ESTA NOITE', night),
  ...phrases('TOMORROW NIGHT|TMRW NIGHT|TMR NIGHT|TOMORROW NITE|TMRW NITE', night),
  ...phrases('NOON|AT NOON|MIDDAY|MIDI|MEDIODIA|DEL MEDIODIA|MEIO DIA', noon),
  ...phrases('MIDNIGHT|AT MIDNIGHT|MINUIT|MEDIANOCHE|DE LA MEDIANOCHE|MEIA NOITE', midnight),
  // Spanish.
  ...phrases('NOCHE|DE LA NOCHE|DE LA TARDE|POR LA NOCHE|POR LA TARDE|EN LA NOCHE|EN LA TARDE|ESTA TARDE', anyHour),
  ...phrases('HOY EN LA NOCHE|HOY POR LA NOCHE|HOY EN LA TARDE|HOY POR LA TARDE', anyHour),
  ...phrases('MANANA POR LA NOCHE|MANANA POR LA TARDE|MANANA EN LA NOCHE|MANANA EN LA TARDE', anyHour),
  ...phrases('DE LA MANANA|DE LA MADRUGADA|POR LA MANANA|EN LA MANANA|ESTA MANANA|MANANA POR LA MANANA|MANANA EN LA MANANA', morning),
  // French.
  ...phrases('SOIR|DU SOIR|LE SOIR|CE SOIR|DEMAIN SOIR|DE LA NUIT|CETTE NUIT', anyHour),
  ...phrases('DE L APRES MIDI|DE L APRESMIDI|L APRES MIDI|CET APRES MIDI|CET APRESMIDI|DEMAIN APRES MIDI', anyHour),
  ...phrases('DU MATIN|LE MATIN|CE MATIN|DEMAIN MATIN', morning),
  // Portuguese.
  ...phrases('NOITE|DA NOITE|DA TARDE|A NOITE|A TARDE|ESTA TARDE|HOJE A NOITE|HOJE DE NOITE|HOJE A TARDE', anyHour),
  ...phrases('AMANHA A NOITE|AMANHA DE NOITE|AMANHA A TARDE', anyHour),
  ...phrases('DA MANHA|DA MADRUGADA|PELA MANHA|DE MANHA|ESTA MANHA|HOJE DE MANHA|AMANHA DE MANHA', morning),
];

/** Words as one spaced string, apostrophes and hyphens as spaces ("O'CLOCK", "L'APRES-MIDI"), dots and commas gone. */
function spaced(words: readonly string[]): string {
  return words.map((w) => w.replace(/[.,;:!?`´]/g, '').replace(/['’‘-]/g, ' ')).join(' ').replace(/\s+/g, ' ').trim();
}

/** Whether `word` says a time of day wherever it stands among the three after a bare hour (LATER's rule: "LATER 11 30pm"). */
export function isClockWord(word: string): boolean {
  const w = bare(word);
  return CLOCK_WORDS.has(w) || HALVES.has(w);
}

/**
 * Whether the words from words[from] open a phrase that puts `hour` at a time of day. `bareHour`: the hour was
 * written with no unit, and a half after it ("11 y media") is half past; after "2 horas y" it is the duration's.
 */
export function timeOfDayAt(words: readonly string[], from: number, hour: number, bareHour: boolean): boolean {
  const text = spaced(words.slice(from, from + 5));
  if (TIME_OF_DAY.some((p) => p.hours(hour, bareHour) && (text === p.words || text.startsWith(`${p.words} `)))) return true;
  return bareHour && HALVES.has(bare(words[minutesIndex(words, from)] ?? ''));
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
  const glued = CLOCK_HOUR_WORD.exec(first);
  if (!unit && !glued) return false;
  const hour = Number(unit ? first : glued?.[1]);
  const at = unit ? 2 : 1;
  const minutes = /^[0-5]\d$/.test(words[at] ?? '') && !/^(AM|PM)$/.test(bare(words[at + 1] ?? ''));
  return timeOfDayAt(words, minutes ? at + 1 : at, hour, false);
}

/** Where a bare hour's minutes would be, past at most three joining words ("11 y 30": the 30). */
export function minutesIndex(words: readonly string[], from: number): number {
  let i = from;
  while (i < from + 3 && MINUTES_JOINS.has(bare(words[i] ?? ''))) i++;
  return i;
}

/**
 * "11h30", "9h15", "23h30", "9h 30", "21 h 30": how French writes a clock time, as the duration's first `used`
 * words. From 6 hours: a date of four or five and a half hours is booked (and "CHECKIN 4h30" is read so in any
 * language), one of six and more with its minutes rarely, while an end at 6:30 or later is common. Read as a
 * length, such a clock time had the alarm hours late. "1h30", "5h30", "10h30min", "4 heures 30" stay durations.
 */
export function isFrenchClockTime(words: readonly string[], used: number): boolean {
  const m = /^(\d{1,2})H[0-5]\d$/.exec(words.slice(0, used).join(''));
  return m !== null && Number(m[1]) >= 6;
}

/**
 * "0500", "0230", "030", "0230 hrs", "05h", "02h30", "00 h 30": an hour written with its leading zero, as a clock writes
 * it (a length is not), as the duration's first `used` words. Read as minutes or a length, the alarm came hours late
 * or early. Three digits too ("030": 0:30 or 30 minutes?); minutes said so ("0500 min"), or none 00-59 ("090"), make
 * it a length.
 */
export function isZeroPaddedClockTime(words: readonly string[], used: number): boolean {
  const joined = words.slice(0, used).join('');
  return /^0\d?[0-5]\d(H|HRS?|HS|HOURS?|HORAS?|HEURES?)?$/.test(joined) || /^0\dH([0-5]\d)?$/.test(joined);
}
