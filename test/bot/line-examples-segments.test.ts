/**
 * A line's examples (line-examples.ts) never make a reply longer in SMS segments than a North American line's:
 * in every country, with the longest area code a file may give.
 */
import { getCountries } from 'libphonenumber-js/max';
import { Regions } from '../../src/alerts/regions';
import { catalog, LANGS, type Catalog } from '../../src/bot/catalog';
import { lineExamples, withExamples } from '../../src/bot/line-examples';
import { smsSegments } from '../../src/bot/sms-segments';

/** Each reply that gives an example, as it is sent. */
function withExample(t: Catalog): string[] {
  return [
    t.tooManyAreas(10), t.left(['LDN'], []), t.notMember(), t.help(), t.areas([]), t.leaveNeedsArea(), t.reportNeedsText(), t.checkNeedsNumber(),
    t.membersOnly(), t.buddyUsage(), t.buddyNameRefused(), t.buddyNone(), t.checkinNeedsBuddy(), t.checkinUsage(10, 720), t.checkinNoOneLeft(), t.reportAsk('vehicle'),
    t.modHelp(), t.modNeedsText(), t.modNeedsArea(),
  ];
}

describe("a line's examples in every country", () => {
  // The longest code a file may give (8 letters or digits), with each country's number.
  it.each(LANGS)('never take a reply past the SMS segments it takes on a North American line (%s)', (lang) => {
    const grown: string[] = [];
    const before = withExample(catalog(lang)).map(smsSegments);
    for (const country of getCountries()) {
      const regions = new Regions({}, { file: 'areas.json', northAmerica: false, areas: [{ code: 'AREA1000', names: [], prefixes: [], label: 'entry 1' }] }, country);
      const after = withExample(withExamples(catalog(lang), lineExamples(regions)));
      after.forEach((text, i) => {
        if (smsSegments(text) > (before[i] as number)) grown.push(`${country}: ${text}`);
      });
    }
    expect(grown).toEqual([]);
  });
});
