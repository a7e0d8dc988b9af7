/**
 * A vehicle answer's plate written in groups as the line's country writes them, and CHECK of it in any spelling,
 * read as one plate on that line; North American lines read their states before a plate as ever.
 */
import type { CountryCode } from 'libphonenumber-js';
import { checkQueries, identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, country: CountryCode, vehicle = true) => identifiersIn(text, { country, vehicle }).filter((i) => i.kind === 'plate');
const checked = (text: string, country: CountryCode) => checkQueries(text, country).filter((i) => i.kind === 'plate').map((i) => i.value);

describe.each([
  ['GB', 'silver Ford Focus AB12 CDE', 'AB12CDE', ['AB12 CDE', 'AB12-CDE', 'ab12 cde']],
  ['ES', 'Seat León blanco 1234 BCD', '1234BCD', ['1234 BCD', '1234-BCD', '1234bcd']],
  ['PT', 'Renault Clio 12 AB 34', '12AB34', ['12 AB 34', '12-AB-34', '12ab34']],
  ['PT', 'Renault Clio AB 12 CD', 'AB12CD', ['AB 12 CD', 'AB-12-CD', 'ab12cd']],
  ['PT', 'Renault Clio 12 34 AB', '1234AB', ['12 34 AB', '12-34-AB']],
  ['FR', 'Clio grise AA 123 BB', 'AA123BB', ['AA 123 BB', 'AA-123-BB', 'aa123bb']],
] as const)('on a %s line, the vehicle answer "%s"', (country, answer, plate, spellings) => {
  it('names the plate, alone and with no state', () => {
    expect(plates(answer, country)).toEqual([{ kind: 'plate', value: plate }]);
  });

  it("names it in the alert's vehicle sentence too", () => {
    expect(plates(`Heads Up alert (X): violence. Vehicle: ${answer}. -- STOP to end`, country, false).map((p) => p.value)).toEqual([plate]);
  });

  it.each(spellings)('is what CHECK %s looks up first', (written) => {
    expect(checked(written, country)[0]).toBe(plate);
  });
});

describe('groups that are no plate of the line', () => {
  it('reads none in a make, a model, a sum or the sentence', () => {
    expect(plates('white 2019 BMW X5', 'ES')).toEqual([]);
    expect(plates('la 206 de mon ami', 'FR')).toEqual([]);
    // A British plate's groups are no plate on a Spanish line: it reads its own country's.
    expect(plates('Ford Focus AB12 CDE', 'ES')).toEqual([]);
  });

  it('reads none the answer says the car did not have', () => {
    expect(plates('Ford Focus, not AB12 CDE', 'GB')).toEqual([]);
  });
});

describe('a North American line', () => {
  it('reads a state before the plate as its state, as before', () => {
    expect(plates('white Tahoe TX GHK 4432', 'US')).toEqual([{ kind: 'plate', value: 'GHK4432', region: 'TX' }]);
    expect(checkQueries('AB 123 CD', 'US').map((i) => [i.value, i.region])).toEqual([
      ['123CD', 'AB'],
      ['AB123CD', undefined],
    ]);
    expect(checked('AB 12 CD', 'US')).toEqual(['12CD']);
  });
});
