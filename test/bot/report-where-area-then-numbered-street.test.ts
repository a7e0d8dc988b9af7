/**
 * abb6888 meant a house number to be an address again when its street has its
 * own number "after a direction or a route word" ("212 SW 8 St", "415 FM 1960
 * Rd"); but any word there counts: "212 midtown 34 St" (the area 212, then
 * the place) now reads 212 as a house number, so a 305 member's report about
 * New York files for 305 only, and New York is never warned.
 */
import { Regions } from '../../src/alerts/regions';
import { answerDraft, newDraft, type Draft } from '../../src/bot/report-dialogue';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const regions = Regions.load();
const atWhere: Draft = { ...newDraft([]), categories: ['violence'], step: 'where' };
const where = (text: string) => {
  const next = answerDraft(atWhere, text, (words) => regions.areaWords(words));
  return next.kind === 'ask' ? { areas: next.draft.areas, where: next.draft.where } : next.kind;
};
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('an area code, then a place word, then a numbered street', () => {
  it.each([
    ['212 midtown 34 St', ['212'], 'midtown 34 St'],
    ['713 Motel 6 Hwy', ['713'], 'Motel 6 Hwy'],
  ])('%j still names its area', (text, areas, place) => {
    expect(where(text)).toEqual({ areas, where: place });
  });

  it('a 305 member reporting "212 midtown 34 St" files for New York (212)', async () => {
    const mod = '+14155550199';
    const member = '+13055550111';
    const w = await botWorld({ moderators: new Set([mod]), moderatorContacts: [sms(mod)] });
    w.sms(member, 'JOIN 305');
    for (const a of ['REPORT', '1', 'fri 11pm', '212 midtown 34 St']) w.sms(member, a);
    expect(w.sms(member, 'DONE').reply).toMatch(/#[A-Z0-9]{4,6}/);
    expect(w.sms(mod, 'PENDING').reply ?? '').toMatch(/212/);
  });
});
