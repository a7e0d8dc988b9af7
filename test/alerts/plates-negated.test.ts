/**
 * "placa no es ABC123" says the plate is NOT ABC123: reading ABC123 from it
 * sent a moderator after an unrelated car and told a member CHECK ABC123
 * that it was in an alert. A negation right after the plate word (or after
 * its linking word) drops the plate it is about; any other plate stays.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a plate the sentence says it is not', () => {
  it.each([
    'placa no es ABC123',
    'la placa no era ABC 123',
    'the plate is not ABC123',
    "the plate isn't ABC 123",
    'plate not ABC123',
    "la plaque n'est pas AB-123-CD",
    'a placa não é ABC1234',
    'PLATE IS NOT ABC123',
    'the plate was not AB 12',
    'plate not 7AB 12',
  ])('%j names no plate', (text) => {
    expect(plates(text)).toEqual([]);
  });

  it('names none in a vehicle answer either, nor in an alert\'s vehicle sentence', () => {
    expect(plates('grey Honda, placa no es ABC123', true)).toEqual([]);
    expect(plates("grey Honda, plate isn't ABC123", true)).toEqual([]);
    expect(plates('grey Honda, a placa não é ABC1234', true)).toEqual([]);
    expect(plates('Vehicle: grey Honda, plate not ABC123.')).toEqual([]);
  });

  it('keeps the plate the sentence does name', () => {
    expect(plates('the plate is not ABC123, his plate is XYZ789')).toEqual(['XYZ789']);
  });

  it('keeps "no" as a number word where no linking word follows it', () => {
    expect(plates('placa no ABC123')).toEqual(['ABC123']);
    expect(plates('Plate NO. ABC-123')).toEqual(['ABC123']);
  });
});
