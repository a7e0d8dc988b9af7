/**
 * The resume's catch-up: after a leap of the wall clock, what acts by the
 * clock waits until a Signal receive begun after the leap was seen has been
 * handled, or the bound has passed; without Signal, nothing waits. The
 * monotonic clock is the test's.
 */
import { LEAP_MS, ResumeGate } from '../../src/inbound/resume-gate';
import { createLogger } from '../../src/log/logger';

describe('the resume gate', () => {
  const lines: string[] = [];
  const log = createLogger('debug', { write: (l: string) => void lines.push(JSON.parse(l).msg) });
  let mono = 1_000;
  const WALL = 1_700_000_000_000;
  const gate = (signal: 'poll' | 'websocket' | null) => new ResumeGate({ log, boundMs: 15_000, signal, mono: () => mono });

  beforeEach(() => {
    lines.length = 0;
    mono = 1_000;
  });

  it('ticks a second apart, or a leap no longer than LEAP_MS, hold nothing', () => {
    const g = gate('poll');
    expect(g.mayAct(WALL)).toBe(true);
    expect(g.mayAct(WALL + 1_000)).toBe(true);
    expect(g.mayAct(WALL + 1_000 + LEAP_MS)).toBe(true);
    expect(g.catchingUp).toBe(false);
  });

  it('after a leap, holds until a receive begun after it was seen is handled; one begun before does not count', () => {
    const g = gate('poll');
    g.mayAct(WALL);
    mono += 1_000;
    expect(g.mayAct(WALL + 3_600_000)).toBe(false);
    expect(g.catchingUp).toBe(true);
    g.received(mono - 1);
    expect(g.mayAct(WALL + 3_600_100)).toBe(false);
    g.received(mono);
    expect(g.mayAct(WALL + 3_600_200)).toBe(true);
    expect(g.catchingUp).toBe(false);
  });

  it('holds no longer than the bound (the websocket says nothing of a receive), and says so', () => {
    const g = gate('websocket');
    g.mayAct(WALL);
    expect(g.mayAct(WALL + 3_600_000)).toBe(false);
    mono += 14_999;
    expect(g.mayAct(WALL + 3_600_000 + 14_999)).toBe(false);
    mono += 1;
    expect(g.mayAct(WALL + 3_600_000 + 15_000)).toBe(true);
    expect(lines.at(-1)).toBe('Signal messages held while the clock leapt were not received in time: check-in timers and lapses go on now');
  });

  it('without Signal, nothing waits after a leap', () => {
    const g = gate(null);
    g.mayAct(WALL);
    expect(g.mayAct(WALL + 3_600_000)).toBe(true);
    expect(g.catchingUp).toBe(false);
  });
});
