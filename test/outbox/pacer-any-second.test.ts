import { Pacer } from '../../src/outbox/pacer';

/**
 * SPEC (configuration): SEND_RATE is the "most messages per second sent
 * through each channel". The pacer's own promise: "at most the lane's current
 * rate in any second (a sliding window), never above SEND_RATE". Here the lane
 * is driven as fast as the pacer allows (a long backlog, a fast provider) and
 * every send's start is recorded; the busiest one-second window is counted.
 */
function sendTimes(p: Pacer, clock: { t: number }, ms: number, throttled: () => boolean = () => false): number[] {
  const times: number[] = [];
  const end = clock.t + ms;
  for (let turns = 0; clock.t < end && turns < 100_000; turns++) {
    const wait = p.waitMs();
    if (wait > 0) {
      clock.t += wait;
      continue;
    }
    p.take();
    times.push(clock.t);
    p.observe(throttled());
  }
  return times;
}

/** Most sends that started within any window [t, t + 1000). */
function busiestSecond(times: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= 1_000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('Pacer: SEND_RATE holds in any second', () => {
  it('a SEND_RATE that is not a whole number (SEND_RATE=2.5) sends at most 2.5 messages in any second', () => {
    const clock = { t: 1_000_000 };
    const p = new Pacer(2.5, () => clock.t);
    const times = sendTimes(p, clock, 10_000);
    expect(busiestSecond(times)).toBeLessThanOrEqual(2.5);
  });

  it('while recovering from throttling (SEND_RATE=10, the rate climbing back by 1.25 a second), never more than SEND_RATE in any second', () => {
    const clock = { t: 1_000_000 };
    const p = new Pacer(10, () => clock.t);
    // A second of persistent 429s halves the rate; calm seconds then give back an eighth of SEND_RATE each.
    sendTimes(p, clock, 1_100, () => true);
    expect(p.currentRate).toBeLessThan(10);
    // The sends of the calm seconds that follow, as the rate climbs back to SEND_RATE.
    const times = sendTimes(p, clock, 8_000);
    expect(busiestSecond(times)).toBeLessThanOrEqual(10);
  });
});
