/**
 * The examples replies give (an area, a phone number, a plate), as members of this line write them. A line
 * outside North America refuses "JOIN 415", and "CHECK 415-555-0100" is no number of its country: copied from
 * the reply, the example would only be refused.
 */
import { getCountryCallingCode, getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import type { Regions } from '../alerts/regions';
import type { Catalog } from './catalog-type';

/** An area the line has, a number in its country's national format, a plate. */
export interface LineExamples {
  area: string;
  number: string;
  plate: string;
}

/** A North American line's: 555-01XX numbers are fictitious, so the example is nobody's. */
export const NA_EXAMPLES: LineExamples = { area: '415', number: '415-555-0100', plate: '7ABC123 CA' };

/** Whether the line's areas are 3-digit area codes (the replies say "area code"). */
export function areaCodes(ex: LineExamples): boolean {
  return ex.area === NA_EXAMPLES.area;
}

const known = new WeakMap<Regions, LineExamples | undefined>();

/** This line's examples; undefined on a North American line, whose catalogues give theirs already. */
export function lineExamples(regions: Regions): LineExamples | undefined {
  if (known.has(regions)) return known.get(regions);
  const nanp = getCountryCallingCode(regions.country) === '1';
  const area = regions.northAmerica ? NA_EXAMPLES.area : (regions.ownExample() ?? NA_EXAMPLES.area);
  const number = nanp ? NA_EXAMPLES.number : nationalExample(regions.country);
  // A plate with no state after it: CA means nothing outside North America.
  const ex = nanp && regions.northAmerica ? undefined : { area, number, plate: nanp ? NA_EXAMPLES.plate : '7ABC123' };
  known.set(regions, ex);
  return ex;
}

/**
 * libphonenumber's example mobile number of the country (07400 123456 in Britain), as members there write it;
 * in digits alone past 14 characters ("8 (912) 345-67-89"), so that no reply needs one SMS segment more for it.
 */
function nationalExample(country: CountryCode): string {
  const written = getExampleNumber(country, examples)?.formatNational();
  if (written === undefined) return NA_EXAMPLES.number;
  return written.length <= 14 ? written : written.replace(/\D/g, '');
}

/** `t` giving the line's examples (none: `t` itself). */
export function withExamples(t: Catalog, ex: LineExamples | undefined): Catalog {
  if (!ex) return t;
  return {
    ...t,
    tooManyAreas: (max, held) => t.tooManyAreas(max, held, ex),
    left: (areas, remaining) => t.left(areas, remaining, ex),
    notMember: () => t.notMember(ex),
    help: (_ex, checkin) => t.help(ex, checkin),
    areas: (list) => t.areas(list, ex),
    leaveNeedsArea: () => t.leaveNeedsArea(ex),
    reportNeedsText: () => t.reportNeedsText(ex),
    checkNeedsNumber: () => t.checkNeedsNumber(ex),
    membersOnly: () => t.membersOnly(ex),
    buddyUsage: () => t.buddyUsage(ex),
    buddyNameRefused: () => t.buddyNameRefused(ex),
    buddyNone: () => t.buddyNone(ex),
    checkinNeedsBuddy: () => t.checkinNeedsBuddy(ex),
    checkinUsage: (min, max) => t.checkinUsage(min, max, ex),
    checkinNoOneLeft: () => t.checkinNoOneLeft(ex),
    reportAsk: (step, example) => t.reportAsk(step, example, ex),
    modHelp: () => t.modHelp(ex),
    modNeedsText: () => t.modNeedsText(ex),
    modNeedsArea: () => t.modNeedsArea(ex),
  };
}
