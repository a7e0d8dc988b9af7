/**
 * Lapsed guided reports that say what happened but have no area to go to
 * (a Signal sender with a hidden number, not subscribed, who skipped
 * "where"): the draft is dropped, and she is told it lacked an area and how
 * to give one, not that it "didn't say what happened".
 */
import { catalog } from '../../src/bot/catalog';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import type { Lang } from '../../src/domain/lang';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import type { Sender } from '../../src/phone/identity';
import { openBody } from '../../src/store/outbox';
import { botWorld, exampleLine } from '../helpers/bot-world';

const HIDDEN: Sender = { channel: 'signal', address: '0a1b2c3d-0000-4000-8000-00000000abcd' };
const MOD = '+14155550199';
// The report keyword she starts with sets the draft's language.
const REPORT: Record<Lang, string> = { en: 'REPORT', es: 'REPORTE', fr: 'SIGNALER', pt: 'DENUNCIA' };

describe('a lapsed draft with what happened but no area', () => {
  it.each(['en', 'es', 'fr', 'pt'] as const)('(%s) is dropped, and she is told it named no area and how to give one', async (lang) => {
    const t = catalog(lang);
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    let n = 0;
    const say = (text: string) => w.bot.handle({ sender: HIDDEN, text, providerId: `${HIDDEN.address}:${++n}` }).reply;
    expect(say(REPORT[lang])).toBe(t.reportAsk('what'));
    expect(say('1 3')).toBe(t.reportAsk('when'));
    expect(say('last night')).toBe(t.reportAsk('where'));
    expect(say('SKIP')).toBe(t.reportAsk('person'));
    expect(say('tall, beard, calls himself Rick')).toBe(t.reportAsk('vehicle'));
    w.clock.now += DRAFT_MS + 1;
    // What the job tells her: the text of the row queued to her address.
    const before = (w.db.sqlite.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number | null }).id ?? 0;
    const result = w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
    const rows = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE id > ?').all(before) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
    const told = rows.map((r) => openBody(w.vault, r));
    expect(result).toEqual({ filed: 0, dropped: 1 });
    expect(told).toEqual([t.reportDraftNoArea()]);
    // What it tells her to text starts a report for that area.
    const retry = /[A-Z]+ 415/.exec(told[0] ?? '')?.[0] ?? 'none';
    expect(say(retry)).toBe(t.reportAsk('what'));
  });

  it('on a line of its own areas, tells her one of them, not 415, and what it says to text starts a report there', async () => {
    const t = catalog('en');
    const w = await botWorld({ regions: exampleLine('uk'), moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    const mobile = '+447911100020'; // a UK mobile: no area of its own
    for (const a of ['REPORT', '1 3', 'SKIP']) w.sms(mobile, a);
    w.clock.now += DRAFT_MS + 1;
    const before = (w.db.sqlite.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number | null }).id ?? 0;
    w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
    const rows = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE id > ?').all(before) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
    const told = rows.map((r) => openBody(w.vault, r));
    expect(told).toEqual([t.reportDraftNoArea('LDN')]);
    expect(told[0]).not.toContain('415');
    const retry = /REPORT [A-Z]{3}/.exec(told[0] ?? '')?.[0] ?? 'none';
    expect(w.sms(mobile, retry).reply).toBe(t.reportAsk('what'));
  });
});
