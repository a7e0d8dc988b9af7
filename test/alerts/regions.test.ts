import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { isAreaCode } from '../../src/phone/numbers';
import { tempDir } from '../helpers/temp-dir';

describe('Regions', () => {
  const regions = new Regions({ 'san-francisco': ['415', '628'], 'bay-east': ['510', '341'], 'north-bay': ['707', '415'] });

  describe('resolve', () => {
    it('takes area codes as they are, sorted and without duplicates', () => {
      expect(regions.resolve(['628', '212', '628'])).toEqual({ ok: true, npas: ['212', '628'] });
    });

    it('takes a region name in any case', () => {
      expect(regions.resolve(['SAN-FRANCISCO'])).toEqual({ ok: true, npas: ['415', '628'] });
      expect(regions.resolve(['san-francisco', '212'])).toEqual({ ok: true, npas: ['212', '415', '628'] });
    });

    it.each([['999'], ['555'], ['911'], ['800'], ['narnia'], ['41'], ['4150']])('names %s as the token it does not know', (bad) => {
      expect(regions.resolve(['415', bad, 'also-bad'])).toEqual({ ok: false, bad });
    });

    it('skips the word "and" between two areas ("415 and 628", "415 y 628", "415 & 628"), not at either end', () => {
      expect(regions.resolve(['415', 'AND', '628'])).toEqual({ ok: true, npas: ['415', '628'] });
      expect(regions.resolve(['415', 'y', 'san-francisco'])).toEqual({ ok: true, npas: ['415', '628'] });
      expect(regions.resolve(['415', '&', '212'])).toEqual({ ok: true, npas: ['212', '415'] });
      expect(regions.resolve(['415', 'AND'])).toEqual({ ok: false, bad: 'AND' });
      expect(regions.resolve(['ET', '415'])).toEqual({ ok: false, bad: 'ET' });
    });

    it('resolves no tokens to no areas', () => {
      expect(regions.resolve([])).toEqual({ ok: true, npas: [] });
    });
  });

  describe('areaWords', () => {
    it('counts the leading words that name areas, names of several words and "and" between two areas included', () => {
      const line = new Regions({ 'san-francisco': ['415', '628'], 'los-angeles': ['213', '323'] });
      expect(line.areaWords(['los', 'angeles', 'motel', 'on', 'Sunset'])).toBe(2);
      expect(line.areaWords(['415', 'and', '510', 'motel'])).toBe(3);
      expect(line.areaWords(['415', 'and', 'motel'])).toBe(1);
      expect(line.areaWords(['motel', '415'])).toBe(0);
    });
  });

  describe('leading', () => {
    it('takes the codes that lead a text, not the names of regions, which may be a client\'s (JOIN takes them)', () => {
      expect(regions.leading(['415', '628', 'grey', 'van'])).toEqual({ npas: ['415', '628'], used: 2 });
      expect(regions.leading(['san-francisco', 'grey', 'van'])).toEqual({ npas: [], used: 0 });
      expect(regions.leading(['415', 'north-bay', 'from', 'tinder'])).toEqual({ npas: ['415'], used: 1 });
    });

    it('skips "and" (or "&") between two areas, and at the start when areas came before the text', () => {
      expect(regions.leading(['415', 'and', '510', 'grey', 'van'])).toEqual({ npas: ['415', '510'], used: 3 });
      expect(regions.leading(['415', '&', '510', 'grey', 'van'])).toEqual({ npas: ['415', '510'], used: 3 });
      expect(regions.leading(['415', 'and', 'grey', 'van'])).toEqual({ npas: ['415'], used: 1 });
      expect(regions.leading(['and', '510', 'grey', 'van'])).toEqual({ npas: [], used: 0 });
      expect(regions.leading(['and', '510', 'grey', 'van'], true)).toEqual({ npas: ['510'], used: 2 });
      expect(regions.leading(['and', 'grey', 'van'], true)).toEqual({ npas: [], used: 0 });
    });
  });

  describe('expand', () => {
    it('adds every code that overlays one given', () => {
      expect(regions.expand(['628'])).toEqual(['415', '628']);
    });

    it('joins every region a code belongs to', () => {
      expect(regions.expand(['415'])).toEqual(['415', '628', '707']);
    });

    it('keeps a code of no region as it is', () => {
      expect(regions.expand(['212', '510'])).toEqual(['212', '341', '510']);
      expect(regions.expand(['305'])).toEqual(['305']);
    });

    it('does not chain overlays through a shared code', () => {
      // 628 overlays 415, and 415 shares north-bay with 707, but 628 and 707 are not one place.
      expect(regions.expand(['707'])).toEqual(['415', '707']);
    });
  });

  describe('validation', () => {
    it('refuses a region name with capitals or spaces', () => {
      expect(() => new Regions({ 'San Francisco': ['415'] })).toThrow(/lower case/);
    });

    it('refuses a code that is not a NANP area code', () => {
      expect(() => new Regions({ nowhere: ['415', '555'] })).toThrow(/555/);
    });
  });

  describe('load', () => {
    it('loads the shipped config/regions.json, where every code is a real area code', () => {
      const shipped = Regions.load();
      expect(shipped.expand(['415'])).toEqual(['415', '628']);
      expect(shipped.resolve(['new-york-city'])).toMatchObject({ ok: true });
      const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../config/regions.json'), 'utf8')) as { regions: Record<string, string[]> };
      for (const codes of Object.values(raw.regions)) for (const c of codes) expect(isAreaCode(c)).toBe(true);
    });

    it("joins British Columbia's overlays as they are: 778, 236 and 672 cover both 604 and 250", () => {
      const shipped = Regions.load();
      expect(shipped.expand(['250'])).toEqual(['236', '250', '672', '778']);
      expect(shipped.expand(['778'])).toEqual(['236', '250', '604', '672', '778']);
      expect(shipped.expand(['604'])).toEqual(['236', '604', '672', '778']);
    });

    it('refuses a file without a regions object, naming the file', () => {
      const file = path.join(tempDir(), 'regions.json');
      fs.writeFileSync(file, '{"areas": {}}');
      expect(() => Regions.load(file)).toThrow(file);
    });
  });
});
