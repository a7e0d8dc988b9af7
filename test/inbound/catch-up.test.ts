/**
 * Start-up's catch-up keeps its own bound: whatever should have ended the
 * wait and did not (a receiver that failed to start), what waits for it
 * (delivery, the check-in timers) starts once the bound has passed.
 */
import { CatchUp } from '../../src/inbound/catch-up';
import { createLogger } from '../../src/log/logger';

describe('the catch-up at start', () => {
  const lines: string[] = [];
  const log = createLogger('debug', { write: (l: string) => void lines.push(JSON.parse(l).msg) });

  beforeEach(() => {
    jest.useFakeTimers();
    lines.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('starts what waits once the bound has passed, though nothing said it caught up, and says so', () => {
    const catchUp = new CatchUp(log, 15_000);
    const started: string[] = [];
    catchUp.whenDone('delivery', () => started.push('delivery'));
    catchUp.begin();
    jest.advanceTimersByTime(14_999);
    expect(started).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(started).toEqual(['delivery']);
    expect(lines).toEqual(['start-up did not catch up in time: check-in timers and sending start now']);
  });

  it('caught up before the bound: starts then, once, and no warning comes', () => {
    const catchUp = new CatchUp(log, 15_000);
    const started: string[] = [];
    catchUp.whenDone('delivery', () => started.push('delivery'));
    catchUp.begin();
    catchUp.done();
    jest.advanceTimersByTime(60_000);
    expect(started).toEqual(['delivery']);
    expect(lines).toEqual([]);
  });

  it('closing before the bound: nothing starts', () => {
    const catchUp = new CatchUp(log, 15_000);
    const started: string[] = [];
    catchUp.whenDone('delivery', () => started.push('delivery'));
    catchUp.begin();
    catchUp.close();
    jest.advanceTimersByTime(60_000);
    expect(started).toEqual([]);
  });
});
