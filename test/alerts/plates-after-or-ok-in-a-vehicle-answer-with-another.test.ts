/**
 * A vehicle answer naming a plate after its state, then another after "OR" or "OK" in capitals ("WHITE TAHOE TX
 * ABC1234, OR 7ABC128"), lost the second: "OR" is no state of a California plate, so the plate was left to be read
 * alone, and the plates alone are read only when no state led to one. It is read there, with no state; a plate of
 * Oklahoma's or Oregon's shape after them is still theirs, and negated with them.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { alertIdentifiers } from '../../src/alerts/report-template';

const plates = (text: string) => identifiersIn(text, { vehicle: true }).filter((i) => i.kind === 'plate');

describe('a vehicle answer with a plate after its state, then another after "OR" or "OK"', () => {
  it.each([
    ['WHITE TAHOE TX ABC1234, OR 7ABC128', 'TX', 'ABC1234', '7ABC128'],
    ['TX ABC1234; OK 7ABC128 WAS HIS OTHER CAR', 'TX', 'ABC1234', '7ABC128'],
    ['GREY CIVIC CA 7ABC123, OK 8XYZ789 ON THE TRUCK', 'CA', '7ABC123', '8XYZ789'],
    ['grey van TX ABC1234, not OK 7ABC128', 'TX', 'ABC1234', '7ABC128'],
  ])('%j names both, the second with no state', (text, region, first, second) => {
    expect(plates(text)).toEqual([
      { kind: 'plate', value: first, region },
      { kind: 'plate', value: second },
    ]);
  });

  it.each([
    ['TX ABC1234, OK THANKS', ['ABC1234']],
    ['TX ABC1234, OR ELSE 12', ['ABC1234']],
    ['TX ABC1234, not OK ABC123', ['ABC1234']],
  ])('%j names only %j', (text, values) => {
    expect(plates(text).map((p) => p.value)).toEqual(values);
  });

  it('still reads "TX ABC1234, OK ABC123" as an Oklahoma plate', () => {
    expect(plates('TX ABC1234, OK ABC123')).toEqual([
      { kind: 'plate', value: 'ABC1234', region: 'TX' },
      { kind: 'plate', value: 'ABC123', region: 'OK' },
    ]);
  });

  it('the approved alert indexes the second plate, so CHECK finds it', () => {
    const ids = alertIdentifiers({ fields: { categories: ['violence'], vehicle: 'WHITE TAHOE TX ABC1234, OR 7ABC128' } });
    expect(ids.filter((i) => i.kind === 'plate').map((i) => i.value)).toEqual(['ABC1234', '7ABC128']);
  });
});
