/** The outbox's default retry policy, in the waits a member's message actually sees. */
import { DEFAULT_BACKOFF, retryDelay } from '../../src/outbox/backoff';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe('the default retry policy', () => {
  it('first tries again after 2.5 to 5 seconds, then doubles the wait', () => {
    expect([1, 2, 3].map((n) => retryDelay(DEFAULT_BACKOFF, n, () => 1))).toEqual([5 * SECOND, 10 * SECOND, 20 * SECOND]);
    expect(retryDelay(DEFAULT_BACKOFF, 1, () => 0)).toBe(2.5 * SECOND);
  });

  it('never waits more than 15 minutes between tries, however many failed', () => {
    expect(retryDelay(DEFAULT_BACKOFF, 8, () => 1)).toBe(640 * SECOND);
    expect(retryDelay(DEFAULT_BACKOFF, 9, () => 1)).toBe(15 * MINUTE);
    expect(retryDelay(DEFAULT_BACKOFF, 40, () => 1)).toBe(15 * MINUTE);
    expect(retryDelay(DEFAULT_BACKOFF, 40, () => 0)).toBe(7.5 * MINUTE);
  });

  it('makes 12 attempts, spread over 33 to 66 minutes, before a row fails for good', () => {
    expect(DEFAULT_BACKOFF.maxAttempts).toBe(12);
    const waits = (random: () => number) => Array.from({ length: DEFAULT_BACKOFF.maxAttempts - 1 }, (_, i) => retryDelay(DEFAULT_BACKOFF, i + 1, random)).reduce((a, b) => a + b, 0);
    expect(waits(() => 0)).toBe(1_987.5 * SECOND);
    expect(waits(() => 1)).toBe(3_975 * SECOND);
  });
});
