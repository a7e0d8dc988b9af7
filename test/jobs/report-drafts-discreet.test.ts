/**
 * The notice that a guided report's draft lapsed arrives unasked, half an
 * hour later, maybe with the client beside her: for a member who chose
 * DISCREET it is as plain as her alerts, and names no report nor the line.
 */
import { catalog, LANGS } from '../../src/bot/catalog';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

/** What the job tells the reporter once her draft has lapsed. */
function lapse(w: BotWorld): string[] {
  const before = w.queued(sms(REPORTER)).length;
  w.clock.now += DRAFT_MS + 1;
  w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
  return w.queued(sms(REPORTER)).slice(before).map((m) => m.text);
}

const NAMES_IT = /report|reporte|signalement|denuncia|heads up/i;

describe('the lapsed-draft notice to a member who chose DISCREET', () => {
  it.each([['en', 'REPORT'], ['es', 'REPORTE']] as const)('(%s) says a filed draft went through, naming no report', async (lang, keyword) => {
    const t = catalog(lang);
    const w = await world();
    w.sms(REPORTER, lang === 'en' ? 'DISCREET' : 'DISCRETO');
    for (const a of [keyword, '1', 'last night']) w.sms(REPORTER, a);
    const told = lapse(w);
    const ref = /#[A-Z0-9]{4,6}/.exec(told[0] ?? '')?.[0] ?? 'none';
    expect(told[0]).not.toMatch(NAMES_IT);
    expect(told).toEqual([t.discreetDraftFiled(ref)]);
  });

  it('says a dropped draft was not sent, naming no report', async () => {
    const w = await world();
    w.sms(REPORTER, 'DISCREET');
    for (const a of ['REPORT', 'SKIP', 'last night']) w.sms(REPORTER, a);
    const told = lapse(w);
    expect(told[0]).not.toMatch(NAMES_IT);
    expect(told).toEqual([catalog('en').discreetDraftDropped()]);
  });

  it('is the plain notice for a member who did not choose DISCREET', async () => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night']) w.sms(REPORTER, a);
    expect(lapse(w)[0]).toMatch(/^Heads Up: your unfinished report was sent/);
  });

  it('is discreet for a member who chose it on SMS and reported over Signal, her number showing, with no Signal membership', async () => {
    const w = await world();
    expect(w.sms(REPORTER, 'DISCREET').reply).toBe(catalog('en').discreetOn('sms'));
    const uuid = '0a1b2c3d-0000-4000-8000-00000000beef';
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: uuid, phone: REPORTER }, text, providerId: `sig:${++n}` });
    for (const a of ['REPORT', '1', 'last night']) signal(a);
    w.clock.now += DRAFT_MS + 1;
    w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
    const told = w.direct(uuid);
    const ref = /#[A-Z0-9]{4,6}/.exec(told[0] ?? '')?.[0] ?? 'none';
    expect(told).toEqual([catalog('en').discreetDraftFiled(ref)]);
  });

  // As test/e2e/discreet.test.ts keeps them out of the alert's notice: its subject, the line's purpose, its name.
  const FORBIDDEN = ['date', 'bad', 'client', 'violen', 'assault', 'agress', 'sex', 'danger', 'peligro', 'perigo', 'safe', 'seguro', 'warn', 'alert', 'report', 'denun', 'signal', 'abuse', 'police', 'moderat', 'heads up'];
  it.each(LANGS)('(%s) keeps the words that name its subject or the line out of both notices', (lang) => {
    const t = catalog(lang);
    for (const text of [t.discreetDraftFiled('#ABC234'), t.discreetDraftDropped()]) {
      expect(FORBIDDEN.filter((w) => text.toLowerCase().includes(w))).toEqual([]);
    }
  });
});
