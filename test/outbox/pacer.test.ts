import { Pacer } from '../../src/outbox/pacer';

/** Drives a pacer on a fake clock: sends as fast as it allows for `ms`, answering each with `throttled()`. */
// Bounded: a pacer that never asks to wait would loop for ever on a clock that only waits move;
// the bound (far above any rate tested) makes that a failed assertion, not a time-out.
function run(p: Pacer, clock: { t: number }, ms: number, throttled: () => boolean): number {
  let sent = 0;
  const end = clock.t + ms;
  for (let turns = 0; clock.t < end; turns++) {
    if (turns > 100_000) return Infinity;
    const wait = p.waitMs();
    if (wait > 0) {
      clock.t += wait;
      continue;
    }
    p.take();
    sent++;
    p.observe(throttled());
  }
  return sent;
}

describe('Pacer', () => {
  it('never sends more than SEND_RATE over a second, whatever the start', () => {
    for (const rate of [1, 10, 100, 500]) {
      const clock = { t: 1_000_000 };
      const p = new Pacer(rate, () => clock.t);
      const perSecond = Array.from({ length: 5 }, () => run(p, clock, 1_000, () => false));
      for (const n of perSecond) expect(n).toBeLessThanOrEqual(rate);
      expect(perSecond[4]).toBeGreaterThanOrEqual(Math.floor(rate * 0.95));
    }
  });

  it('keeps its rate when a few answers in twenty are 429s', () => {
    const clock = { t: 0 };
    const p = new Pacer(100, () => clock.t);
    let i = 0;
    run(p, clock, 10_000, () => ++i % 20 === 0);
    expect(p.currentRate).toBe(100);
  });

  it('halves its rate when throttling persists, and recovers step by step once it stops', () => {
    const clock = { t: 0 };
    const p = new Pacer(100, () => clock.t);
    let i = 0;
    run(p, clock, 1_100, () => ++i % 2 === 0);
    expect(p.currentRate).toBe(50);
    run(p, clock, 1_000, () => ++i % 2 === 0);
    expect(p.currentRate).toBe(25);
    const rates: number[] = [];
    for (let s = 0; s < 10; s++) {
      run(p, clock, 1_000, () => false);
      rates.push(p.currentRate);
    }
    for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeGreaterThanOrEqual(rates[k - 1] as number);
    expect(rates[0]).toBeLessThan(100);
    expect(rates[rates.length - 1]).toBe(100);
  });

  it('waits out a pause the provider asked for', () => {
    const clock = { t: 0 };
    const p = new Pacer(10, () => clock.t);
    p.pauseFor(5_000);
    expect(p.paused).toBe(true);
    expect(p.waitMs()).toBe(5_000);
    expect(p.available()).toBe(0);
    clock.t += 5_000;
    expect(p.paused).toBe(false);
    expect(p.waitMs()).toBe(0);
  });

  it('does not limit a lane with no rate', () => {
    const p = new Pacer(Infinity);
    for (let k = 0; k < 10_000; k++) p.take();
    expect(p.waitMs()).toBe(0);
  });

  it('says how many sends it allows right now: the rest of the window, none while paused, any number without a rate', () => {
    const clock = { t: 1_000_000 };
    const p = new Pacer(4, () => clock.t);
    expect(p.available()).toBe(4);
    p.take();
    p.take();
    expect(p.available()).toBe(2);
    clock.t += 999;
    p.take();
    expect(p.available()).toBe(1);
    // The first two leave the one-second window; the third is still in it.
    clock.t += 1;
    expect(p.available()).toBe(3);
    clock.t += 1_000;
    expect(p.available()).toBe(4);
    p.pauseFor(500);
    expect(p.available()).toBe(0);
    expect(p.paused).toBe(true);
    clock.t += 500;
    expect(p.paused).toBe(false);
    expect(p.available()).toBe(4);
    const unlimited = new Pacer(Infinity, () => clock.t);
    unlimited.take();
    expect(unlimited.available()).toBe(Number.MAX_SAFE_INTEGER);
    expect(unlimited.waitMs()).toBe(0);
  });
});

describe('Pacer, exactly', () => {
  /** Answers `n` sends within one window, `throttled` of them 429s, then starts the next window. */
  function window(p: Pacer, clock: { t: number }, n: number, throttled: number): void {
    for (let i = 0; i < n; i++) p.observe(i < throttled);
    clock.t += 1_000;
    p.observe(false);
  }

  it('halves at three 429s that are more than a fifth of the answers, not at fewer or at exactly a fifth', () => {
    const clock = { t: 5_000_000 };
    const twoOfFive = new Pacer(100, () => clock.t);
    window(twoOfFive, clock, 5, 2);
    expect(twoOfFive.currentRate).toBe(100);
    const threeOfFifteen = new Pacer(100, () => clock.t);
    window(threeOfFifteen, clock, 15, 3);
    expect(threeOfFifteen.currentRate).toBe(100);
    const threeOfFourteen = new Pacer(100, () => clock.t);
    window(threeOfFourteen, clock, 14, 3);
    expect(threeOfFourteen.currentRate).toBe(50);
  });

  it('recovers an eighth of SEND_RATE per calm second, never above it', () => {
    const clock = { t: 5_000_000 };
    const p = new Pacer(80, () => clock.t);
    window(p, clock, 10, 10);
    expect(p.currentRate).toBe(40);
    const rates: number[] = [];
    for (let s = 0; s < 6; s++) {
      window(p, clock, 10, 0);
      rates.push(p.currentRate);
    }
    expect(rates).toEqual([50, 60, 70, 80, 80, 80]);
  });

  it('never halves below a 64th of SEND_RATE', () => {
    const clock = { t: 5_000_000 };
    const p = new Pacer(64, () => clock.t);
    for (let s = 0; s < 10; s++) window(p, clock, 10, 10);
    expect(p.currentRate).toBe(1);
  });

  it('spaces sends of a rate below one per second by its period', () => {
    const clock = { t: 5_000_000 };
    const p = new Pacer(0.5, () => clock.t);
    expect(p.waitMs()).toBe(0);
    expect(p.available()).toBe(1);
    p.take();
    expect(p.waitMs()).toBe(2_000);
    expect(p.available()).toBe(0);
    clock.t += 1_500;
    expect(p.waitMs()).toBe(500);
    clock.t += 500;
    expect(p.waitMs()).toBe(0);
    expect(p.available()).toBe(1);
  });

  it('lets a whole rate send k at once, then waits until the oldest of them leaves the window', () => {
    const clock = { t: 5_000_000 };
    const p = new Pacer(3, () => clock.t);
    p.take();
    clock.t += 100;
    p.take();
    expect(p.waitMs()).toBe(0);
    p.take();
    expect(p.waitMs()).toBe(900);
    clock.t += 900;
    expect(p.waitMs()).toBe(0);
    expect(p.available()).toBe(1);
  });

  it('counts a pause from now, whatever the clock says', () => {
    const clock = { t: 5_000_000 };
    const p = new Pacer(10, () => clock.t);
    p.pauseFor(3_000);
    clock.t += 1_000;
    expect(p.waitMs()).toBe(2_000);
    expect(p.paused).toBe(true);
    // A shorter pause does not end a longer one early.
    p.pauseFor(500);
    expect(p.waitMs()).toBe(2_000);
    p.resume();
    expect(p.paused).toBe(false);
    expect(p.waitMs()).toBe(0);
  });

  it('keeps its window right after many sends (old sends are forgotten, recent ones are not)', () => {
    const clock = { t: 5_000_000 };
    const p = new Pacer(2, () => clock.t);
    for (let i = 0; i < 10; i++) {
      p.take();
      clock.t += 500;
    }
    // Sends at …4 000 and …4 500 ms after the start: the one at 4 000 leaves the window at 5 000.
    expect(p.available()).toBe(1);
    p.take();
    expect(p.waitMs()).toBe(500);
  });

  it('allows none (not fewer than none) right after halving, while the last second holds more sends than the new rate', () => {
    const clock = { t: 5_000_000 };
    const p = new Pacer(100, () => clock.t);
    for (let i = 0; i < 100; i++) {
      p.take();
      p.observe(true);
      clock.t += 5;
    }
    clock.t = 5_001_000;
    p.observe(true);
    expect(p.currentRate).toBe(50);
    expect(p.available()).toBe(0);
  });
});

describe('Pacer, when the wall clock is stepped back (NTP, a resumed VM)', () => {
  it('does not make the lane wait out the step: sends "in the future" count as sent now', () => {
    const clock = { t: 10_000_000 };
    const p = new Pacer(4, () => clock.t);
    for (let i = 0; i < 4; i++) p.take();
    expect(p.waitMs()).toBeGreaterThan(0);
    clock.t -= 3_600_000;
    expect(p.waitMs()).toBeGreaterThan(0);
    expect(p.waitMs()).toBeLessThanOrEqual(1_000);
    // And the pace holds from there.
    expect(run(p, clock, 1_000, () => false)).toBeLessThanOrEqual(4);
  });

  it('a provider pause of 2 s does not become an hour', () => {
    const clock = { t: 10_000_000 };
    const p = new Pacer(4, () => clock.t);
    p.pauseFor(2_000);
    clock.t -= 3_600_000;
    expect(p.paused).toBe(true);
    expect(p.waitMs()).toBeLessThanOrEqual(2_000);
  });

  it('never allows more than SEND_RATE sends in one real second, whatever the wall clock does', () => {
    const clock = { t: 10_000_000 };
    const p = new Pacer(4, () => clock.t);
    let sent = 0;
    // Within a few real milliseconds: four sends, the clock stepped back 5 ms, four more tries.
    for (let i = 0; i < 4; i++) if (p.available() > 0) (p.take(), sent++, (clock.t += 1));
    clock.t -= 5;
    for (let i = 0; i < 4; i++) if (p.available() > 0) (p.take(), sent++, (clock.t += 1));
    expect(sent).toBe(4);
  });

  it('still recovers its rate after a throttled second', () => {
    const clock = { t: 10_000_000 };
    const p = new Pacer(100, () => clock.t);
    run(p, clock, 2_000, () => true);
    const slowed = p.currentRate;
    expect(slowed).toBeLessThan(100);
    clock.t -= 3_600_000;
    run(p, clock, 3_000, () => false);
    expect(p.currentRate).toBeGreaterThan(slowed);
  });
});
