/**
 * Two groups listed after a plate ("and HWY 101", "and 2019 MDX", "and STE 200", "y 200 DLS") were read as a plate
 * of Spain or Quebec, smearing whoever has that plate; and the capitals that keep "AND 300 FOR THE HOUR" out were
 * judged over the whole text, so a shouted sentence in a report not all in capitals read "300FOR". Such plates,
 * in one word or two, are read only after a plate word of the language of the place that writes
 * them so (Spain's after placa, matrícula; Quebec's after plaque, immatriculation), never a year then letters
 * unless of the same shape, and only in a sentence not all in capitals.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('two groups listed after a plate', () => {
  it.each([
    ['plate 7ABC123 and HWY 101', '7ABC123'],
    ['plate 7ABC123 and RTE 128', '7ABC123'],
    ['plate 7ABC123 and 405 FWY', '7ABC123'],
    ['plates 7ABC123 and 2019 MDX', '7ABC123'],
    ['plate 7ABC123 and 2016 CTS', '7ABC123'],
    ['plates 7ABC123 and 2019 CRV', '7ABC123'],
    ['plate 7ABC123 and CLE 300', '7ABC123'],
    ['plate 7ABC123 and Q50 AWD', '7ABC123'],
    ['placa ABC-1234 y 200 DLS', 'ABC1234'],
    ['plate 7ABC123 and 250 AUD', '7ABC123'],
    ['plate 7ABC123 and STE 200', '7ABC123'],
    ['placas ABC-1234 y 2019 CRV', 'ABC1234'],
    ['Grey van, paid cash. PLATE 7ABC123 AND 300 FOR THE HOUR', '7ABC123'],
    ['he was rough. PLATES 7ABC123 AND 200 FOR GAS', '7ABC123'],
    ['Il a payé. PLAQUE AB-123-CD ET 300 PAR HEURE', 'AB123CD'],
    // In one word too: as often a road or a year and a model.
    ['plate 7ABC123 and 405FWY', '7ABC123'],
    ['plates 7ABC123 and 2019CRV', '7ABC123'],
    ['placa ABC-1234 y 2019CRV', 'ABC1234'],
    // Mexico's dollars, and a model's drive.
    ['placa ABC-1234 y 1500 DLS que me robó', 'ABC1234'],
    ['plaque 7ABC123 et Q50 AWD', '7ABC123'],
    // After a plate of the same shape as well.
    ['plate ABC 123 and HWY 101', 'ABC123'],
    ['plate ABC123 and STE 200', 'ABC123'],
    ['plate 123 ABC and 405 FWY', '123ABC'],
  ])('%j names only %j', (text, value) => {
    expect(plates(text)).toEqual([value]);
    expect(plates(text, true)).toEqual([value]);
  });

  it('CHECK of "plate 7ABC123 and HWY 101" looks up one plate, not the road', () => {
    expect(checkQueryGroups('plate 7ABC123 and HWY 101').map((g) => g.map((i) => i.value))).toEqual([['7ABC123']]);
  });

  it.each([
    ['placas ABC-1234 y 1234 BCD', ['ABC1234', '1234BCD']],
    ['matrícula 7ABC123 y 1234 BCD', ['7ABC123', '1234BCD']],
    ['plaques AB-123-CD et ABC 123', ['AB123CD', 'ABC123']],
    ['immatriculation AB-123-CD ou 123 ABC', ['AB123CD', '123ABC']],
    ['plaque 7ABC123 et A12 BCD', ['7ABC123', 'A12BCD']],
    ['plaques ABCD123 et A12BCD', ['ABCD123', 'A12BCD']],
    ['matrícula 7ABC123 ou 12-AB-34', ['7ABC123', '12AB34']],
    // Of the shape of the plate before it, after a comma too, a year's digits too.
    ['plaque ABC 123, XYZ 789', ['ABC123', 'XYZ789']],
    ['matrícula 1234 BCD y 2019 MDX', ['1234BCD', '2019MDX']],
  ])('%j still names %j', (text, values) => {
    expect(plates(text)).toEqual(values);
    expect(plates(text, true)).toEqual(values);
  });
});
