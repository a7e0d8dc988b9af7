/**
 * A negation about the plate's state or legibility, not the plate, left the
 * plate after it unread outside a vehicle answer: "plate not clear 7ABC123"
 * in a one-message report with no state, and "PLATE NOT IN CA 7ABC123" in
 * capitals ("IN" was taken for the negated plate's first group, Indiana).
 * The first word of a plate's shape in the next few words of the sentence
 * is the plate; ordinary words, times and counts are not.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate');

describe('a plate after a negation of an ordinary word, outside a vehicle answer', () => {
  it.each([
    ['choked me, plate not clear 7ABC123', { kind: 'plate', value: '7ABC123' }],
    ['plate not clear, maybe 7ABC123', { kind: 'plate', value: '7ABC123' }],
    ['PLATE NOT CLEAR 7ABC123', { kind: 'plate', value: '7ABC123' }],
    ['placa no es clara ABC-1234', { kind: 'plate', value: 'ABC1234' }],
    ['PLATE NOT IN CA 7ABC123', { kind: 'plate', value: '7ABC123', region: 'CA' }],
    ['PLATE NOT FROM CA, 7ABC123', { kind: 'plate', value: '7ABC123' }],
  ])('%j names the plate', (text, plate) => {
    expect(plates(text)).toEqual([plate]);
  });

  it.each([
    'plate not clear, he left at 10pm',
    'plate not visible, 2 kids in the back',
    'plate not clear, grey F150',
    'plate not readable, 5ft10 white guy',
    'plate not clear. He said his name was Rick and he had 49ers gear on, ABC12 tattoo',
    'PLATE NOT IN VIEW, GREY VAN',
  ])('%j names no plate', (text) => {
    expect(plates(text)).toEqual([]);
  });

  it('still reads no plate the car did not have', () => {
    expect(plates('PLATE IS NOT CA 7ABC123')).toEqual([]);
    expect(plates('the plate is not ABC123')).toEqual([]);
  });
});
