import { DEFAULT_LIMITS } from '../../src/bot/context';
import { startHarness, type Harness } from '../helpers/harness';
import { clockFrom, EARLY_IN_A_DAY } from '../helpers/steady-clock';

describe('per-sender limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // Each test's messages fall in one hour's and one day's window, whenever the suite runs.
      now: clockFrom(EARLY_IN_A_DAY),
      limits: { ...DEFAULT_LIMITS, messages: { max: 4, windowMs: 3_600_000 }, reports: { max: 1, windowMs: 86_400_000 }, checks: { max: 1, windowMs: 3_600_000 } },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('drops a flooding sender silently, but still honours their STOP (unanswered: an answer is a message the line pays for)', async () => {
    const flood = '+13035550100';
    // Not the same message three times in a row: the third would go unanswered as a repeat (steps/repeats.ts), not for the limit.
    for (const text of ['JOIN', 'AREAS', 'JOIN', 'AREAS']) expect((await h.sms(flood, text)).message).not.toBeNull();
    expect((await h.sms(flood, 'AREAS')).message).toBeNull();
    expect((await h.sms(flood, 'please stop texting me')).message).toBeNull();
    const row = h.server.db.sqlite.prepare('SELECT count(*) AS n FROM subscriptions').get() as { n: number };
    expect(row.n).toBe(0);
  });

  it('limits reports per day with a clear reply', async () => {
    const first = await h.sms('+13035550101', 'REPORT 303 red car');
    const second = await h.sms('+13035550101', 'REPORT 303 red car again');
    expect(first.message).toMatch(/#[A-Z0-9]{4,6}/);
    expect(second.message).toContain('most reports');
  });

  it('limits CHECK look-ups so the list cannot be harvested', async () => {
    await h.sms('+13035550102', 'JOIN');
    expect((await h.sms('+13035550102', 'CHECK 303-555-0177')).message).toContain('no alerts');
    expect((await h.sms('+13035550102', 'CHECK 303-555-0178')).message).toContain('most checks');
  });
});
