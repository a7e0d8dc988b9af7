/**
 * A reporter at her day's report limit who texts REPORT is told so at once:
 * walked through every question first, she lost all she had typed at DONE
 * ("try again tomorrow"). Below the limit the questions start as ever.
 */
import { catalog } from '../../src/bot/catalog';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { findConversation } from '../../src/store/conversations';
import { memberIndex } from '../../src/store/members';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const draft = (w: BotWorld) => findConversation(w.db, w.vault, memberIndex(w.vault, sms(REPORTER)), w.clock.now);

describe("REPORT at the day's report limit", () => {
  it('is told the limit before the questions, and no draft opens', async () => {
    const w = await world();
    for (let i = 0; i < DEFAULT_LIMITS.reports.max; i++) expect(say(w, REPORTER, `REPORT 415 grey van number ${i}`)).toContain('Report #');
    expect(say(w, REPORTER, 'REPORT')).toBe(t.reportLimit());
    expect(draft(w)).toBeUndefined();
    // The next day the questions start.
    w.clock.now += 86_400_000;
    expect(say(w, REPORTER, 'REPORT')).toBe(t.reportAsk('what'));
  });

  it('one report short of it, the questions start and DONE files it', async () => {
    const w = await world();
    for (let i = 0; i < DEFAULT_LIMITS.reports.max - 1; i++) expect(say(w, REPORTER, `REPORT 415 grey van number ${i}`)).toContain('Report #');
    expect(say(w, REPORTER, 'REPORT')).toBe(t.reportAsk('what'));
    for (const a of ['1', 'Fri 11pm', '415 Motel 6']) say(w, REPORTER, a);
    expect(say(w, REPORTER, 'DONE')).toContain('Report #');
    expect(say(w, REPORTER, 'REPORT')).toBe(t.reportLimit());
  });
});
