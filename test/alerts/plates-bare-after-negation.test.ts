/**
 * In a vehicle answer a plate with no plate word right after a negation was read as the car's: "silver Civic 7ABC123,
 * definitely not 7ABC128" indexed 7ABC128, a car she says it was not, and CHECK of it would warn against an
 * innocent. A bare plate whose word before it (or the one before that, after an adverb) is a negation is skipped.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a bare plate after a negation in a vehicle answer', () => {
  it.each([
    ['silver Civic 7ABC123, definitely not 7ABC128', ['7ABC123']],
    ['grey van, not 7ABC128', []],
    ['grey van 7ABC123, not really 7ABC128', ['7ABC123']],
    ['grey van 7ABC123 nor 7ABC128', ['7ABC123']],
    ['camioneta gris 7ABC123, ni 7ABC128', ['7ABC123']],
    ['carro cinza 7ABC123, nem 7ABC128', ['7ABC123']],
    ['carro cinza 7ABC123, não 7ABC128', ['7ABC123']],
    ['voiture grise 7ABC123, pas 7ABC128', ['7ABC123']],
    ['carro gris 7ABC123, no es 7ABC128', ['7ABC123']],
    ['grey van TX ABC1234, not CA 7ABC128', ['ABC1234']],
  ])('%j names %j', (text, values) => {
    expect(plates(text, true)).toEqual(values);
  });

  it.each([
    ['grey van, not tinted, 7ABC123', ['7ABC123']],
    ['silver Civic not new 7ABC123', ['7ABC123']],
    ['cannot forget 7ABC123', ['7ABC123']],
    ['not sure 7ABC123', ['7ABC123']],
  ])('%j still names %j: the negation is about another word', (text, values) => {
    expect(plates(text, true)).toEqual(values);
  });

  it('in an alert\'s vehicle sentence too: "Vehicle: grey Honda 7ABC123, not 7ABC128."', () => {
    expect(plates('Vehicle: grey Honda 7ABC123, not 7ABC128. Took my phone')).toEqual(['7ABC123']);
  });
});
