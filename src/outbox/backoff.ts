/** The outbox's retry policy (the waits come from util/backoff.ts). */
import { PRIORITY } from '../store/outbox-rows';
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

/**
 * The longest wait between tries of an urgent row (a reply, a moderator's
 * notice, a check-in's escalation): an outage's doubling must not leave one
 * up to 15 minutes late once the provider is back. Bulk alerts keep theirs.
 */
export const URGENT_RETRY_MAX_MS = 60_000;

/** The retry policy of a row of this priority (PRIORITY in store/outbox-rows.ts: 0 urgent). */
export function policyFor(policy: BackoffPolicy, priority: number): BackoffPolicy {
  return priority === PRIORITY.urgent ? { ...policy, maxMs: Math.min(policy.maxMs, URGENT_RETRY_MAX_MS) } : policy;
}
