/**
 * A member switches language in the middle of a guided report
 * (SPEC: replies come in the language she last used, or chose with LANG).
 * "ESPAÑOL" is taken for the answer to "When?" (it goes into the alert),
 * the next question comes in Spanish, and the one after back in English.
 */
import { catalog } from '../../src/bot/catalog';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import { openBody } from '../../src/store/outbox';
import { botWorld, exampleLine } from '../helpers/bot-world';

const ROSA = '+14155550171';

describe('LANG in the middle of a guided report', () => {
  it('keeps answering in the language she chose', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    expect(w.sms(ROSA, '1').reply).toBe(catalog('en').reportAsk('when'));
    // ESPAÑOL is read as the answer to "When?" (README: anything else is the answer); the next question is Spanish…
    expect(w.sms(ROSA, 'ESPAÑOL').reply).toBe(catalog('es').reportAsk('where'));
    // …and so must the one after it be: she chose Spanish and has not chosen again.
    expect(w.sms(ROSA, '415 Motel 6').reply).toBe(catalog('es').reportAsk('person'));
  });
});

// LANG with a language, or alone, is no answer: it was saved as one ("Où: LANG FR" in the read-back, the
// alert and the moderator's copy), and the question it answered was never asked.
describe('the LANG command in the middle of a guided report', () => {
  it('asks the same question again in the language she chose, and keeps nothing of it', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'UNIRSE 415');
    w.sms(ROSA, 'REPORTE');
    w.sms(ROSA, '1');
    expect(w.sms(ROSA, 'ayer 11pm').reply).toBe(catalog('es').reportAsk('where'));
    expect(w.sms(ROSA, 'LANG FR').reply).toBe(catalog('fr').reportAsk('where'));
    expect(w.sms(ROSA, 'Motel 6').reply).toBe(catalog('fr').reportAsk('person'));
    // Past the person, the vehicle, the contact and the notes: the read-back.
    ['PASSER', 'PASSER', 'PASSER'].forEach((skip) => w.sms(ROSA, skip));
    const review = w.sms(ROSA, 'PASSER').reply ?? '';
    expect(review).toContain('ENVOYER');
    expect(review).toContain('Motel 6');
    expect(review).not.toContain('LANG');
  });

  it('lists the languages for LANG alone and asks the same question again', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    expect(w.sms(ROSA, '1').reply).toBe(catalog('en').reportAsk('when'));
    const en = catalog('en');
    expect(w.sms(ROSA, 'LANG').reply).toBe(`${en.badLang(['EN', 'ES', 'FR', 'PT'])} ${en.reportAsk('when')}`);
    expect(w.sms(ROSA, 'last night').reply).toBe(en.reportAsk('where'));
  });

  it('keeps the chosen language for the questions of someone with no membership', async () => {
    const w = await botWorld();
    const STRANGER = '+14155550172';
    w.sms(STRANGER, 'REPORT');
    expect(w.sms(STRANGER, '1').reply).toBe(catalog('en').reportAsk('when'));
    expect(w.sms(STRANGER, 'LANG PT').reply).toBe(catalog('pt').reportAsk('when'));
    expect(w.sms(STRANGER, 'ontem 23h').reply).toBe(catalog('pt').reportAsk('where'));
  });
});

describe('LANG with an emoji or a mark in a guided report', () => {
  it('is LANG FR: the question again, in French', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    w.sms(ROSA, '1');
    expect(w.sms(ROSA, 'LANG FR 🙏').reply).toBe(catalog('fr').reportAsk('when'));
    expect(w.sms(ROSA, 'lang es!').reply).toBe(catalog('es').reportAsk('when'));
  });
});

// LANG opening a longer answer is her answer: Lang is a name ("Lang Nguyen") and a street's ("Lang St").
describe('an answer that opens with "Lang"', () => {
  it.each([
    ['Lang Nguyen, 40s, short, glasses'],
    ['Lang es su apellido, alto'],
  ])('"%s" is the person, and her language stays', async (answer) => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    w.sms(ROSA, '1');
    w.sms(ROSA, 'last night');
    expect(w.sms(ROSA, '415 Motel 6').reply).toBe(catalog('en').reportAsk('person'));
    expect(w.sms(ROSA, answer).reply).toBe(catalog('en').reportAsk('vehicle'));
    ['SKIP', 'SKIP'].forEach((skip) => w.sms(ROSA, skip));
    expect(w.sms(ROSA, 'SKIP').reply).toContain(answer.split(',')[0]);
  });
});

// DONE told her the report needs an area: that is the question LANG asks again, not "Where?".
describe('LANG after DONE said the report needs an area', () => {
  const MOBILE = '+447911100020'; // a UK mobile: no area of its own
  const UK_CODES = ['LDN', 'MAN', 'BHM', 'LDS', 'LIV', 'BRS', 'GLA', 'EDI', 'CDF', 'BEL'];

  it('says again, in her language, that it needs one, and her area then reads it back', async () => {
    const w = await botWorld({ regions: exampleLine('uk') });
    for (const text of ['REPORT', '1', 'last night', 'Ibis hotel Kings Cross', 'SKIP', 'SKIP', 'SKIP', 'SKIP']) w.sms(MOBILE, text);
    expect(w.sms(MOBILE, 'DONE').reply).toBe(catalog('en').reportDoneNeedsArea(UK_CODES));
    const fr = catalog('fr');
    expect(w.sms(MOBILE, 'LANG FR').reply).toBe(fr.reportDoneNeedsArea(UK_CODES));
    expect(w.sms(MOBILE, 'LANG').reply).toBe(`${fr.badLang(['EN', 'ES', 'FR', 'PT'])} ${fr.reportDoneNeedsArea(UK_CODES)}`);
    expect(w.sms(MOBILE, 'LDN').reply).toBe(fr.reportReview(['LDN'], fr.alertBody({ categories: ['violence'], when: 'last night', where: 'Ibis hotel Kings Cross' })));
  });
});

// The draft LANG asks again keeps who is filing it: a draft that lapses after LANG is filed and she is told, in her language.
describe('a draft that lapses after LANG', () => {
  it('is filed, and she is told so in the language she chose', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    w.sms(ROSA, '1');
    w.sms(ROSA, 'last night');
    expect(w.sms(ROSA, 'LANG FR').reply).toBe(catalog('fr').reportAsk('where'));
    w.clock.now += DRAFT_MS + 1;
    const before = (w.db.sqlite.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number | null }).id ?? 0;
    expect(w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now))).toEqual({ filed: 1, dropped: 0 });
    const rows = w.db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE id > ?').all(before) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
    const told = rows.map((r) => openBody(w.vault, r));
    const ref = /#[A-Z0-9]{4,6}/.exec(told[0] ?? '')?.[0] ?? 'no reference';
    expect(told).toEqual([catalog('fr').reportDraftFiled(ref, ['415'])]);
  });
});
