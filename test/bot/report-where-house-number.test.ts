/**
 * A house number that leads a guided report's "where" ("212 Elm St") is the
 * address's, not an area code (212 is New York): a number followed by a
 * street word is an address. "212" alone, "212 and 646" and "415 downtown"
 * still name areas.
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

describe('the "where" answer of a guided report', () => {
  it.each([
    ['212 Elm St', '212 Elm St'],
    ['212 Elm Street, room 4', '212 Elm Street, room 4'],
    ['212 W 34th St', '212 W 34th St'],
    ['415 Calle Ocho', '415 Calle Ocho'],
    ['514 rue Saint-Denis', '514 rue Saint-Denis'],
    ['305 Av. Paulista', '305 Av. Paulista'],
    ['713 Westheimer Rd', '713 Westheimer Rd'],
  ])('%j is an address: no area, the whole answer is the place', (text, place) => {
    expect(where(text)).toEqual({ areas: [], where: place });
  });

  it('keeps the areas before an address: "415 and 212 Elm St" names 415, then the place', () => {
    expect(where('415 and 212 Elm St')).toEqual({ areas: ['415'], where: '212 Elm St' });
  });

  it.each([
    ['212', ['212'], undefined],
    ['212 and 646', ['212', 'and', '646'], undefined],
    ['415 downtown', ['415'], 'downtown'],
    ['415, Mission St', ['415'], 'Mission St'],
    ['415 Motel 6 on Lombard St', ['415'], 'Motel 6 on Lombard St'],
  ])('%j still names its areas', (text, areas, place) => {
    expect(where(text)).toEqual({ areas, where: place });
  });

  it('files "212 Elm St" for the reporter\'s own area, not for New York', async () => {
    const mod = '+14155550199';
    const member = '+14155550111';
    const w = await botWorld({ moderators: new Set([mod]), moderatorContacts: [sms(mod)] });
    w.sms(member, 'JOIN 415');
    for (const a of ['REPORT', '1', 'fri 11pm', '212 Elm St']) w.sms(member, a);
    expect(w.sms(member, 'DONE').reply).toMatch(/#[A-Z0-9]{4,6}/);
    const pending = w.sms(mod, 'PENDING').reply ?? '';
    expect(pending).toMatch(/\(415\)/);
    expect(pending).not.toMatch(/212/);
  });
});

describe('a house number where the report would have no other area', () => {
  it('is the area: a reporter with no subscription and no number ("415 Lombard St") files for 415, not asked "where?" again and again', async () => {
    const mod = '+14155550199';
    const hidden: Sender = { channel: 'signal', address: '0a1b2c3d-0000-4000-8000-00000000abcd' };
    const w = await botWorld({ moderators: new Set([mod]), moderatorContacts: [sms(mod)] });
    let n = 0;
    const say = (text: string) => w.bot.handle({ sender: hidden, text, providerId: `${hidden.address}:${++n}` }).reply ?? '';
    for (const a of ['REPORT', '1', 'fri 11pm', '415 Lombard St']) say(a);
    expect(say('DONE')).toMatch(/#[A-Z0-9]{4,6}/);
    expect(w.sms(mod, 'PENDING').reply ?? '').toMatch(/\(415\)/);
  });
});

describe('an area code, then a linking word or another number, then a street', () => {
  it.each([
    ['212 on 5th Ave', ['212'], 'on 5th Ave'],
    ['305 near Ocean Dr', ['305'], 'near Ocean Dr'],
    ['415 at Lombard St', ['415'], 'at Lombard St'],
    ['514 sur la rue Sainte-Catherine', ['514'], 'sur la rue Sainte-Catherine'],
    ['305 en la Calle Ocho', ['305'], 'en la Calle Ocho'],
    ['212 350 5th Ave', ['212'], '350 5th Ave'],
    ['415 628 Mission St', ['415'], '628 Mission St'],
  ])('%j names the area, then the place', (text, areas, place) => {
    expect(where(text)).toEqual({ areas, where: place });
  });

  it.each([['619 A St'], ['212 W 34th St'], ['415 Calle Ocho']])('%j is still an address', (text) => {
    expect(where(text)).toEqual({ areas: [], where: text });
  });

  it.each([['212 W 34 St'], ['212 SW 8 St'], ['917 E 14 St'], ['415 FM 1960 Rd'], ['718 Route 9 Hwy']])(
    '%j is an address: the street\'s own number, after a direction or a route word, is no second area',
    (text) => {
      expect(where(text)).toEqual({ areas: [], where: text });
    },
  );

  it('a 305 member reporting "212 SW 8 St" (Calle Ocho, Miami) files for 305, not New York', async () => {
    const mod = '+14155550199';
    const member = '+13055550111';
    const w = await botWorld({ moderators: new Set([mod]), moderatorContacts: [sms(mod)] });
    w.sms(member, 'JOIN 305');
    for (const a of ['REPORT', '1', 'fri 11pm', '212 SW 8 St']) w.sms(member, a);
    expect(w.sms(member, 'DONE').reply).toMatch(/#[A-Z0-9]{4,6}/);
    const pending = w.sms(mod, 'PENDING').reply ?? '';
    expect(pending).toMatch(/\(305\)/);
    expect(pending).not.toMatch(/\(212\)/);
  });

  it('a 415 member away reports "212 on 5th Ave": it goes to 212 (New York), not to 415', async () => {
    const mod = '+14155550199';
    const member = '+14155550111';
    const w = await botWorld({ moderators: new Set([mod]), moderatorContacts: [sms(mod)] });
    w.sms(member, 'JOIN 415');
    for (const a of ['REPORT', '1', 'fri 11pm', '212 on 5th Ave']) w.sms(member, a);
    expect(w.sms(member, 'DONE').reply).toMatch(/#[A-Z0-9]{4,6}/);
    const pending = w.sms(mod, 'PENDING').reply ?? '';
    expect(pending).toMatch(/\(212\)/);
    expect(pending).not.toMatch(/\(415\)/);
  });
});

function sms(address: string): Sender {
  return { channel: 'sms', address, phone: address };
}
