/**
 * LATER had no lower bound: "LATER 1.30", "LATER 1 30m", "LATER 1 y 30"
 * (an hour and a half, or until 1:30) were read as a minute or so, and her
 * buddies were told a minute after the end she thought she had moved an hour
 * on. LATER now takes no fewer minutes than CHECKIN does (CHECKIN_MIN_MINUTES).
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };

/** Rose, her buddy accepted, at minute 59 of a 60-minute check-in; `join` in her language. */
async function atMinute59(join = 'JOIN', buddy = 'BUDDY 415-555-0177 Rose', accept = 'ACCEPT') {
  const w = await botWorld({ checkins: RULES });
  w.sms(ROSE, join);
  w.sms(ROSE, buddy);
  w.sms(BUDDY, accept);
  const start = w.clock.now;
  w.sms(ROSE, 'CHECKIN 60 red car');
  w.clock.now = start + 59 * MIN;
  const escalatedAt = (minute: number) => {
    w.clock.now = start + minute * MIN;
    return runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;
  };
  return { w, escalatedAt };
}

describe('LATER below the shortest check-in', () => {
  it.each(['LATER 1.30', 'LATER 1 30', 'LATER 1 30m', 'LATER 2 15min', 'LATER 1 y 30', 'LATER 1 and 30', 'LATER 5'])(
    '%j at minute 59 is refused and moves nothing: her buddy is told at the end',
    async (text) => {
      const { w, escalatedAt } = await atMinute59();
      expect(w.sms(ROSE, text).reply).toBe(catalog('en').laterUsage(720, 10));
      expect(escalatedAt(60)).toBe(1);
    },
  );

  it('is refused in her language', async () => {
    const { w, escalatedAt } = await atMinute59('REJOINDRE', 'BINOME 415-555-0177 Rose', 'ACCEPTER');
    expect(w.sms(ROSE, 'PROLONGER 1.30').reply).toBe(catalog('fr').laterUsage(720, 10));
    expect(escalatedAt(60)).toBe(1);
  });

  it.each([
    ['LATER 30', 30],
    ['LATER 1h 30', 90],
    ['LATER 90', 90],
    ['LATER 10', 10],
  ])('%j at minute 59 still moves the end on by %d minutes', async (text, minutes) => {
    const { w, escalatedAt } = await atMinute59();
    expect(w.sms(ROSE, text).reply).toMatch(/^Heads Up: check-in extended to/);
    expect(escalatedAt(60 + minutes - 1)).toBe(0);
    expect(escalatedAt(60 + minutes)).toBe(1);
  });
});

describe('LATER on a line whose check-ins are long (CHECKIN_MIN_MINUTES=45)', () => {
  const LONG: CheckinRules = { ...RULES, minMinutes: 45 };
  /** Rose with a running 60-minute check-in, her buddy accepted. */
  async function started() {
    const w = await botWorld({ checkins: LONG });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    w.sms(ROSE, 'CHECKIN 60 red car');
    return w;
  }

  it('takes the LATER 30 her reminder suggests: its floor is 10 minutes, not 45', async () => {
    const w = await started();
    expect(w.sms(ROSE, 'LATER 30').reply).toMatch(/^Heads Up: check-in extended to/);
  });

  it('refuses LATER 5 naming the floor', async () => {
    const w = await started();
    const reply = w.sms(ROSE, 'LATER 5').reply;
    expect(reply).toBe(catalog('en').laterUsage(720, 10));
    expect(reply).toContain('at least 10');
  });

  it('refuses LATER 11 30 (an hour and a half, or until 11:30?) naming the floor', async () => {
    const w = await started();
    expect(w.sms(ROSE, 'LATER 11 30').reply).toBe(catalog('en').laterUsage(720, 10));
  });
});
