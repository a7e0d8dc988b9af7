/**
 * How long the trust of a member's changed key is tried again: as long as
 * the outbox tries a send (at least maxAttempts tries, and until maxAgeMs
 * after the report), then given up; a second report while it is tried
 * starts nothing more. Jest's timers and a clock moved by hand stand in for time.
 */
import { Writable } from 'node:stream';
import { ChangedKeyTrust, type TrustOutcome } from '../../../src/channels/signal/changed-key-trust';
import { createLogger } from '../../../src/log/logger';

const UUID = '7a6b5c4d-3e2f-4a1b-9c8d-000000000090';

describe('ChangedKeyTrust', () => {
  let t = 0;
  let calls = 0;
  let trust: ChangedKeyTrust;
  const lines: string[] = [];
  const make = (answer: (n: number) => TrustOutcome) =>
    new ChangedKeyTrust({
      trust: async () => answer(++calls),
      log: createLogger('debug', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) })),
      backoff: { baseMs: 100, maxMs: 1_000, maxAttempts: 3 },
      maxAgeMs: 60_000,
      now: () => t,
    });
  /** Lets the attempts due within `ms` run, `step` ms of clock at a time. */
  const pass = async (ms: number, step = 1_000) => {
    for (let i = 0; i < ms; i += step) {
      t += step;
      await jest.advanceTimersByTimeAsync(step);
    }
  };
  beforeEach(() => {
    jest.useFakeTimers();
    t = 0;
    calls = 0;
    lines.length = 0;
  });
  afterEach(() => {
    trust.close();
    jest.useRealTimers();
  });

  it('tries again after an outage until the trust takes, once for two reports', async () => {
    trust = make((n) => (n < 3 ? 'trust_unavailable' : 'trusted'));
    trust.begin(UUID);
    trust.begin(UUID);
    await pass(10_000);
    expect(calls).toBe(3);
    // Done: a later report starts afresh.
    trust.begin(UUID);
    await pass(1_000);
    expect(calls).toBe(4);
  });

  it('goes on past maxAttempts until maxAgeMs, then gives up, saying so without naming her', async () => {
    trust = make(() => 'identities_unavailable');
    trust.begin(UUID);
    await pass(30_000);
    // Past 3 tries, still trying: the report is 30 s old of 60.
    const halfway = calls;
    expect(halfway).toBeGreaterThan(3);
    await pass(60_000);
    const atEnd = calls;
    await pass(60_000);
    expect(calls).toBe(atEnd);
    expect(lines.filter((l) => l.includes('gave up trusting'))).toHaveLength(1);
    expect(lines.join('')).not.toContain(UUID);
  });

  it('tries nothing more once closed', async () => {
    trust = make(() => 'trust_unavailable');
    trust.begin(UUID);
    await pass(1_000);
    const before = calls;
    trust.close();
    await pass(10_000);
    expect(calls).toBe(before);
  });
});
