/**
 * Between a plate word and its plate, only "the/his car" and a few nouns
 * were passed over: "plate on his silver honda civic ABC123" and "plaque de
 * sa voiture AB-123-CD" named no plate, and CHECK of it found nothing. The
 * vehicle described in a few words ("his silver Honda Civic", "de su
 * camioneta roja") is passed over; a plate's groups are not.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const values = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a plate word, then the vehicle described, then the plate', () => {
  it.each([
    ['plate on his silver honda civic ABC123', 'ABC123'],
    ['the plate on his silver Honda Civic was ABC 123', 'ABC123'],
    ['the plate of their black SUV 7ABC123', '7ABC123'],
    ['plate on his red kia abc1234', 'ABC1234'],
    ['placa de la camioneta ABC-12-34', 'ABC1234'],
    ['la placa de su camioneta roja es ABC 1234', 'ABC1234'],
    ['plaque de sa voiture AB-123-CD', 'AB123CD'],
    ["la plaque de sa petite voiture grise est AB-123-CD", 'AB123CD'],
    ['a placa do carro preto dele é ABC1D23', 'ABC1D23'],
    ['PLACA DE LA CAMIONETA ABC 1234', 'ABC1234'],
    ['plate on his big old red rusty chevy ABC123', 'ABC123'],
  ])('%j names %s', (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it('takes no group of the plate for a word of the vehicle', () => {
    expect(values('plate on his car abc 123')).toEqual(['ABC123']);
    expect(values('plaque de sa voiture ab 123 cd')).toEqual(['123CD', 'AB123CD']);
  });
});

describe('the words of the vehicle', () => {
  it('end at a linking word, which links as ever', () => {
    expect(values('la plaque de sa voiture était EST 4567')).toEqual(['EST4567']);
  });

  it('are never a group in capitals of four letters', () => {
    expect(values('plate on his car ABCD 123')).toEqual(['ABCD123']);
  });

  it("follow \"de l'\" with no space", () => {
    expect(values("la plaque de l'auto est AB-123-CD")).toEqual(['AB123CD']);
  });

  it('leave the plate where it was, so a small word ending the sentence may still be its last group', () => {
    expect(values('plaque de sa voiture xy 123 le')).toEqual(['XY123', 'XY123LE']);
  });
});
