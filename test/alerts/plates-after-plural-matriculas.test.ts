/**
 * "matrículas" (the plural of Spain's and Portugal's word for a plate) was no plate word: "las matrículas 1234 BCD y
 * 5678 FGH" named no plate outside a vehicle answer, as "placas", "plates" and "plaques" do.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('the plural "matrículas"', () => {
  it.each([
    ['las matrículas 1234 BCD y 5678 FGH', ['1234BCD', '5678FGH']],
    ['as matrículas 12-AB-34 e AB-12-CD', ['12AB34', 'AB12CD']],
    ['las matriculas ABC-1234', ['ABC1234']],
  ])('%j names %j', (text, values) => {
    expect(plates(text)).toEqual(values);
  });
});
