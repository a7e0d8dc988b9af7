/**
 * The server's jobs and its messages share the wall clock's followers
 * (DeadlineClocks); a job here takes the bot's, as parts/jobs.ts does.
 *
 * A deadline a message writes in the second between a step of the wall
 * clock back and the next read of the job that keeps it (the check-in
 * timers, ReportDrafts) is written by the new clock: it must not be moved
 * back with those the old clock wrote. A CHECKIN 30 would escalate at
 * once (her buddies told she missed a check-in she has just started), a
 * guided report's question would lapse as it is asked.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import { CheckinTimers, type TimerRun } from '../../src/jobs/checkin-timers';
import { expireReportDrafts, ReportDrafts } from '../../src/jobs/report-drafts';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const HOUR = 60 * MIN;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const t = catalog('en');
const log = createLogger('silent');

describe('a deadline written just after the clock stepped back', () => {
  it('a CHECKIN made before the timers read the clock again runs its whole time', async () => {
    const w = await botWorld({ checkins: RULES });
    const runs: TimerRun[] = [];
    const timers = new CheckinTimers({ db: w.db, vault: w.vault, log, fallback: 'none', moderatorContacts: [], wake: () => undefined, now: () => w.clock.now, clock: w.clocks.checkins, onRun: (r) => void runs.push(r) });
    w.sms(ROSE, 'JOIN');
    w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
    w.sms(BUDDY, 'ACCEPT');
    timers.tick();
    // NTP: the clock was an hour fast; the timers have not read it since.
    w.clock.now -= HOUR;
    w.sms(ROSE, 'CHECKIN 30 blue Honda');
    timers.tick();
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(0);
    w.clock.now += 30 * MIN;
    timers.tick();
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1);
  });

  it('a guided report begun before the drafts job read the clock again waits for its answers', async () => {
    const w = await botWorld();
    const drafts = new ReportDrafts({ db: w.db, log, now: () => w.clock.now, clock: w.clocks.conversations, expire: () => w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now)) });
    drafts.follow();
    w.clock.now -= HOUR;
    expect(w.sms(ROSE, 'REPORT').reply).toBe(t.reportAsk('what'));
    drafts.follow();
    expect(w.sms(ROSE, '1 3').reply).toBe(t.reportAsk('when'));
  });

  it('a CHECKIN that comes by the inbound path (the server\'s) runs its whole time too', async () => {
    const w = await botWorld({ checkins: RULES });
    const runs: TimerRun[] = [];
    const timers = new CheckinTimers({ db: w.db, vault: w.vault, log, fallback: 'none', moderatorContacts: [], wake: () => undefined, now: () => w.clock.now, clock: w.clocks.checkins, onRun: (r) => void runs.push(r) });
    const path = new InboundPath({ message: w.bot.message, log, metrics: new Metrics(w.db), now: () => w.clock.now, retry: { firstMs: 1_000, maxMs: 8_000, maxAttempts: 4, pollMs: 60_000 } });
    try {
      w.sms(ROSE, 'JOIN');
      w.sms(ROSE, 'BUDDY 415-555-0177 Rose');
      w.sms(BUDDY, 'ACCEPT');
      timers.tick();
      w.clock.now -= HOUR;
      await path.submit({ sender: { channel: 'sms', address: ROSE, phone: ROSE }, text: 'CHECKIN 30 blue Honda', providerId: 'SMstep1' }, 'response');
      timers.tick();
      expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(0);
    } finally {
      path.close();
    }
  });
});
