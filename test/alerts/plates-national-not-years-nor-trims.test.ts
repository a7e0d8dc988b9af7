/**
 * A vehicle answer's model year, trim or "18 reg" is no plate where the country's way of writing plates tells them
 * apart: "Ford Ka 18 reg" was the plate KA18REG, "Honda 2019 CRV" 2019CRV, "Seat Ibiza 2018 FR" 2018FR, and CHECK
 * of them named an innocent driver in an alert. Where it cannot (France's "Clio RS 200 TC" has a plate's shape),
 * the plate is read: a miss costs a member her warning. Real plates written so are read as before.
 */
import type { CountryCode } from 'libphonenumber-js';
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, country: CountryCode) =>
  identifiersIn(text, { country, vehicle: true })
    .filter((i) => i.kind === 'plate')
    .map((i) => i.value);

describe('groups that say what the car is', () => {
  it.each([
    ['GB', 'silver Ford Ka 18 reg'],
    ['GB', 'VW up 18 reg'],
    ['PT', 'Seat Ibiza 2018 FR preto'],
    ['PT', 'Golf 2015 GT'],
    ['PT', 'Audi A4 1999 TD'],
    ['GB', 'VW Polo SE 18 TSI'],
    ['GB', 'Seat Leon FR 18 TSI'],
    ['GB', 'Golf GT 18 TSI'],
  ] as const)('on a %s line, "%s" names no plate', (country, answer) => {
    expect(plates(answer, country)).toEqual([]);
  });

  it('on a Spanish line, a model year beside the plate is not one', () => {
    expect(plates('Honda 2019 CRV gris, 4821 KLM', 'ES')).toEqual(['4821KLM']);
  });
});

describe('plates written in groups, read as before', () => {
  it.each([
    ['GB', 'silver Ford Ka AB18 CDE', ['AB18CDE']],
    ['GB', 'Ford Focus reg AB12 CDE', ['AB12CDE']],
    ['PT', 'Seat Ibiza 20 18 FR preto', ['2018FR']],
    ['PT', 'Renault Clio 12 AB 34', ['12AB34']],
    ['ES', 'Seat León 2019 KLM', ['2019KLM']],
    ['ES', 'Seat León 1234 BCD', ['1234BCD']],
    ['FR', 'Clio grise AA 123 BB', ['AA123BB']],
    // Letters a trim or "reg" also are, where the country's plates hold them.
    ['GB', 'Ford Focus AB18 REG', ['AB18REG']],
    ['PT', 'Golf preto AB 12 RS', ['AB12RS']],
    ['PT', 'carro RS 12 AB', ['RS12AB']],
    // France's plates whose letters a trim or a power also is: read (a miss costs a member her warning).
    ['FR', 'Clio grise GT 456 CD', ['GT456CD']],
    ['FR', 'Clio grise RS 123 AB', ['RS123AB']],
    ['FR', 'Clio grise XY 123 CV', ['XY123CV']],
  ] as const)('on a %s line, "%s" names its plate', (country, answer, expected) => {
    expect(plates(answer, country)).toEqual(expected);
  });

  it("reads Britain's plates written in three groups too", () => {
    expect(plates('silver Focus AB 12 CDE', 'GB')).toContain('AB12CDE');
    expect(plates('silver Focus XY 12 CDE', 'GB')).toContain('XY12CDE');
  });

  it('reads no postcode, time or price as a plate', () => {
    expect(plates('near SW1A 1AA', 'GB')).toEqual([]);
    expect(plates('E1 6AN postcode', 'GB')).toEqual([]);
    expect(plates('black BMW 3 series 10 30 pm', 'GB')).toEqual([]);
  });
});
