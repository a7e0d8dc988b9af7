/** The outbox's retry policy (the waits come from util/backoff.ts). */
import { backoffDelay, type Backoff } from '../util/backoff';

export interface BackoffPolicy extends Backoff {
  /** Attempts after which a row fails for good, once it is also older than the dispatcher's maxAgeMs. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000, maxAttempts: 12 };

/** Delay before the next try after `attempts` tries. */
export function retryDelay(policy: BackoffPolicy, attempts: number, random: () => number = Math.random): number {
  return backoffDelay(policy, attempts, random);
}
