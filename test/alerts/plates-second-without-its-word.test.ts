/**
 * "plates ABC123 and XYZ789": the second plate has no plate word of its own,
 * and was read nowhere (CHECK XYZ789: "no alerts name that"). After a
 * plate, "and", "or" or a comma then one word shaped as a plate (letters
 * and digits mixed, two of each at least) is a plate too; an ordinary word,
 * a time or a count after them is not.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a second plate after "and", with no plate word of its own', () => {
  it.each([
    ['plates ABC123 and XYZ789', ['ABC123', 'XYZ789']],
    ['plates ABC123 or XYZ789, not sure', ['ABC123', 'XYZ789']],
    ['his plates: 7ABC123, 8XYZ789 and 9DEF456', ['7ABC123', '8XYZ789', '9DEF456']],
    ['placas ABC-1234 y XYZ-9876', ['ABC1234', 'XYZ9876']],
    ['placas ABC-1234 y MAR-5678', ['ABC1234', 'MAR5678']],
    ['plaques AB-123-CD et EF-456-GH', ['AB123CD', 'EF456GH']],
    ['PLATES ABC123 AND XYZ789', ['ABC123', 'XYZ789']],
  ])('%j names both', (text, values) => {
    expect(plates(text)).toEqual(values);
  });

  it.each([
    ['plate ABC123 and left at 10pm', ['ABC123']],
    ['plate ABC123 and 2 kids in the back', ['ABC123']],
    ['plate ABC123 and a 4x4', ['ABC123']],
    ['plate ABC123, F150 black', ['ABC123']],
    ['plate ABC123 and room 212B', ['ABC123']],
    ['plate ABC123 and then he left', ['ABC123']],
    ['plate ABC123 or so, 2019 model', ['ABC123']],
    ['plate 7ABC123, 5ft10, beard', ['7ABC123']],
    ['plate 7ABC123 and 45yrs old', ['7ABC123']],
    ['plate 7ABC123, 150lbs', ['7ABC123']],
    ['plate 7ABC123, 49ers sticker', ['7ABC123']],
  ])('%j names no second plate from ordinary words', (text, values) => {
    expect(plates(text)).toEqual(values);
  });

  it.each([
    'plate 7ABC123, mid-40s, bald, tattoo on neck',
    'plate 7ABC123, 11pm-2am at the Motel 6',
    'plate 7ABC123, 6ft2in, 200lbs',
    'plate 7ABC123, ES350, silver, tinted',
    'plate 7ABC123, RX350 silver',
    'plate 7ABC123 and Dec-12 was the second time',
    'plate 7ABC123, US-101 north',
    'plate 7ABC123, 1hr30 in the room',
  ])('%j names 7ABC123 only: a listed word of another shape than the plate is the sentence', (text) => {
    expect(plates(text)).toEqual(['7ABC123']);
  });

  it.each([
    ['plates ABC12 and DEC-12', ['ABC12']],
    ['plates 12AB34 and 10am-11', ['12AB34']],
    ['plates ABC12D and mid-40s', ['ABC12D']],
  ])('%j names no listed plate with a month, a time or an age for a part, even of the same shape', (text, values) => {
    expect(plates(text)).toEqual(values);
  });
});

