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

  it('a leap while waiting does not extend the wait: leaps every 10 s still let the timers act once the bound has passed', () => {
    const g = gate('websocket');
    let wall = WALL;
    g.mayAct(wall);
    const held: boolean[] = [];
    // A clock stepped forward 31 s every 10 s (a VM's clock corrected again and again), read every second.
    for (let tick = 1; tick <= 60; tick++) {
      mono += 1_000;
      wall += tick % 10 === 1 ? 31_000 : 1_000;
      held.push(!g.mayAct(wall));
    }
    // Seen at the first tick, held 15 s from then whatever leapt meanwhile.
    expect(held.slice(0, 15)).toEqual(Array(15).fill(true));
    expect(held[15]).toBe(false);
    // A leap after the wait ended is a new one (ticks 21 and 41): each holds 15 s, the 5 s between act.
    expect(held.filter((h) => !h)).toHaveLength(15);
  });

  it('a leap while waiting for a receive does not make a receive begun after the first leap count for nothing', () => {
    const g = gate('poll');
    g.mayAct(WALL);
    mono += 1_000;
    expect(g.mayAct(WALL + 3_600_000)).toBe(false);
    const begun = mono;
    mono += 1_000;
    expect(g.mayAct(WALL + 7_200_000)).toBe(false);
    g.received(begun);
    expect(g.mayAct(WALL + 7_200_100)).toBe(true);
  });

  it('tells the operator of the leap and of its end, with no more than how long', () => {
    const records: Record<string, unknown>[] = [];
    const g = new ResumeGate({ log: createLogger('debug', { write: (l: string) => void records.push(JSON.parse(l)) }), boundMs: 15_000, signal: 'poll', mono: () => mono });
    g.mayAct(WALL);
    g.received(mono);
    expect(records).toEqual([]);
    mono += 1_000;
    g.mayAct(WALL + 3_600_000);
    g.received(mono);
    expect(records.map(({ level, msg, leapMs }) => ({ level, msg, leapMs }))).toEqual([
      { level: 30, msg: 'the clock leapt forward (the machine slept?): check-in timers and lapses wait for the Signal messages held meanwhile', leapMs: 3_600_000 },
      { level: 30, msg: 'the Signal messages held through the leap were handled: check-in timers and lapses go on', leapMs: undefined },
    ]);
    mono += 1_000;
    g.mayAct(WALL + 7_200_000);
    mono += 15_000;
    g.mayAct(WALL + 7_215_000);
    expect(records.at(-1)).toMatchObject({ level: 40, waitedMs: 15_000 });
  });

  it('without a monotonic clock given, times the bound by the process’s own', () => {
    const g = new ResumeGate({ log, boundMs: 15_000, signal: 'poll' });
    g.mayAct(WALL);
    expect(g.mayAct(WALL + 3_600_000)).toBe(false);
    g.received(performance.now());
    expect(g.mayAct(WALL + 3_600_100)).toBe(true);
  });

  it('without Signal, nothing waits after a leap', () => {
    const g = gate(null);
    g.mayAct(WALL);
    expect(g.mayAct(WALL + 3_600_000)).toBe(true);
    expect(g.catchingUp).toBe(false);
  });
});
