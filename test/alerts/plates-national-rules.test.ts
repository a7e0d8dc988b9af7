/**
 * The rules plate-national.ts reads a plate in groups by, each where a mistake would cost a member her warning
 * (a plate missed) or name a plate nobody wrote: the trims after a model, only spaces between the groups, the
 * model years of a Spanish line only, and which lines read a state before a plate. Named plates-…, not
 * plate-national-…: Stryker's runner would take a file named after the module for its only test of the
 * module's static mutants (its country tables), which the other plate tests hold.
 */
import type { CountryCode } from 'libphonenumber-js';
import { checkQueries, identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, country: CountryCode | undefined) =>
  identifiersIn(text, { country, vehicle: true })
    .filter((i) => i.kind === 'plate')
    .map((i) => i.value);

describe("a trim after a British model's year", () => {
  it.each(['Golf GT 18 TDI', 'Golf GT 18 GTI'])('"%s" names no plate on a GB line', (answer) => {
    expect(plates(answer, 'GB')).toEqual([]);
  });
});

describe('the groups of one plate', () => {
  it('are parted by spaces only, however many', () => {
    expect(plates('Ford Focus AB12  CDE', 'GB')).toEqual(['AB12CDE']);
    expect(plates('Ford Focus AB12\tCDE', 'GB')).toEqual(['AB12CDE']);
  });

  it('are not groups parted by a comma', () => {
    expect(plates('Ford Focus AB12, CDE', 'GB')).toEqual([]);
  });
});

describe("a model year beside another plate", () => {
  it.each(['1980', '1989', '1998', '2030', '2039'])('is left out on a Spanish line for the model year %s (any of 1980 to 2039)', (year) => {
    expect(plates(`Honda ${year} CRV gris, 4821 KLM`, 'ES')).toEqual(['4821KLM']);
  });

  it.each(['1979', '2040'])('is read as a plate beside the other for %s, outside the model years', (year) => {
    expect(plates(`Honda ${year} CRV gris, 4821 KLM`, 'ES')).toEqual([`${year}CRV`, '4821KLM']);
  });

  it('is read as the plate it is on a Portuguese line, whose plates may start so', () => {
    expect(plates('Fiat Punto 20 12 AB e Renault Clio 12 AB 34', 'PT')).toEqual(['2012AB', '12AB34']);
  });
});

describe('a state code before a plate', () => {
  it("is read as the state first on a Canadian line, as on a US one", () => {
    expect(checkQueries('AB 123 CD', 'CA').map((i) => [i.value, i.region])).toEqual([
      ['123CD', 'AB'],
      ['AB123CD', undefined],
    ]);
  });

  it('is read as part of the plate first on a British line', () => {
    expect(checkQueries('AB 123 CD', 'GB').map((i) => i.value)).toEqual(['AB123CD', '123CD']);
  });
});
