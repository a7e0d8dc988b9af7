/**
 * "placa del carro ABC-12-34", "the plate on his car was 7ABC123": the
 * vehicle named between the plate word and the plate was read as the
 * plate's groups, so the report indexed no plate and CHECK of it found
 * nothing. The vehicle the plate belongs to is passed over.
 */
import { checkQueries, identifiersIn } from '../../src/alerts/identifiers';

describe('a plate word, then the vehicle it belongs to, then the plate', () => {
  it.each([
    ['placa del carro ABC-12-34', 'ABC1234'],
    ['la placa del carro es ABC 1234', 'ABC1234'],
    ['placa del coche 1234 BCD', '1234BCD'],
    ['the plate on his car was 7ABC123', '7ABC123'],
    ['the plate of the truck: 7ABC123', '7ABC123'],
    ['a placa do carro era ABC1D23', 'ABC1D23'],
    ['la plaque de la voiture est AB-123-CD', 'AB123CD'],
  ])('%j names %s, as CHECK of the sentence reads it', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
    expect(checkQueries(text)).toEqual([{ kind: 'plate', value }]);
  });
});
