/**
 * Whether DEFAULT_COUNTRY fits the line's areas: a UK line whose AREAS_FILE
 * prefixes are +44 but whose DEFAULT_COUNTRY was left at US reads
 * "07911 123456" in reports and CHECK as no number at all (or another
 * country's). Only a warning: a line may serve members of two countries.
 */
import { AsYouType, getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';

/** The warning to log at start, or null when DEFAULT_COUNTRY is the country most of AREAS_FILE's prefixes are of. */
export function countryMismatch(prefixes: string[], northAmerica: boolean, country: CountryCode): string | null {
  const own = getCountryCallingCode(country);
  // North American codes are areas of the line too: a +1 country reads its members' numbers.
  if (northAmerica && own === '1') return null;
  const byCode = new Map<string, number>();
  for (const prefix of prefixes) {
    const code = callingCode(prefix);
    if (code) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const [top, count] = [...byCode.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (top === undefined || count === undefined || top === own || count * 2 <= prefixes.length) return null;
  return (
    `DEFAULT_COUNTRY is ${country} (+${own}) but ${count === prefixes.length ? 'all' : 'most'} of AREAS_FILE's prefixes are +${top} numbers: ` +
    `national numbers in reports and CHECK ("0…") are read as ${country} numbers. Set DEFAULT_COUNTRY to the line's country (${suggestion(top, prefixes)}); ` +
    'alerts already approved are indexed again for CHECK at the next start.'
  );
}

function callingCode(prefix: string): string | undefined {
  const typed = new AsYouType();
  typed.input(prefix);
  return typed.getCallingCode();
}

/** The countries of a calling code, to name in the warning: the one a prefix names, or a few. */
function suggestion(code: string, prefixes: string[]): string {
  for (const prefix of prefixes) {
    const typed = new AsYouType();
    typed.input(prefix);
    const named = typed.getCountry();
    if (named && typed.getCallingCode() === code) return named;
  }
  const all = getCountries().filter((c) => getCountryCallingCode(c) === code);
  return all.length <= 4 ? all.join(' or ') : `a +${code} country`;
}
