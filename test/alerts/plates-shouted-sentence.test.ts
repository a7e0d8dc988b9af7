/**
 * A report written all in capitals: "PLATE IS ABC 123 AT THE MOTEL" was read
 * ABC123AT and ISABC123, never ABC123, because a small word of the sentence
 * ("AT") counted as one only in small letters. CHECK ABC123 told the member
 * nothing was known. Where the plate word is in capitals, a small word in
 * capitals may end the plate too: both readings are kept.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const values = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a plate in a sentence written all in capitals', () => {
  it.each([
    ['PLATE IS ABC 123 AT THE MOTEL', 'ABC123'],
    ['PLACA ABC 1234 EN EL HOTEL', 'ABC1234'],
    ['PLAQUE AB 123 CD DANS LE PARKING', 'AB123CD'],
    ['TAG 7ABC 123 NEAR THE GAS STATION', '7ABC123'],
  ])('%j names %s', (text, plate) => {
    expect(values(text)).toContain(plate);
  });

  it('keeps the reading with the small word as a group, which may be the plate\'s', () => {
    expect(values('PLATE IS ABC 123 AT THE MOTEL')).toEqual(['ABC123', 'ISABC123', 'ABC123AT']);
  });

  it('reads a sentence in small letters as before', () => {
    expect(values('plate ABC 123 at the motel')).toEqual(['ABC123']);
    expect(values('PLATE IS ABC 123')).toEqual(['ABC123', 'ISABC123']);
  });
});
