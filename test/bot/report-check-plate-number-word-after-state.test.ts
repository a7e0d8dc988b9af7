/**
 * In a vehicle answer, a number word after the state ("TX NO ABC 123") was
 * read as the plate's first group: NOABC123 (TX), so CHECK ABC-123 said
 * nothing was known of a reported car. After a state, as after a plate
 * word, a number word is never the plate's.
 */
import { catalog } from '../../src/bot/catalog';
import { checkQueries, identifiersIn } from '../../src/alerts/identifiers';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const VEHICLE = { vehicle: true };
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('a number word after the state in a vehicle answer', () => {
  it.each([
    ['grey Honda TX NO ABC 123', 'ABC123'],
    ['grey Honda TX NO. ABC 123', 'ABC123'],
    ['grey Honda TX No: ABC-123', 'ABC123'],
    ['Honda gris TX NUMERO ABC 123', 'ABC123'],
    ['Honda gris TX NÚMERO ABC 123', 'ABC123'],
    ['Honda grise QC N° ABC 123', 'ABC123'],
    ['white F-150 TX NUMBER GHK 4432', 'GHK4432'],
  ])('%j names the plate without it', (text, value) => {
    const region = /\b(TX|QC)\b/.exec(text)?.[1];
    expect(identifiersIn(text, VEHICLE)).toEqual([{ kind: 'plate', value, region }]);
  });

  it('still reads a plate that starts with those letters: "TX NOX 123"', () => {
    expect(identifiersIn('grey Honda TX NOX 123', VEHICLE)).toEqual([{ kind: 'plate', value: 'NOX123', region: 'TX' }]);
  });

  it.each([
    ['plate TX NO ABC 123', 'TX'],
    ['his tag: QC NUM ABC 123', 'QC'],
  ])('%j, after a plate word too, in any text', (text, region) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value: 'ABC123', region }]);
    expect(identifiersIn(text, VEHICLE)).toEqual([{ kind: 'plate', value: 'ABC123', region }]);
  });

  it.each([['TX NO ABC 123'], ['TX NO. ABC 123'], ['TX No: ABC-123'], ['TX N° ABC 123'], ['TX NÚM. ABC 123']])(
    'is read so by CHECK %s',
    (query) => {
      expect(checkQueries(query)).toEqual([{ kind: 'plate', value: 'ABC123', region: 'TX' }]);
    },
  );

  it.each([
    ['grey van, plate TX NO. ABC 123, choked me', 'TX'],
    ['plate: QC N° ABC 123', 'QC'],
    ['plate TX NUMBER ABC 123', 'TX'],
  ])('%j, with its punctuation or a long number word, after a plate word too', (text, region) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value: 'ABC123', region }]);
  });

  it('once the guided report ("grey Honda TX NO. ABC 123") is approved, is found by CHECK TX NO. ABC 123', async () => {
    const w = await world();
    for (const answer of ['REPORT', '1', 'last night', '415 Motel 6', 'tall, beard', 'grey Honda TX NO. ABC 123']) say(w, REPORTER, answer);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK TX NO. ABC 123')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK TX N° ABC 123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });

  it('once the guided report is approved, is found by CHECK ABC-123', async () => {
    const w = await world();
    for (const answer of ['REPORT', '1', 'last night', '415 Motel 6', 'tall, beard', 'grey Honda TX NO ABC 123']) say(w, REPORTER, answer);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK ABC-123')).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK ABC-124')).toBe(t.checkNone());
  });
});
