/**
 * A wall clock stepped back (NTP correcting a fast clock, a VM restored):
 * a guided report's draft lapses 30 minutes after its last answer, and
 * an open question an hour after it was asked, by the time that passes,
 * not by the clock's reading. Were the expiry left as the old clock wrote
 * it, a draft that is filed with what it has at its lapse would reach the
 * moderators an hour late with the clock an hour back. As the outbox and
 * the check-in timers do (checkin-timers-clock-back.test.ts): the running
 * job moves the expiry back by the step; a job started after a step while
 * the server was down sees it against the latest time the conversations
 * hold; a restart after a step the running job followed does not move
 * them a second time.
 */
import { catalog } from '../../src/bot/catalog';
import { CONVERSATION_MS } from '../../src/bot/dialogues';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { expireReportDrafts, ReportDrafts } from '../../src/jobs/report-drafts';
import { createLogger } from '../../src/log/logger';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550100';
const MOD = '+14155550199';
const HIDDEN: Sender = { channel: 'signal', address: '0a1b2c3d-0000-4000-8000-00000000abcd' };
const MIN = 60_000;
const HOUR = 60 * MIN;
const t = catalog('en');

async function world(): Promise<BotWorld> {
  return botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
}

/** Rose's guided report, left after "when": it says what happened, so at its lapse it is filed with what it has. */
function draft(w: BotWorld): void {
  expect(w.sms(ROSE, 'REPORT').reply).toBe(t.reportAsk('what'));
  expect(w.sms(ROSE, '1 3').reply).toBe(t.reportAsk('when'));
  expect(w.sms(ROSE, 'last night').reply).toBe(t.reportAsk('where'));
}

/** The job over this world's database, on its clock. */
function job(w: BotWorld): { drafts: ReportDrafts; filed: () => number } {
  let filed = 0;
  const drafts = new ReportDrafts({
    db: w.db,
    log: createLogger('silent'),
    now: () => w.clock.now,
    // The bot's: messages read the clock for the job too.
    clock: w.clocks.conversations,
    expire: () => {
      const done = w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
      filed += done.filed;
      return done;
    },
  });
  return { drafts, filed: () => filed };
}

describe('report drafts and open questions, with the wall clock stepped back', () => {
  it('while running: a draft lapses 30 minutes after its last answer, and is filed then', async () => {
    const w = await world();
    const t0 = w.clock.now;
    const j = job(w);
    j.drafts.tick();
    draft(w);
    w.clock.now = t0 + MIN;
    j.drafts.tick();
    // NTP: the clock was an hour fast.
    w.clock.now = t0 + MIN - HOUR;
    j.drafts.tick();
    w.clock.now = t0 + DRAFT_MS - HOUR - 1;
    j.drafts.tick();
    expect(j.filed()).toBe(0);

    w.clock.now = t0 + DRAFT_MS - HOUR;
    j.drafts.tick();

    expect(j.filed()).toBe(1);
  });

  it('while running: an open question lapses an hour after it was asked', async () => {
    const w = await world();
    const t0 = w.clock.now;
    const j = job(w);
    j.drafts.tick();
    let n = 0;
    const say = (text: string) => w.bot.handle({ sender: HIDDEN, text, providerId: `${HIDDEN.address}:${++n}` }).reply;
    // A hidden number belongs to no area: which one?
    expect(say('JOIN')).toBe(t.joinWhichArea());
    w.clock.now = t0 + MIN;
    j.drafts.tick();
    w.clock.now = t0 + MIN - HOUR;
    j.drafts.tick();

    w.clock.now = t0 + CONVERSATION_MS - HOUR;

    expect(say('415')).not.toBe(t.joined(['415']));
  });

  it('stepped back while the server was down: seen at start against the latest time the conversations hold', async () => {
    const w = await world();
    const t0 = w.clock.now;
    draft(w);
    // The server restarts at once, an hour back.
    w.clock.now = t0 - HOUR;
    const j = job(w);
    j.drafts.start();
    j.drafts.stop();

    w.clock.now = t0 + DRAFT_MS - HOUR;
    j.drafts.tick();

    expect(j.filed()).toBe(1);
  });

  it('a restart after a step the running job followed does not move the expiry a second time', async () => {
    const w = await world();
    const t0 = w.clock.now;
    const first = job(w);
    first.drafts.tick();
    draft(w);
    w.clock.now = t0 + MIN;
    first.drafts.tick();
    w.clock.now = t0 + MIN - HOUR;
    first.drafts.tick();
    w.clock.now = t0 + 2 * MIN - HOUR;
    const second = job(w);
    second.drafts.start();
    second.drafts.stop();

    w.clock.now = t0 + DRAFT_MS - HOUR - 1;
    second.drafts.tick();
    expect(second.filed()).toBe(0);
    w.clock.now = t0 + DRAFT_MS - HOUR;
    second.drafts.tick();
    expect(second.filed()).toBe(1);
  });
});
