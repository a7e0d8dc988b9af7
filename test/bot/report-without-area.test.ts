/**
 * A reporter with no area (not a member, and a number no area claims: every UK mobile on the shipped UK line)
 * must be able to file. SPEC: "A sender who belongs to no area is asked which one"; DONE files "now; the reply
 * carries the reference". She was told "Text REPORT, the area code" (the line's codes never named), the "Where?"
 * question's example was 415 (no area of the line), and DONE asked "Where?" again with no reason, for ever.
 */
import { catalog } from '../../src/bot/catalog';
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

  it('guided, DONE with no area says the report needs one, and the area answer files it with its reference', async () => {
    const w = await ukWorld();
    const done = answers(w, ['REPORT', '1', 'last night', 'Ibis hotel Kings Cross', 'SKIP', 'SKIP', 'SKIP', 'SKIP', 'DONE']);
    expect(done).toBe(t.reportDoneNeedsArea(UK_CODES));
    expect(done).not.toBe(t.reportAsk('where'));
    const filed = w.sms(MOBILE, 'LDN').reply ?? '';
    expect(filed).toBe(t.reportReceived(refOf(filed), ['LDN']));
    // Filed once: the conversation is over.
    expect(w.sms(MOBILE, 'DONE').reply).toBe(t.hint());
  });

  it('guided, DONE early (after SKIP at where) then an area with a place files it', async () => {
    const w = await ukWorld();
    expect(answers(w, ['REPORT', '1', 'SKIP', 'DONE'])).toBe(t.reportDoneNeedsArea(UK_CODES));
    const filed = w.sms(MOBILE, 'london, the Ibis on Euston Rd').reply ?? '';
    expect(filed).toBe(t.reportReceived(refOf(filed), ['LDN']));
  });

  it('guided, DONE then a place with no area is told again that an area is needed', async () => {
    const w = await ukWorld();
    answers(w, ['REPORT', '1', 'SKIP', 'DONE']);
    expect(w.sms(MOBILE, 'Ibis hotel').reply).toBe(t.reportDoneNeedsArea(UK_CODES));
    const filed = w.sms(MOBILE, 'LDN').reply ?? '';
    expect(filed).toBe(t.reportReceived(refOf(filed), ['LDN']));
  });
});
