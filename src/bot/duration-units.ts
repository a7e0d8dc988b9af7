/** The words of a CHECKIN or LATER duration, shared by checkin-parser.ts and duration-figures.ts. */

// Every language the line speaks (MN: French minutes; HS: Latin American Spanish hours): an unknown
// word after a bare number is read as minutes with the word as details, so "12 heures" was 12 minutes.
export const MINUTE_UNITS: ReadonlySet<string> = new Set(['M', 'MN', 'MIN', 'MINS', 'MINUTE', 'MINUTES', 'MINUTO', 'MINUTOS']);
export const HOUR_UNITS: ReadonlySet<string> = new Set(['H', 'HR', 'HRS', 'HS', 'HOUR', 'HOURS', 'HORA', 'HORAS', 'HEURE', 'HEURES']);

/**
 * The words joining a part to the hours ("1 hora y 30", "1 heure et demie", "1 hour plus a half", "1 hr n a half").
 * "&" and "+" are no words (the parser drops them): `joinedBySign` finds them.
 */
export const AND_WORDS: ReadonlySet<string> = new Set(['AND', 'Y', 'E', 'ET', 'PLUS', 'N']);

/** Whether "&" or "+" ends the text before `start` or opens the token there ("1 hour & a half", "1h +30"). */
export function joinedBySign(text: string, start: number): boolean {
  return /[&+]$/.test(text.slice(0, start).trimEnd()) || /^[&+]/.test(text.slice(start));
}
