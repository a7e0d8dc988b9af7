/**
 * A negation about the plate's legibility, not the plate, left the plate
 * after it unread outside a vehicle answer: "plate not clear 7ABC123" in a
 * one-message report with no state. The first word of a whole plate's shape
 * in the next few words of the sentence is the plate; ordinary words, times,
 * ages and the part she read are not. A negation of any other word says what
 * the plate was not ("was not really 7ABC123", "PLATE NOT IN CA 7ABC123"):
 * the words after it name none.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate');

describe('a plate after a negation of an ordinary word, outside a vehicle answer', () => {
  it.each([
    ['choked me, plate not clear 7ABC123', { kind: 'plate', value: '7ABC123' }],
    ['plate not clear, maybe 7ABC123', { kind: 'plate', value: '7ABC123' }],
    ['PLATE NOT CLEAR 7ABC123', { kind: 'plate', value: '7ABC123' }],
    ['placa no es clara ABC-1234', { kind: 'plate', value: 'ABC1234' }],
    ['the plate was not really visible, 7ABC123 I think', { kind: 'plate', value: '7ABC123' }],
    ['plaque pas lisible, AB-123-CD', { kind: 'plate', value: 'AB123CD' }],
    ['placa não é legível, ABC1D23', { kind: 'plate', value: 'ABC1D23' }],
  ])('%j names the plate: the negated word is about legibility', (text, plate) => {
    expect(plates(text)).toEqual([plate]);
  });

  it.each([
    'plate not clear, he left at 10pm',
    'plate not visible, 2 kids in the back',
    'plate not clear, grey F150',
    'plate not readable, 5ft10 white guy',
    'plate not clear. He said his name was Rick and he had 49ers gear on, ABC12 tattoo',
    'PLATE NOT IN VIEW, GREY VAN',
    'plate not clear, mid-40s white guy, beard',
    'plate not visible, 11pm-2am at his place',
    'plaque pas lisible, vers 23h-1h',
  ])('%j names no plate', (text) => {
    expect(plates(text)).toEqual([]);
  });

  it('still reads no plate the car did not have', () => {
    expect(plates('PLATE IS NOT CA 7ABC123')).toEqual([]);
    expect(plates('the plate is not ABC123')).toEqual([]);
  });

  it.each([
    'plate was not really 7ABC123, I misread it',
    "his plate isn't the 7ABC123 from his ad",
    'la placa no es la ABC1234, me equivoque',
    'PLATE NOT IN CA 7ABC123',
    'PLATE NOT FROM CA, 7ABC123',
    'plate was not really CA 7ABC123, I misread it',
    "his plate isn't the TX ABC1234 from his ad",
  ])('%j names no plate: a negation not about legibility says what the plate was not', (text) => {
    expect(plates(text)).toEqual([]);
  });

  it.each(['plate not clear, started with 7ABC1', 'plate not clear, maybe 7ABC1'])('%j names no part of a plate as one', (text) => {
    expect(plates(text)).toEqual([]);
  });
});
