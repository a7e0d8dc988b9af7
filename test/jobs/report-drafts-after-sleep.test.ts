/**
 * The laptop slept past a guided report's lapse while her answer, sent in
 * time, waited at Signal. The drafts job must not file the draft short at
 * its first run after waking: it waits for the resume's catch-up (a Signal
 * receive begun after the leap was seen, handled), then lapses as usual.
 */
import { catalog } from '../../src/bot/catalog';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { ResumeGate } from '../../src/inbound/resume-gate';
import { expireReportDrafts, ReportDrafts } from '../../src/jobs/report-drafts';
import { createLogger } from '../../src/log/logger';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const HOUR = 3_600_000;
const t = catalog('en');
const log = createLogger('silent');

it('a draft is not lapsed at the first run after a sleep, only once the resume has caught up', async () => {
  const w = await botWorld();
  let mono = 5_000;
  const gate = new ResumeGate({ log, boundMs: 15_000, signal: 'poll', mono: () => mono });
  const runs: Array<{ filed: number; dropped: number }> = [];
  const expire = () => {
    const done = w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
    runs.push(done);
    return done;
  };
  const drafts = new ReportDrafts({ db: w.db, log, now: () => w.clock.now, clock: w.clocks.conversations, expire, gate });
  expect(w.sms(ROSE, 'REPORT').reply).toBe(t.reportAsk('what'));
  expect(w.sms(ROSE, '1 3').reply).toBe(t.reportAsk('when'));
  drafts.follow();
  // The lid closes for an hour, past the draft's lapse; on waking the job's minute is due at once.
  w.clock.now += HOUR;
  expect(HOUR).toBeGreaterThan(DRAFT_MS);
  mono += 1_000;
  drafts.tick();
  expect(runs).toEqual([]);
  // A receive begun after the leap was seen has been handled (nothing of hers came): the next run lapses it.
  mono += 500;
  gate.received(mono);
  drafts.tick();
  expect(runs).toEqual([{ filed: 1, dropped: 0 }]);
});
