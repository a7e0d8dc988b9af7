import { countryMismatch } from '../../src/config/country-check';

describe('countryMismatch', () => {
  it('names both variables, the prefixes\' calling code and the countries it may be', () => {
    const warned = countryMismatch(['+4420', '+44161'], false, 'US');
    expect(warned).toContain('DEFAULT_COUNTRY is US (+1)');
    expect(warned).toContain("all of AREAS_FILE's prefixes are +44 numbers");
    expect(warned).toContain('GB or GG or IM or JE');
  });

  it('names the country a prefix shows when it shows one', () => {
    expect(countryMismatch(['+5255', '+5281'], false, 'US')).toContain('(MX)');
  });

  it('warns when most prefixes are of another country, not when half or fewer are', () => {
    expect(countryMismatch(['+4420', '+44161', '+3531'], false, 'IE')).toContain("most of AREAS_FILE's prefixes are +44");
    expect(countryMismatch(['+4420', '+3531'], false, 'IE')).toBeNull();
  });

  it('is quiet when DEFAULT_COUNTRY is the prefixes\' country, or the line has no prefixes', () => {
    expect(countryMismatch(['+4420', '+44161'], false, 'GB')).toBeNull();
    expect(countryMismatch([], false, 'GB')).toBeNull();
  });

  it('is quiet for a +1 country on a line that keeps the North American codes too', () => {
    expect(countryMismatch(['+4420'], true, 'US')).toBeNull();
    expect(countryMismatch(['+4420'], true, 'FR')).toContain('DEFAULT_COUNTRY is FR');
  });
});
