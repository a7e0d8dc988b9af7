/**
 * The examples a line's replies give (line-examples.ts), by the line's country and areas: North America's own
 * ("area code", JOIN 415), a North American country's line with areas of its own (its area, a number and a plate
 * with a state as written there), and a number as members of the country write it, in digits alone only when
 * written so it would be long.
 */
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import { lineExamples, withExamples } from '../../src/bot/line-examples';

/** A line of `country` whose areas file (not North America's) has the one area `code`. */
const ownAreas = (code: string, country: Parameters<typeof Regions.forLine>[1]) =>
  new Regions({}, { file: 'areas.json', northAmerica: false, areas: [{ code, names: [], prefixes: [], label: code }] }, country);

describe('a North American line', () => {
  const t = withExamples(catalog('en'), lineExamples(Regions.load()));

  it('asks for an area code and shows LEAVE 415', () => {
    expect(t.notMember()).toBe("Heads Up: you're not subscribed. Text JOIN and your area code, e.g. JOIN 415.");
    expect(t.help()).toContain('AREAS, LEAVE 415, DELETE');
  });
});

describe('a US line with areas of its own', () => {
  const regions = ownAreas('NYC', 'US');

  it("gives its own area, the country's fictitious number and a plate with its state", () => {
    expect(lineExamples(regions)).toEqual({ area: 'NYC', number: '415-555-0100', plate: '7ABC123 CA' });
  });

  it('asks for an area, not an area code, and shows no LEAVE 415', () => {
    const t = withExamples(catalog('en'), lineExamples(regions));
    expect(t.notMember()).toBe("Heads Up: you're not subscribed. Text JOIN and your area, e.g. JOIN NYC.");
    expect(t.help()).not.toContain('415');
  });
});

describe("a number as the line's country writes it", () => {
  it('is written as members there write it when that is short enough (France)', () => {
    expect(lineExamples(ownAreas('PAR', 'FR'))?.number).toBe('06 12 34 56 78');
  });

  it('is its digits alone when written so it would be long (Russia)', () => {
    expect(lineExamples(ownAreas('MSK', 'RU'))?.number).toBe('89123456789');
  });
});
