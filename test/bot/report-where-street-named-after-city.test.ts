/**
 * A street named after a city ("Houston St" in Manhattan, "Boston Rd" in the
 * Bronx) that opens a guided report's "where" is the place, not that city's
 * area codes: a name followed by a street word names the street.
 */
import { Regions } from '../../src/alerts/regions';
import { answerDraft, newDraft, type Draft } from '../../src/bot/report-dialogue';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const regions = Regions.load();
const atWhere: Draft = { ...newDraft([]), categories: ['violence'], step: 'where' };
const where = (text: string, elsewhere = true) => {
  const next = answerDraft(atWhere, text, (words) => regions.areaWords(words), elsewhere);
  return next.kind === 'ask' ? { areas: next.draft.areas, where: next.draft.where } : next.kind;
};
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('the "where" answer opening with a street named after a city', () => {
  it.each([
    ['Houston St and Broadway'],
    ['Boston Rd, Bronx'],
    ['Portland Ave, Brooklyn'],
    ['Houston Street by the deli'],
    ['Los Angeles St, downtown'],
    // A business after the street is no saint's name: Manhattan's Houston St, not Texas.
    ['Houston St Holiday Inn'],
    ['Houston St Best Western'],
    ['Houston St Motel 6'],
    ['houston st subway station'],
  ])('%j is a place: no area, the whole answer is the place', (text) => {
    expect(where(text)).toEqual({ areas: [], where: text });
  });

  it('keeps the areas before the street: "212, Houston St" is 212, then Houston St', () => {
    expect(where('212, Houston St')).toEqual({ areas: ['212'], where: 'Houston St' });
    expect(where('212 near Houston St')).toEqual({ areas: ['212'], where: 'near Houston St' });
  });

  it.each([
    ['Calle Houston 12', 'Calle Houston 12'],
    ['rue de Boston', 'rue de Boston'],
    ['Rua Portland, 40', 'Rua Portland, 40'],
  ])('%j, the street word before the name as Spanish, French and Portuguese write it, is a place too', (text, place) => {
    expect(where(text)).toEqual({ areas: [], where: place });
  });

  it.each([
    ['Houston, Westheimer Rd', ['Houston'], 'Westheimer Rd'],
    ['Boston downtown', ['Boston'], 'downtown'],
    ['Houston', ['Houston'], undefined],
  ])('%j still names the city', (text, areas, place) => {
    expect(where(text)).toEqual({ areas, where: place });
  });

  it('names the city when the report has no other area (filed somewhere rather than asked "where?" again and again), the place whole', () => {
    expect(where('Houston St and Broadway', false)).toEqual({ areas: ['Houston'], where: 'Houston St and Broadway' });
  });

  it.each([['Houston St and Broadway'], ['Boston Rd, Bronx'], ['Portland Ave, Brooklyn'], ['Houston St Holiday Inn']])(
    '%j from a member of 212 files for 212, the place whole',
    async (answer) => {
      const mod = '+14155550199';
      const member = '+12125550111';
      const w = await botWorld({ moderators: new Set([mod]), moderatorContacts: [sms(mod)] });
      w.sms(member, 'JOIN 212');
      for (const a of ['REPORT', '1', 'fri 11pm', answer]) w.sms(member, a);
      expect(w.sms(member, 'DONE').reply).toMatch(/#[A-Z0-9]{4,6}/);
      const pending = w.sms(mod, 'PENDING').reply ?? '';
      expect(pending).toMatch(/\(212(, 332, 646, 917)?\)/);
      const ref = /#([A-Z0-9]{4,6})/.exec(pending)![1]!;
      expect(w.sms(mod, `SHOW ${ref}`).reply).toContain(answer);
    },
  );
});
