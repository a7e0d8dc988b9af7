/**
 * When a message is judged sent: Signal's server time only when it can be
 * believed. A future, broken or very old stamp is judged as handled, so it
 * can never make her answer or LATER count later than handling would.
 */
import { heardAt, MAX_HELD_MS } from '../../src/inbound/heard-at';

const NOW = 1_800_000_000_000;

describe('heardAt', () => {
  it("takes Signal's server time when it is before now and within a day", () => {
    expect(heardAt({ serverReceivedAt: NOW - 10 * 60_000 }, NOW)).toBe(NOW - 10 * 60_000);
    expect(heardAt({ serverReceivedAt: NOW - MAX_HELD_MS }, NOW)).toBe(NOW - MAX_HELD_MS);
    expect(heardAt({ serverReceivedAt: NOW }, NOW)).toBe(NOW);
  });

  it.each([
    ['no stamp (SMS)', undefined],
    ['null', null],
    ['in the future', NOW + 1],
    ['more than a day back', NOW - MAX_HELD_MS - 1],
    ['not an integer', NOW - 1000.5],
    ['beyond a safe integer', 2 ** 60],
    ['not a number', 'yesterday' as unknown as number],
    ['NaN', Number.NaN],
  ])('judges a message with %s as it is handled', (_what, stamp) => {
    expect(heardAt({ serverReceivedAt: stamp }, NOW)).toBe(NOW);
  });
});
