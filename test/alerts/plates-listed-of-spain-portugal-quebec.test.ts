/**
 * A plate of Spain ("1234 BCD"), Portugal ("AB-12-CD", "12-AB-34", "12-34-AB") or Quebec ("ABC 123", "123 ABC",
 * "A12 BCD") listed after another plate with "and", "or", "y", "et", "ou", "e" was lost: only the patterns of
 * California, ABC1234, Mexico, France, Brazil and Ontario were read there, and never in two groups. They are read
 * as those places write them, in capitals; never a time, a measure, a sum, a make or a model ("and 2300 HRS",
 * "y 1500 MXN", "and 2019 BMW", "and GLC 300"), nor in two groups in a text all in capitals, where "AND 300 FOR"
 * is the sentence's.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a plate of Spain, Portugal or Quebec listed after another', () => {
  it.each([
    ['placas 7ABC123 y 1234 BCD', ['7ABC123', '1234BCD']],
    ['placas ABC-1234 y 1234 BCD', ['ABC1234', '1234BCD']],
    ['matrícula 7ABC123 y 1234-BCD', ['7ABC123', '1234BCD']],
    ['placas ABC-1234 o 1234BCD', ['ABC1234', '1234BCD']],
    ['matrícula 1234 BCD y 5678 FGH', ['1234BCD', '5678FGH']],
    ['placas 7ABC123 o 12-AB-34', ['7ABC123', '12AB34']],
    ['matrícula 7ABC123 e AB-12-CD', ['7ABC123', 'AB12CD']],
    ['placa ABC1D23 e 12-34-AB', ['ABC1D23', '1234AB']],
    ['matrícula 12-AB-34 ou AB-12-CD', ['12AB34', 'AB12CD']],
    ['plaques AB-123-CD et ABC 123', ['AB123CD', 'ABC123']],
    ['plaques AB-123-CD ou 123 ABC', ['AB123CD', '123ABC']],
    ['plaque 7ABC123 et A12 BCD', ['7ABC123', 'A12BCD']],
    ['plaque ABC 123 et XYZ 789', ['ABC123', 'XYZ789']],
    ['immatriculation ABCD123 et A12BCD', ['ABCD123', 'A12BCD']],
  ])('%j names %j', (text, values) => {
    expect(plates(text)).toEqual(values);
    expect(plates(text, true)).toEqual(values);
  });

  it('CHECK of the sentence looks up both', () => {
    expect(checkQueryGroups('placas ABC-1234 y 1234 BCD').map((g) => g.map((i) => i.value))).toEqual([['ABC1234'], ['1234BCD']]);
  });

  it.each([
    ['plates 7ABC123 and 2300 HRS', '7ABC123'],
    ['plates 7ABC123 and 2300 hrs', '7ABC123'],
    ['placa ABC-1234 y 1500 MXN robados', 'ABC1234'],
    ['plates 7ABC123 and 2019 BMW X5', '7ABC123'],
    ['plate 7ABC123 and GLC 300 badge', '7ABC123'],
    ['plate 7ABC123 and 200 lbs', '7ABC123'],
    ['plate 7ABC123 and 300 USD', '7ABC123'],
    ['plaque AB-123-CD et 100 EUR', 'AB123CD'],
    ['plate 7ABC123 and 10-11-PM', '7ABC123'],
    ['placa ABC1D23 e 10-12-AM', 'ABC1D23'],
    ['plate 7ABC123 and I95 NOW', '7ABC123'],
    ['PLATE 7ABC123 AND 300 FOR THE HOUR', '7ABC123'],
    ['plates 7ABC123 and 1234 bcd', '7ABC123'],
  ])('%j names only %j', (text, value) => {
    expect(plates(text)).toEqual([value]);
  });
});
