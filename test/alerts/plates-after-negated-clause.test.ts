/**
 * A negation of something else after the plate word ("no front plate, not tinted", "tags not current") blanked
 * the next five words of the sentence, and with them the real plate after the comma: CHECK of a client a moderator
 * approved then answered "no alerts name that". Only the negated clause is blanked, up to its comma or semicolon.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a negation of something else blanks only its clause', () => {
  it.each([
    ['grey Honda, no front plate, not tinted, 7ABC123', '7ABC123'],
    ['silver Camry, plate not on front, rear 7ABC123', '7ABC123'],
    ['grey Honda, plate not lit, 7ABC123', '7ABC123'],
    ['black Tahoe, tags not current, CA 7ABC123', '7ABC123'],
    ['placa no era de California, ABC1234', 'ABC1234'],
    ['plaque pas du coin, AB-123-CD', 'AB123CD'],
    ['placa não era de SP, ABC1D23', 'ABC1D23'],
    ['Clio grise, plaque, pas de capote, AB-123-CD', 'AB123CD'],
    ['Gol prata, anotei a placa, não pagou, ABC1D23', 'ABC1D23'],
    ['placa no es de California; TX ABC1234', 'ABC1234'],
  ])('the vehicle answer %j names %j', (text, plate) => {
    expect(plates(text, true)).toContain(plate);
  });

  it.each([
    ['tags not current, CA 7ABC123', '7ABC123'],
    ['took a pic of his plate, not paid, CA 7ABC123', '7ABC123'],
  ])('the report text %j names %j', (text, plate) => {
    expect(plates(text)).toContain(plate);
  });

  it('still reads nothing the negated clause itself says the plate was not', () => {
    expect(plates('grey Honda, plate was not really 7ABC123, I misread it', true)).toEqual([]);
    expect(plates('the plate is not in CA 7ABC123')).toEqual([]);
    expect(plates('plate isnt the 7ABC123 one, it was 8XYZ789', true)).toEqual(['8XYZ789']);
  });
});
