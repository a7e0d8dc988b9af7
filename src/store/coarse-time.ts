/**
 * Times stored at the precision they are used at. A millisecond written in
 * several tables by one message links those rows to each other (and to the
 * provider's records); an hour or a day does not single a message out.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The start of the UTC hour containing `ms`. */
export function startOfHour(ms: number): number {
  return ms - (ms % HOUR_MS);
}

/** The start of the UTC day containing `ms`. */
export function startOfDay(ms: number): number {
  return ms - (ms % DAY_MS);
}
