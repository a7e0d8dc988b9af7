/**
 * A second plate listed in two groups was lost when the sentence was all in capitals or all in small letters:
 * "PLATES ABC 123 AND XYZ 789" and "plates abc 123 and xyz 789" named ABC123 only, though "Plates ABC 123 and XYZ
 * 789" named both. And "MATRÍCULA 1234 BCD Y 5678 FGH" read the "Y" ("and") as the plate's last group, 1234BCDY.
 * Written as the plate before it was after a plural plate word, or as Spain writes its plates after a Spanish
 * plate word, the second plate is read whatever the case; a joining word between two plates is no plate's group.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('plates listed in a sentence all in one case', () => {
  it.each([
    ['PLATES ABC 123 AND XYZ 789', ['ABC123', 'XYZ789']],
    ['plates abc 123 and xyz 789', ['ABC123', 'XYZ789']],
    ['Plates ABC 123 and XYZ 789', ['ABC123', 'XYZ789']],
    ['PLATES: ABC 123, XYZ 789', ['ABC123', 'XYZ789']],
    ['MATRÍCULA 1234 BCD Y 5678 FGH', ['1234BCD', '5678FGH']],
    ['matrícula 1234 BCD y 5678 FGH', ['1234BCD', '5678FGH']],
    ['MATRICULAS 1234 BCD Y 5678 FGH EN EL HOTEL', ['1234BCD', '5678FGH']],
  ])('%j names %j', (text, values) => {
    expect(plates(text)).toEqual(values);
    expect(plates(text, true)).toEqual(values);
  });

  it.each([
    // The sentence going on, in the plate's case: a small word, a sum, a unit, a model.
    ['PLATES ABC 123 AND FOR 200 HE WANTED MORE', 'ABC123'],
    ['plates abc 123 and for 200 he wanted more', 'ABC123'],
    ['PLATES ABC 123 AND THE 405 AFTER', 'ABC123'],
    ['PLATES ABC 1234 AND RAM 1500', 'ABC1234'],
    ['plates abc 123 and hwy 101', 'ABC123'],
    // After one plate, two groups in capitals are as often the sentence's.
    ['PLATE ABC 123 AND XYZ 789', 'ABC123'],
    ['MATRÍCULA 1234 BCD Y 1500 MXN', '1234BCD'],
    ['MATRÍCULA 1234 BCD Y 2300 HRS', '1234BCD'],
  ])('%j names only %j', (text, value) => {
    expect(plates(text)).toEqual([value]);
  });
});

describe('plates listed in two groups in a sentence of mixed case', () => {
  it.each([
    ['plates abc 123 and XYZ 789', ['ABC123', 'XYZ789']],
    ['He was rough, plates ABC 123 and XYZ 789', ['ABC123', 'XYZ789']],
  ])('%j still names %j', (text, values) => {
    expect(plates(text)).toEqual(values);
  });

  it('reads no second plate in small letters after one in capitals: "plates ABC 123 and was 200"', () => {
    expect(plates('Two cars, plates ABC 123 and was 200 each')).toEqual(['ABC123']);
  });
});
