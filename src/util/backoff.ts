/**
 * The one backoff rule of Heads Up: the n-th wait in a row is
 * base·2^(n-1), capped at max, with "equal jitter" (half fixed, half random)
 * so that many waiters do not come back in lockstep. The outbox, the Signal
 * sender, receiver and inbox all use it.
 */

/** Where the doubling starts and where it stops. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** The full (unjittered) wait before attempt n+1 after n failures in a row (n ≤ 1 gives base). */
export function backoffCeiling(b: Backoff, failures: number): number {
  return Math.min(b.maxMs, b.baseMs * 2 ** Math.min(Math.max(0, failures - 1), 40));
}

/** The wait after `failures` failures in a row, jittered between half and all of the ceiling. */
export function backoffDelay(b: Backoff, failures: number, random: () => number = Math.random): number {
  const full = backoffCeiling(b, failures);
  return Math.round(full / 2 + random() * (full / 2));
}
