/**
 * A plate listed after one written in two groups, written in two groups of the same shape ("plates ABC 1234 and
 * XYZ 5678", "plates: ABC 123, XYZ 789"), was lost: LLL DDDD was no two-group listed plate, and since 1d2af84 a
 * Quebec-shaped second plate was read only after "plaque". Written as the first was, it is read after any plate word;
 * a road, a suite, a model or a sum of that shape ("HWY 101", "STE 200", "RAM 1500") still names none.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) =>
  identifiersIn(text, { country: 'US', vehicle })
    .filter((i) => i.kind === 'plate')
    .map((i) => i.value);

describe('a plate listed in two groups after one written so', () => {
  it.each([
    ['plates ABC 1234 and XYZ 5678', ['ABC1234', 'XYZ5678']],
    ['plates ABC 123 and XYZ 789', ['ABC123', 'XYZ789']],
    ['plates: ABC 123, XYZ 789', ['ABC123', 'XYZ789']],
    ['plate ABC 1234 or XYZ 5678, not sure which car', ['ABC1234', 'XYZ5678']],
    ['plates ABC 123, XYZ 789 and DEF 456', ['ABC123', 'XYZ789', 'DEF456']],
    ['plates 123 ABC and 456 XYZ', ['123ABC', '456XYZ']],
  ])('%j names %j', (text, values) => {
    expect(plates(text)).toEqual(values);
    expect(plates(text, true)).toEqual(values);
  });

  it.each([
    ['plate ABC 123 and HWY 101', 'ABC123'],
    ['plate ABC 123 and STE 200', 'ABC123'],
    ['plate 123 ABC and 405 FWY', '123ABC'],
    ['plates ABC 1234 and RAM 1500', 'ABC1234'],
    ['plate ABC 123 and CLE 300', 'ABC123'],
    ['plate ABC 123 and GLC 300', 'ABC123'],
    ['plate ABC 123 and APT 200', 'ABC123'],
    ['plates ABC 1234, DOB 1985', 'ABC1234'],
    ['plate ABC 123 and for 200 he wanted more', 'ABC123'],
    // After one plate (a singular plate word), what follows in two groups is as often a lot, a VIN or a PIN.
    ['Black Civic, plate ABC 123, LOT 204', 'ABC123'],
    ['Black Civic, plate ABC 1234 and LOT 2000 where he parked', 'ABC1234'],
    ['Black Civic, plate ABC 1234 and VIN 1234', 'ABC1234'],
    ['plates ABC 1234 and PIN 2000', 'ABC1234'],
    ['PLATE ABC 123 AND FOR 200 HE WANTED MORE', 'ABC123'],
    // After a plate in one word, the language word's rule holds: "and STE 200" is a suite.
    ['plates ABC123 and XYZ 789', 'ABC123'],
  ])('%j names only %j', (text, value) => {
    expect(plates(text)).toEqual([value]);
  });

  it('a CHECK of the second plate as written looks up the plate the report indexes', () => {
    expect(checkQueryGroups('XYZ 5678', 'US')).toEqual([[{ kind: 'plate', value: 'XYZ5678' }]]);
    expect(checkQueryGroups('plates ABC 1234 and XYZ 5678', 'US').map((g) => g.map((i) => i.value))).toEqual([['ABC1234'], ['XYZ5678']]);
  });
});
