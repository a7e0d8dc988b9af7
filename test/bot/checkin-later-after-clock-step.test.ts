/**
 * LATER after the wall clock stepped back, while the escalation still waits
 * unsent: an escalated check-in's end has passed, so LATER 30 runs it 30
 * minutes from now, not 30 minutes from an end the old clock wrote (an hour
 * ahead with the clock an hour back: her buddy told an hour late).
 */
import type { CheckinRules } from '../../src/bot/line-rules';
import { CheckinTimers, type TimerRun } from '../../src/jobs/checkin-timers';
import { createLogger } from '../../src/log/logger';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const HOUR = 60 * MIN;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };

function job(w: BotWorld): { timers: CheckinTimers; runs: TimerRun[] } {
  const runs: TimerRun[] = [];
  const timers = new CheckinTimers({ db: w.db, vault: w.vault, log: createLogger('silent'), fallback: 'none', moderatorContacts: [], wake: () => undefined, now: () => w.clock.now, clock: w.clocks.checkins, onRun: (r) => void runs.push(r) });
  return { timers, runs };
}
const escalations = (runs: TimerRun[]) => runs.reduce((n, r) => n + r.escalated, 0);

describe('LATER on an escalation still unsent, after the clock stepped back', () => {
  it('runs the check-in the minutes asked from now, not from the end the old clock wrote', async () => {
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    const j = job(w);
    j.timers.tick();
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    w.clock.now += 30 * MIN;
    j.timers.tick();
    // Queued, not sent (SEND_RATE, a held lane).
    expect(escalations(j.runs)).toBe(1);
    w.clock.now += 5 * MIN;
    j.timers.tick();
    // NTP: the server's clock was an hour fast.
    w.clock.now -= HOUR;
    j.timers.tick();
    expect(w.sms(ROSE, 'LATER 30').reply).toMatch(/^Heads Up: no one had been told yet/);
    w.clock.now += 30 * MIN - 1;
    j.timers.tick();
    expect(escalations(j.runs)).toBe(1);
    w.clock.now += 1;
    j.timers.tick();
    expect(escalations(j.runs)).toBe(2);
  });
});
