import { RateLimiter } from '../../src/outbox/rate-limiter';

/**
 * A clock the test moves, in 10 ms steps as real time would pass; fake
 * timers move with it so the limiter's sleeps follow the same time.
 */
function manualClock() {
  let t = 1_000_000;
  return {
    now: () => t,
    async advance(ms: number) {
      for (let left = ms; left > 0; left -= 10) {
        const step = Math.min(10, left);
        t += step;
        await jest.advanceTimersByTimeAsync(step);
      }
    },
  };
}

/** Starts a take() and reports whether it has resolved yet. */
function track(p: Promise<void>): { done: () => boolean } {
  let resolved = false;
  void p.then(() => (resolved = true));
  return { done: () => resolved };
}

describe('RateLimiter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lets a burst of one second of sends through at once', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(3, clock.now);
    const takes = [track(limiter.take()), track(limiter.take()), track(limiter.take())];
    await jest.advanceTimersByTimeAsync(0);
    expect(takes.map((t) => t.done())).toEqual([true, true, true]);
  });

  it('makes the next send wait until a token has refilled', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, clock.now);
    await limiter.take();
    await limiter.take();
    const third = track(limiter.take());
    await jest.advanceTimersByTimeAsync(0);
    expect(third.done()).toBe(false);
    await clock.advance(400);
    expect(third.done()).toBe(false);
    await clock.advance(100);
    expect(third.done()).toBe(true);
  });

  it('never lets more than the rate through in a second, however many wait', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(5, clock.now);
    const takes = Array.from({ length: 20 }, () => track(limiter.take()));
    await jest.advanceTimersByTimeAsync(0);
    expect(takes.filter((t) => t.done()).length).toBe(5);
    await clock.advance(1_000);
    expect(takes.filter((t) => t.done()).length).toBeLessThanOrEqual(10);
    expect(takes.filter((t) => t.done()).length).toBeGreaterThanOrEqual(9);
    await clock.advance(3_000);
    expect(takes.every((t) => t.done())).toBe(true);
  });

  it('does not bank tokens beyond a one-second burst while idle', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(2, clock.now);
    await clock.advance(60_000);
    const takes = Array.from({ length: 3 }, () => track(limiter.take()));
    await jest.advanceTimersByTimeAsync(0);
    expect(takes.map((t) => t.done())).toEqual([true, true, false]);
  });

  it('allows one send at a time below one per second', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(0.5, clock.now);
    await limiter.take();
    const next = track(limiter.take());
    await clock.advance(1_999);
    expect(next.done()).toBe(false);
    await clock.advance(1);
    expect(next.done()).toBe(true);
  });

  it('stops every send while paused, then resumes', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(100, clock.now);
    limiter.pauseFor(5_000);
    expect(limiter.paused).toBe(true);
    const take = track(limiter.take());
    await clock.advance(4_999);
    expect(take.done()).toBe(false);
    await clock.advance(1);
    expect(take.done()).toBe(true);
    expect(limiter.paused).toBe(false);
  });

  it('keeps the longer of two pauses', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(10, clock.now);
    limiter.pauseFor(5_000);
    limiter.pauseFor(1_000);
    await clock.advance(2_000);
    expect(limiter.paused).toBe(true);
    await clock.advance(3_000);
    expect(limiter.paused).toBe(false);
  });

  it('does not limit at all with an infinite rate', async () => {
    const clock = manualClock();
    const limiter = new RateLimiter(Infinity, clock.now);
    const takes = Array.from({ length: 1000 }, () => track(limiter.take()));
    await jest.advanceTimersByTimeAsync(0);
    expect(takes.every((t) => t.done())).toBe(true);
  });
});

describe('RateLimiter.release', () => {
  it('ends a long pause at once, so a shutdown does not wait for it', async () => {
    const limiter = new RateLimiter(10);
    limiter.pauseFor(60_000);
    let done = false;
    const waiting = limiter.take().then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    limiter.release();
    await waiting;
    expect(done).toBe(true);
  });
});
