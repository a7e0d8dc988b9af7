/** Exponential backoff with jitter for outbox retries. */

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Attempts after which a row fails for good. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000, maxAttempts: 12 };

/**
 * Delay before the next try after `attempts` tries: base·2^(attempts-1),
 * capped, with "equal jitter" (half fixed, half random) so a 429 storm does
 * not come back in lockstep.
 */
export function retryDelay(policy: BackoffPolicy, attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
