/**
 * A reporter with no area (not a member, and a number no area claims: every UK mobile on the shipped UK line)
 * must be able to file. SPEC: "A sender who belongs to no area is asked which one"; DONE files "now; the reply
 * carries the reference". She was told "Text REPORT, the area code" (the line's codes never named), the "Where?"
 * question's example was 415 (no area of the line), and DONE asked "Where?" again with no reason, for ever.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findReport } from '../../src/store/reports';
import { botWorld, exampleLine, type BotWorld } from '../helpers/bot-world';

const MOBILE = '+447911100020'; // a UK mobile: no area of its own
const t = catalog('en');
const UK_CODES = ['LDN', 'MAN', 'BHM', 'LDS', 'LIV', 'BRS', 'GLA', 'EDI', 'CDF', 'BEL'];
const refOf = (reply: string) => /#[A-Z0-9]{4,6}/.exec(reply)?.[0] ?? 'no reference';

async function ukWorld(): Promise<BotWorld> {
  return botWorld({ regions: exampleLine('uk') });
}

function answers(w: BotWorld, texts: string[]): string {
  let last = '';
  for (const text of texts) last = w.sms(MOBILE, text).reply ?? '';
  return last;
}

describe('a report from a sender with no area', () => {
  it('in one message, is told the line\'s areas, and files with one of them', async () => {
    const w = await ukWorld();
    const asked = w.sms(MOBILE, 'REPORT he hit me at the Ibis').reply ?? '';
    expect(asked).toBe(t.reportNeedsArea(UK_CODES));
    for (const code of UK_CODES) expect(asked).toContain(code);
    const filed = w.sms(MOBILE, 'REPORT LDN he hit me at the Ibis').reply ?? '';
    expect(filed).toBe(t.reportReceived(refOf(filed), ['LDN']));
  });

  it('guided, is asked "Where?" with an area of the line, not 415', async () => {
    const w = await ukWorld();
    const where = answers(w, ['REPORT', '1', 'last night']);
    expect(where).not.toContain('415');
    expect(where).toContain('LDN');
  });

  it('guided, the read-back says the report has no area yet ("415 Ibis hotel": 415 is no area of the line)', async () => {
    const w = await ukWorld();
    const review = answers(w, ['REPORT', '1', 'last night', '415 Ibis hotel', 'SKIP', 'SKIP', 'SKIP', 'SKIP']);
    expect(review).toMatch(/^Your report \(no area yet\): /);
    expect(review).toBe(t.reportReview([], t.alertBody({ categories: ['violence'], when: 'last night', where: '415 Ibis hotel' })));
  });

  it('guided, DONE with no area says the report needs one; the area answer reads it back with the area, and DONE files it', async () => {
    const w = await ukWorld();
    const done = answers(w, ['REPORT', '1', 'last night', 'Ibis hotel Kings Cross', 'SKIP', 'SKIP', 'SKIP', 'SKIP', 'DONE']);
    expect(done).toBe(t.reportDoneNeedsArea(UK_CODES));
    expect(done).not.toBe(t.reportAsk('where'));
    expect(w.sms(MOBILE, 'LDN').reply).toBe(t.reportReview(['LDN'], t.alertBody({ categories: ['violence'], when: 'last night', where: 'Ibis hotel Kings Cross' })));
    const filed = w.sms(MOBILE, 'DONE').reply ?? '';
    expect(filed).toBe(t.reportReceived(refOf(filed), ['LDN']));
    // Filed once: the conversation is over.
    expect(w.sms(MOBILE, 'DONE').reply).toBe(t.hint());
  });

  it('guided, DONE early (after SKIP at where) then an area with a place reads both back, and DONE files it', async () => {
    const w = await ukWorld();
    expect(answers(w, ['REPORT', '1', 'SKIP', 'DONE'])).toBe(t.reportDoneNeedsArea(UK_CODES));
    expect(w.sms(MOBILE, 'london, the Ibis on Euston Rd').reply).toBe(t.reportReview(['LDN'], t.alertBody({ categories: ['violence'], where: 'the Ibis on Euston Rd' })));
    const filed = w.sms(MOBILE, 'DONE').reply ?? '';
    expect(filed).toBe(t.reportReceived(refOf(filed), ['LDN']));
    expect(findReport(w.db, w.vault, refOf(filed).slice(1))?.fields?.fields.where).toBe('the Ibis on Euston Rd');
  });

  it('guided, DONE then a place with no area is told again that an area is needed', async () => {
    const w = await ukWorld();
    answers(w, ['REPORT', '1', 'SKIP', 'DONE']);
    expect(w.sms(MOBILE, 'Ibis hotel').reply).toBe(t.reportDoneNeedsArea(UK_CODES));
    w.sms(MOBILE, 'LDN');
    const filed = w.sms(MOBILE, 'DONE').reply ?? '';
    expect(filed).toBe(t.reportReceived(refOf(filed), ['LDN']));
  });

  it('guided, an auto-reply to DONE\'s "needs an area" keeps the place she gave, which the area answer reads back and files', async () => {
    const w = await ukWorld();
    answers(w, ['REPORT', '1', 'last night', 'Ibis hotel Kings Cross', 'SKIP', 'SKIP', 'SKIP', 'SKIP', 'DONE']);
    expect(w.sms(MOBILE, "This is Jess, I'm driving, will text back").reply).toBe(t.reportDoneNeedsArea(UK_CODES));
    expect(w.sms(MOBILE, 'LDN').reply).toBe(t.reportReview(['LDN'], t.alertBody({ categories: ['violence'], when: 'last night', where: 'Ibis hotel Kings Cross' })));
    const filed = w.sms(MOBILE, 'DONE').reply ?? '';
    const report = findReport(w.db, w.vault, refOf(filed).slice(1));
    expect(report?.fields?.fields.where).toBe('Ibis hotel Kings Cross');
    expect(JSON.stringify(report?.fields)).not.toContain('Jess');
  });

  it('guided, over Signal with no number, DONE then "Houston St and Broadway" files nothing before she has seen where it goes', async () => {
    const w = await botWorld();
    const hidden: Sender = { channel: 'signal', address: '3c1d9e2a-7b4f-4e8a-9d2c-5f6a7b8c9d0e' };
    let n = 0;
    const say = (text: string) => w.bot.handle({ sender: hidden, text, providerId: `${hidden.address}:${++n}` }).reply ?? '';
    for (const a of ['REPORT', '1', 'last night', 'SKIP']) say(a);
    expect(say('DONE')).toBe(t.reportDoneNeedsArea(null, '415'));
    const shown = say('Houston St and Broadway');
    expect(shown).toBe(t.reportReview(['281', '346', '713', '832'], t.alertBody({ categories: ['violence'], when: 'last night', where: 'Houston St and Broadway' })));
    expect(say('BACK')).toBe(t.reportAsk('other'));
    expect(say('DROP')).toBe(t.reportCancelled());
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 0 });
  });
});
