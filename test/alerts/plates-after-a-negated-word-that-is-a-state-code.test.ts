/**
 * "OK" and "OR" are words as well as state codes: a vehicle answer "Accord definitely not OK 7ABC123" lost its plate,
 * the negation of the word "OK" read as the negation of an Oklahoma plate. Such a code is a state only before a plate
 * of that state's shape (three letters and three digits, either way round): before any other it is a word, and its
 * negation leaves the plate after it read. A negation of a state before a plate of its shape still names none.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate');

describe('a negated word that is also a state code, before a plate', () => {
  it.each([
    'Accord definitely not OK 7ABC123',
    'grey Accord, not OK, 7ABC123',
    'silver Camry not OR 7ABC123',
  ])('%j names the plate, with no state', (text) => {
    expect(plates(text, true)).toEqual([{ kind: 'plate', value: '7ABC123' }]);
  });

  it.each(['choked me, grey Accord definitely not OK 7ABC123', 'grey Camry, not OR 7ABC123, took my phone'])(
    '%j names the plate with no state in a one-message report too',
    (text) => {
      expect(plates(text)).toEqual([{ kind: 'plate', value: '7ABC123' }]);
    },
  );

  it('in an alert\'s vehicle sentence too', () => {
    expect(plates('Vehicle: grey Accord definitely not OK 7ABC123.').map((p) => p.value)).toEqual(['7ABC123']);
  });

  it.each([
    ['grey van TX ABC1234, not OK ABC123', ['ABC1234']],
    ['grey van TX ABC1234, not OR 123ABC', ['ABC1234']],
    ['grey van TX ABC1234, not CA 7ABC128', ['ABC1234']],
    ['silver Civic 7ABC123, definitely not 7ABC128', ['7ABC123']],
  ])('%j still names %j: a state before a plate of its shape is negated with it', (text, values) => {
    expect(plates(text, true).map((p) => p.value)).toEqual(values);
  });

  it('still reads "OK ABC123" as an Oklahoma plate', () => {
    expect(plates('grey Accord OK ABC123', true)).toEqual([{ kind: 'plate', value: 'ABC123', region: 'OK' }]);
  });
});
