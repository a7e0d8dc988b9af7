import { Pacer } from '../../src/outbox/pacer';

/** Drives a pacer on a fake clock: sends as fast as it allows for `ms`, answering each with `throttled()`. */
function run(p: Pacer, clock: { t: number }, ms: number, throttled: () => boolean): number {
  let sent = 0;
  const end = clock.t + ms;
  while (clock.t < end) {
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
