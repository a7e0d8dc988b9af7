/**
 * The minutes a reply's CHECKIN and LATER examples give, within the line's bounds (CHECKIN_MIN_MINUTES,
 * CHECKIN_MAX_MINUTES): an example copied from a reply must start or extend her check-in, not be refused.
 */

/** What the examples follow of the line's check-in rules. */
export interface CheckinBounds {
  minMinutes: number;
  maxMinutes: number;
}

/** LATER's fewest minutes: CHECKIN's, but never above 10, so the "LATER 30" her reminder suggests is taken. */
export function laterFloor(rules: { minMinutes: number }): number {
  return Math.min(rules.minMinutes, 10);
}

/** CHECKIN's example: 90, or the longest the line allows, or its shortest when that is longer (a plain date, not 12 hours). */
export function checkinExample(rules: CheckinBounds): number {
  const minutes = Math.max(rules.minMinutes, Math.min(90, Math.floor(rules.maxMinutes)));
  return Math.min(minutes, rules.maxMinutes);
}

/**
 * LATER's example for a check-in ending at `dueAt` (none given: one just asked of LATER, none known): 30, or
 * the most a LATER sent now may add (a check-in ends at most CHECKIN_MAX_MINUTES from then). Null when not
 * even LATER's fewest fits: the reply gives no example rather than one refused.
 */
export function laterExample(rules: CheckinBounds, now: number, dueAt?: number): number | null {
  const room = rules.maxMinutes - (dueAt === undefined ? 0 : Math.max(0, dueAt - now) / 60_000);
  const minutes = Math.min(30, Math.floor(room));
  return minutes >= laterFloor(rules) ? minutes : null;
}
