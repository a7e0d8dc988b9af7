/**
 * A lapsed guided draft that is filed tells her the areas it went to, as the
 * reply to REPORT and to DONE does, so that she sees where it went (hers
 * when no answer named one). A discreet member's notice stays plain: the
 * areas of a report say where she was, on a lock screen anyone may read.
 */
import { catalog } from '../../src/bot/catalog';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld, sms } from '../helpers/report-world';

/** What the job tells the reporter once her draft has lapsed. */
function lapse(w: BotWorld): string[] {
  const before = w.queued(sms(REPORTER)).length;
  w.clock.now += DRAFT_MS + 1;
  w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
  return w.queued(sms(REPORTER)).slice(before).map((m) => m.text);
}

const refOf = (text: string) => /#[A-Z0-9]{4,6}/.exec(text)?.[0] ?? 'none';

describe('the notice that a lapsed guided draft was filed', () => {
  it('names the area its "where" answer gave', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'fri 11pm', '212 Hotel Edison']) w.sms(REPORTER, a);
    const [told = ''] = lapse(w);
    expect(told).toBe(catalog('en').reportDraftFiled(refOf(told), ['212']));
    expect(told).toContain('212');
  });

  it('names her own area when no answer named one, in her language', async () => {
    const w = await reportWorld();
    for (const a of ['REPORTE', '1', 'anoche']) w.sms(REPORTER, a);
    const [told = ''] = lapse(w);
    expect(told).toBe(catalog('es').reportDraftFiled(refOf(told), ['415']));
    expect(told).toContain('415');
  });

  it('names no area to a member who chose DISCREET', async () => {
    const w = await reportWorld();
    w.sms(REPORTER, 'DISCREET');
    for (const a of ['REPORT', '1', 'fri 11pm', '212 Hotel Edison']) w.sms(REPORTER, a);
    const [told = ''] = lapse(w);
    expect(told).toBe(catalog('en').discreetDraftFiled(refOf(told)));
    expect(told).not.toContain('212');
  });
});
