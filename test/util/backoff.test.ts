import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from '../../src/outbox/backoff';
import { backoffCeiling, backoffDelay } from '../../src/util/backoff';

const POLICY: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 10 };

describe('retryDelay', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [6, 32_000],
    [7, 60_000],
    [30, 60_000],
  ])('after %i tries waits between half and all of %i ms', (attempts, full) => {
    expect(retryDelay(POLICY, attempts, () => 0)).toBe(full / 2);
    expect(retryDelay(POLICY, attempts, () => 0.999999)).toBeLessThanOrEqual(full);
    expect(retryDelay(POLICY, attempts, () => 0.999999)).toBeGreaterThan(full * 0.99);
  });

  it('treats zero tries like the first', () => {
    expect(retryDelay(POLICY, 0, () => 0)).toBe(500);
  });

  it('grows with the number of tries until the cap', () => {
    const delays = Array.from({ length: 12 }, (_, i) => retryDelay(POLICY, i + 1, () => 0.5));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] as number);
    expect(delays[1]).toBe((delays[0] as number) * 2);
    expect(Math.max(...delays)).toBeLessThanOrEqual(POLICY.maxMs);
  });

  it('stays within bounds with real randomness and never overflows for huge attempt counts', () => {
    for (let attempts = 1; attempts <= 2000; attempts++) {
      const d = retryDelay(DEFAULT_BACKOFF, attempts);
      const full = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempts - 1));
      expect(Number.isFinite(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(Math.floor(full / 2));
      expect(d).toBeLessThanOrEqual(full);
    }
  });

  it('spreads retries out rather than bringing them back in lockstep', () => {
    const seen = new Set(Array.from({ length: 50 }, () => retryDelay(DEFAULT_BACKOFF, 5)));
    expect(seen.size).toBeGreaterThan(10);
  });

  it('gives up after a bounded number of tries, in well under a day', () => {
    let total = 0;
    for (let a = 1; a < DEFAULT_BACKOFF.maxAttempts; a++) total += retryDelay(DEFAULT_BACKOFF, a, () => 1);
    expect(total).toBeLessThan(24 * 3600_000);
  });
});

describe('the one backoff helper', () => {
  it('doubles from the base to the cap, without jitter for pauses', () => {
    const b = { baseMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 50].map((n) => backoffCeiling(b, n))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffCeiling(b, 0)).toBe(100);
  });

  it('jitters between half and all of the ceiling', () => {
    const b = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelay(b, 3, () => 0)).toBe(200);
    expect(backoffDelay(b, 3, () => 1)).toBe(400);
  });
});
