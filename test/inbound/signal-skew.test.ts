/**
 * signal-skew.ts: a message is judged at Signal's stamp plus this clock's
 * offset from Signal's (the smallest lag of the last messages), never after
 * now; the disagreement is logged once, only when several messages show it.
 */
import { createLogger } from '../../src/log/logger';
import type { Inbound } from '../../src/inbound/inbound';
import { MAX_HELD_MS } from '../../src/inbound/heard-at';
import { LAGS_KEPT, LAGS_TO_TELL, SignalSkew } from '../../src/inbound/signal-skew';

const NOW = Date.UTC(2026, 11, 7, 21, 0);
const MIN = 60_000;
const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000002';
const msg = (serverReceivedAt: number | null): Inbound => ({ sender: { channel: 'signal', address: UUID }, text: 'OK', providerId: `${UUID}:1`, serverReceivedAt });

function skewed() {
  const lines: Record<string, unknown>[] = [];
  // The monotonic clock runs with the wall clock these tests set, unless a test steps the wall clock (`stepped`).
  let wall = NOW;
  let stepped = 0;
  const raw = new SignalSkew(createLogger('debug', { write: (l: string) => void lines.push(JSON.parse(l)) }), () => wall - NOW - stepped);
  const skew = {
    judge: (m: Inbound, now: number, learn?: boolean) => {
      wall = now;
      return raw.judge(m, now, learn);
    },
    /** The wall clock jumps by `ms` (NTP setting a wrong clock right), the monotonic one does not. */
    step: (ms: number) => void (stepped += ms),
  };
  const warned = () => lines.filter((l) => l.level === 40);
  return { skew, warned, lines };
}

describe('SignalSkew', () => {
  it('with clocks agreeing, a message held 20 minutes keeps its stamp, a live one is judged now', () => {
    const { skew, warned } = skewed();
    // Delivery takes a moment: the smallest lag so far is the offset.
    expect(skew.judge(msg(NOW - 300), NOW).serverReceivedAt).toBe(NOW);
    expect(skew.judge(msg(NOW + 1_000 - 200), NOW + 1_000).serverReceivedAt).toBe(NOW + 1_000);
    expect(skew.judge(msg(NOW + 2_000 - 20 * MIN), NOW + 2_000).serverReceivedAt).toBe(NOW + 2_000 - 20 * MIN + 200);
    expect(warned()).toEqual([]);
  });

  it('on a clock an hour fast, a live message is judged now; one held 20 minutes 20 minutes back; told once, in minutes', () => {
    const { skew, warned, lines } = skewed();
    const HOUR = 60 * MIN;
    expect(skew.judge(msg(NOW - HOUR), NOW).serverReceivedAt).toBe(NOW);
    expect(skew.judge(msg(NOW + MIN - HOUR), NOW + MIN).serverReceivedAt).toBe(NOW + MIN);
    expect(warned()).toEqual([]);
    expect(skew.judge(msg(NOW + 2 * MIN - HOUR - 20 * MIN), NOW + 2 * MIN).serverReceivedAt).toBe(NOW + 2 * MIN - 20 * MIN);
    expect(skew.judge(msg(NOW + 3 * MIN - HOUR), NOW + 3 * MIN).serverReceivedAt).toBe(NOW + 3 * MIN);
    expect(warned()).toHaveLength(1);
    expect(warned()[0]).toMatchObject({ minutes: 60, msg: "the server's clock disagrees with Signal's by about 60 minutes; check-ins are timed by this clock: set it right (NTP)" });
    expect(JSON.stringify(lines)).not.toContain(UUID);
  });

  it('on a clock an hour slow, a live message is judged now, not an hour ahead', () => {
    const { skew } = skewed();
    expect(skew.judge(msg(NOW + 60 * MIN), NOW).serverReceivedAt).toBe(NOW);
    expect(skew.judge(msg(NOW + 60 * MIN - 10 * MIN), NOW).serverReceivedAt).toBe(NOW - 10 * MIN);
  });

  it('several held messages alone are not a wrong clock once a live one comes; the first alone is judged now', () => {
    const { skew, warned } = skewed();
    expect(skew.judge(msg(NOW - 20 * MIN), NOW).serverReceivedAt).toBe(NOW);
    skew.judge(msg(NOW - 19 * MIN), NOW);
    skew.judge(msg(NOW), NOW);
    skew.judge(msg(NOW - 18 * MIN), NOW);
    expect(warned()).toEqual([]);
    expect(skew.judge(msg(NOW - 10 * MIN), NOW).serverReceivedAt).toBe(NOW - 10 * MIN);
  });

  it('keeps only the last lags: a clock set right is learnt', () => {
    const { skew } = skewed();
    skew.judge(msg(NOW - 60 * MIN), NOW);
    for (let i = 0; i < LAGS_KEPT; i++) skew.judge(msg(NOW), NOW);
    expect(skew.judge(msg(NOW - 10 * MIN), NOW).serverReceivedAt).toBe(NOW - 10 * MIN);
  });

  it('a message without a stamp, or one over a day off, is judged as handled', () => {
    const { skew } = skewed();
    expect(skew.judge(msg(null), NOW).serverReceivedAt).toBeNull();
    expect(skew.judge(msg(NOW - 25 * 60 * MIN), NOW).serverReceivedAt).toBeNull();
    expect(skew.judge(msg(NOW - 10 * MIN), NOW).serverReceivedAt).toBe(NOW);
  });
  it('on a slow clock set right, a live message is judged now, not by the lags learnt on the old clock', () => {
    const { skew } = skewed();
    const HOUR = 60 * MIN;
    // An hour slow: every lag is an hour negative.
    for (let i = 0; i < 5; i++) expect(skew.judge(msg(NOW + i * MIN + HOUR), NOW + i * MIN).serverReceivedAt).toBe(NOW + i * MIN);
    // NTP steps the wall clock an hour on; the monotonic clock does not jump.
    skew.step(HOUR);
    const later = NOW + 10 * MIN + HOUR;
    expect(skew.judge(msg(later - 300), later).serverReceivedAt).toBe(later);
  });

  it('behind a backlog of more than twenty held messages, one held 40 minutes keeps the minute she sent it', () => {
    const { skew } = skewed();
    expect(skew.judge(msg(NOW - 200), NOW).serverReceivedAt).toBe(NOW);
    const back = NOW + 60 * MIN;
    for (let i = 0; i < 30; i++) skew.judge(msg(back - (70 - i) * MIN), back);
    expect(skew.judge(msg(back - 40 * MIN), back).serverReceivedAt).toBe(back - 40 * MIN + 200);
  });
  it('remembers a live message among the last LAGS_KEPT, behind a backlog of held ones, and forgets an old slow clock after LAGS_KEPT live ones', () => {
    const { skew } = skewed();
    expect(skew.judge(msg(NOW - 200), NOW).serverReceivedAt).toBe(NOW);
    // The live one, LAGS_KEPT − 2 held ones, and the one judged: LAGS_KEPT lags.
    for (let i = 2; i < LAGS_KEPT; i++) skew.judge(msg(NOW - 20 * MIN), NOW);
    expect(skew.judge(msg(NOW - 40 * MIN), NOW).serverReceivedAt).toBe(NOW - 40 * MIN + 200);
    const { skew: fresh } = skewed();
    // An hour slow, then set right gradually (no step): once the slow lag is out of the last LAGS_KEPT, a held message keeps its stamp.
    fresh.judge(msg(NOW + 60 * MIN), NOW);
    for (let i = 0; i < LAGS_KEPT; i++) fresh.judge(msg(NOW), NOW);
    expect(fresh.judge(msg(NOW - 10 * MIN), NOW).serverReceivedAt).toBe(NOW - 10 * MIN);
  });

  it('a stamp up to a day off either way is judged; over a day ahead is judged as handled; one no whole millisecond is left as it came', () => {
    const { skew } = skewed();
    expect(skew.judge(msg(NOW - MAX_HELD_MS), NOW, false).serverReceivedAt).toBe(NOW - MAX_HELD_MS);
    expect(skew.judge(msg(NOW + MAX_HELD_MS + 1), NOW).serverReceivedAt).toBeNull();
    expect(skew.judge(msg(NOW - 10 * MIN + 0.5), NOW).serverReceivedAt).toBe(NOW - 10 * MIN + 0.5);
    // Neither taught an offset: a message held 10 minutes keeps its stamp.
    expect(skew.judge(msg(NOW - 10 * MIN), NOW, false).serverReceivedAt).toBe(NOW - 10 * MIN);
  });

  it('on a fast clock set back right, a parked message tried again keeps its stamp: the lags of the old clock are forgotten', () => {
    const { skew } = skewed();
    const HOUR = 60 * MIN;
    for (let i = 0; i < 3; i++) expect(skew.judge(msg(NOW + i * MIN - HOUR), NOW + i * MIN).serverReceivedAt).toBe(NOW + i * MIN);
    skew.step(-HOUR);
    const later = NOW + 10 * MIN - HOUR;
    expect(skew.judge(msg(later - 20 * MIN), later, false).serverReceivedAt).toBe(later - 20 * MIN);
  });

  it('tells a disagreement at the message that makes LAGS_TO_TELL, a slow clock as a fast one, in whole minutes', () => {
    const { skew, warned } = skewed();
    for (let i = 0; i < LAGS_TO_TELL - 1; i++) skew.judge(msg(NOW + i * MIN + 90 * MIN + 20_000), NOW + i * MIN);
    expect(warned()).toEqual([]);
    skew.judge(msg(NOW + 10 * MIN + 90 * MIN + 20_000), NOW + 10 * MIN);
    expect(warned()).toHaveLength(1);
    expect(warned()[0]).toMatchObject({ minutes: 90, msg: expect.stringContaining('by about 90 minutes') });
  });

  it('a parked message tried again teaches nothing, and with nothing learnt keeps the minute Signal received it', () => {
    const { skew } = skewed();
    // Nothing learnt yet (a first message parked, or a step since): her answer parked 20 minutes keeps its stamp.
    expect(skew.judge(msg(NOW - 20 * MIN), NOW, false).serverReceivedAt).toBe(NOW - 20 * MIN);
    // Nor did it teach an offset of 20 minutes: a live message then teaches the offset, and a second parked one is
    // judged by it, not by its own lag.
    expect(skew.judge(msg(NOW + MIN - 200), NOW + MIN).serverReceivedAt).toBe(NOW + MIN);
    expect(skew.judge(msg(NOW + 2 * MIN - 30 * MIN), NOW + 2 * MIN, false).serverReceivedAt).toBe(NOW + 2 * MIN - 30 * MIN + 200);
  });
});
