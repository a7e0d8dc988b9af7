/**
 * A plate read after a plate word ends where the sentence goes on: "plate
 * ABC 123 at 10pm" named ABC123AT, so a CHECK of ABC123 found no alert.
 * A small word of the sentence in small letters ("at", "on", "in", "en",
 * "à", "em") is never the plate's.
 */
import { classifyQuery, identifiersIn } from '../../src/alerts/identifiers';

describe('a plate after a plate word, then the sentence', () => {
  it.each([
    ['plate ABC 123 at 10pm', 'ABC123'],
    ['plate ABC123 at 10pm', 'ABC123'],
    ['tag ABC 123 on Main', 'ABC123'],
    ['plate ABC 123 in a grey van', 'ABC123'],
    ['plate abc 123 at the motel', 'ABC123'],
    ['placa ABC 12 en la esquina', 'ABC12'],
    ['plaque AB 123 à la gare', 'AB123'],
    ['placa ABC 12 em frente', 'ABC12'],
  ])('%j names the plate alone', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
  });

  it('matches what CHECK reads of the plate alone', () => {
    expect(identifiersIn('plate ABC 123 at 10pm')[0]).toEqual(classifyQuery('ABC 123'));
  });

  it.each([
    ['plate ABC 123 ON', { kind: 'plate', value: 'ABC123', region: 'ON' }],
    ['plate ABC 123 IN', { kind: 'plate', value: 'ABC123', region: 'IN' }],
    ['plate abc123 ny', { kind: 'plate', value: 'ABC123NY' }],
  ])('%j: in capitals (a state) or any other word, read as before', (text, plate) => {
    expect(identifiersIn(text)).toEqual([plate]);
  });
});

describe('a plate after its state in a vehicle answer, then the sentence', () => {
  it.each([
    ['grey Honda TX ABC 123 at the motel', 'ABC123'],
    ['Honda gris TX ABC 123 en el hotel', 'ABC123'],
  ])('%j names the plate alone, with its state', (text, value) => {
    expect(identifiersIn(text, { vehicle: true })).toEqual([{ kind: 'plate', value, region: 'TX' }]);
  });
});
