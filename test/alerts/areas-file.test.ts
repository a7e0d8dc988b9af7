/**
 * AREAS_FILE validation: every mistake an operator can make in the file
 * stops the start with a message naming the file, the entry and what is
 * wrong; the shipped examples load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readAreasFile } from '../../src/alerts/areas-file';
import { Regions } from '../../src/alerts/regions';
import { parse } from '../../src/bot/parser';
import { ConfigError } from '../../src/config/env';
import { findProjectDir } from '../../src/store/find-up';
import { tempDir } from '../helpers/temp-dir';

function fileWith(content: string): string {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, content);
  return file;
}

function errorOf(content: string): ConfigError {
  const file = fileWith(content);
  try {
    Regions.forLine(file);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('AREAS_FILE');
    expect((err as Error).message).toContain(file);
    return err as ConfigError;
  }
  throw new Error('expected the file to be refused');
}

const OK = { code: 'LDN', names: ['london'], prefixes: ['+4420'] };
const areas = (...entries: unknown[]) => JSON.stringify({ areas: entries });

describe('AREAS_FILE', () => {
  it.each([
    ['the file is not JSON', '{ "areas": [ { "code": "LDN", } ] }', /not valid JSON/],
    ['there is no areas list', '{ "regions": {} }', /"areas": a list of areas/],
    ['the list is empty', areas(), /"areas" is empty/],
    ['an entry has no code', areas(OK, { names: ['manchester'] }), /entry 2: code: expected a code/],
    ['a code has a space', areas(OK, { code: 'NEW YORK' }), /entry 2: code: the code must be 1 to 8 letters or digits/],
    ['a code has a comma', areas({ code: 'A,B' }), /entry 1: code: the code must be/],
    ['a code is too long', areas({ code: 'ABCDEFGHI' }), /entry 1: code: the code must be/],
    ['a prefix is not E.164', areas(OK, { code: 'MAN', prefixes: ['0161'] }), /entry 2 \(MAN\): prefixes.0: a prefix must be "\+" and digits/],
    ['names is a string', areas(OK, { code: 'MAN', names: 'manchester' }), /entry 2 \(MAN\): names: expected a list of names/],
    ['a name is empty', areas({ code: 'MAN', names: [' '] }), /entry 1 \(MAN\): names.*a name is empty/],
    ['two entries share a code', areas(OK, { code: 'ldn' }), /entry 2 \(LDN\): the code LDN is already entry 1's/],
    ['two entries share a name', areas(OK, { code: 'LON', names: ['London'] }), /entry 2 \(LON\): "London" already names LDN/],
    ['a name is another entry\'s code', areas(OK, { code: 'MAN', names: ['ldn'] }), /entry 2 \(MAN\): "ldn" already names LDN/],
    ['two names differ only by punctuation and spaces', areas({ code: 'SJ', names: ["St. John's"] }, { code: 'SJN', names: ['stjohns'] }), /entry 2 \(SJN\): "stjohns" already names SJ/],
    ['a name is another entry\'s code written with dots', areas(OK, { code: 'MAN', names: ['L.D.N.'] }), /entry 2 \(MAN\): "L.D.N." already names LDN/],
    ['two entries claim a prefix', areas(OK, { code: 'MAN', prefixes: ['+4420'] }), /entry 2 \(MAN\): prefix \+4420 already belongs to LDN/],
    ['an area takes a North American code the line also uses', JSON.stringify({ northAmerica: true, areas: [{ code: '415' }] }), /entry 1 \(415\): 415 is a North American area code/],
    ['a name is a North American area code the line also uses', JSON.stringify({ northAmerica: true, areas: [{ code: 'LDN', names: ['london', '212'] }] }), /entry 1 \(LDN\): the name "212" is a North American area code/],
    ['a name is a North American region\'s', JSON.stringify({ northAmerica: true, areas: [{ code: 'SF', names: ['San Francisco'] }] }), /entry 1 \(SF\): "San Francisco" is already the name of a North American region/],
    ['a code is a North American region\'s name', JSON.stringify({ northAmerica: true, areas: [{ code: 'MIAMI' }] }), /entry 1 \(MIAMI\): "MIAMI" is already the name of a North American region/],
    ['northAmerica is not a boolean', JSON.stringify({ northAmerica: 'yes', areas: [OK] }), /northAmerica must be true or false/],
  ])('refuses a file where %s, naming the file and the entry', (_what, content, expected) => {
    expect(errorOf(content).message).toMatch(expected);
  });

  it('names a missing file', () => {
    expect(() => readAreasFile('/nonexistent/areas.json')).toThrow('AREAS_FILE: /nonexistent/areas.json: no such file');
  });

  it.each(['areas.uk.example.json', 'areas.mx.example.json'])('loads the shipped example %s', (name) => {
    const file = readAreasFile(path.join(findProjectDir('config'), name));
    expect(file.areas.length).toBeGreaterThan(5);
    expect(file.northAmerica).toBe(false);
  });

  it('resolves codes and names of a mixed line, North American codes and overlays included', () => {
    const regions = Regions.forLine(fileWith(JSON.stringify({ northAmerica: true, areas: [{ code: 'LDN', names: { en: ['london'], fr: ['Londres'] }, prefixes: ['+4420'] }] })));
    expect(regions.resolve(['LONDRES', '415'])).toEqual({ ok: true, npas: ['415', 'LDN'] });
    expect(regions.resolve(['san', 'francisco'])).toEqual({ ok: true, npas: ['415', '628'] });
    // Leading a REPORT or ALERT text, the line's own names count; a region's name (a client called Austin) is text.
    expect(regions.leading(['london', 'grey', 'van'])).toEqual({ npas: ['LDN'], used: 1 });
    expect(regions.leading(['austin', 'grey', 'van'])).toEqual({ npas: [], used: 0 });
    expect(regions.expand(['415', 'LDN'])).toEqual(['415', '628', 'LDN']);
    expect(regions.areaOf('+442079460123')).toBe('LDN');
    expect(regions.areaOf('+14155550100')).toBe('415');
    expect(regions.areaOf('+447911123456')).toBeNull();
    // Hundreds of areas with the North American codes: none listed, replies say "e.g. 415".
    expect(regions.listed()).toBeNull();
  });

  it('takes no North American code on a line of its own areas only', () => {
    const regions = Regions.forLine(fileWith(areas(OK)));
    expect(regions.resolve(['415'])).toEqual({ ok: false, bad: '415' });
    expect(regions.areaOf('+14155550100')).toBeNull();
    expect(regions.leading(['london', 'grey', 'van'])).toEqual({ npas: ['LDN'], used: 1 });
    // In free text a code counts only in capitals, as replies write it: "ldn" could be a word.
    expect(regions.leading(['LDN', 'grey', 'van'])).toEqual({ npas: ['LDN'], used: 1 });
    expect(regions.leading(['ldn', 'grey', 'van'])).toEqual({ npas: [], used: 0 });
    expect(regions.resolve(['ldn'])).toEqual({ ok: true, npas: ['LDN'] });
  });

  it('knows a name as members type it: with its punctuation, its ß, and more than four words', () => {
    const regions = Regions.forLine(fileWith(areas({ code: 'SJ', names: ["St. John's", 'Washington, DC', 'Straße', 'Saint-Jean-de-la-Lande'] })));
    // JOIN's areas as the parser hands them over ("St. John's" arrives as ST JOHN S).
    const joined = (text: string) => {
      const parsed = parse(text);
      return regions.resolve(parsed.ok && parsed.command.kind === 'join' ? parsed.command.areas : []);
    };
    for (const text of ["JOIN St. John's", 'JOIN st john’s', 'JOIN Washington, DC', 'JOIN Straße', 'JOIN strasse', 'JOIN saint jean de la lande']) {
      expect([text, joined(text)]).toEqual([text, { ok: true, npas: ['SJ'] }]);
    }
    // The answer to "which area?" is split on spaces only.
    expect(regions.resolve(['st.', "john's"])).toEqual({ ok: true, npas: ['SJ'] });
  });

  it('reads a name whatever punctuation and spaces it is written with (README: St. John\'s, st john\'s)', () => {
    const regions = Regions.forLine(fileWith(areas({ code: 'SJ', names: ["St. John's"] }, { code: 'CDMX', names: ['df', 'ciudad de mexico'] })));
    for (const tokens of [['St', 'Johns'], ['st', "john's"], ['stjohns'], ['ST', 'JOHN', 'S']]) expect([tokens, regions.resolve(tokens)]).toEqual([tokens, { ok: true, npas: ['SJ'] }]);
    for (const tokens of [['D.F.'], ['d.f'], ['D', 'F'], ['ciudad-de-méxico']]) expect([tokens, regions.resolve(tokens)]).toEqual([tokens, { ok: true, npas: ['CDMX'] }]);
    // Still whole names only: a part of one is no area.
    expect(regions.resolve(['st'])).toEqual({ ok: false, bad: 'st' });
    expect(regions.resolve(['john'])).toEqual({ ok: false, bad: 'john' });
  });

  it('reads D.F. on the shipped Mexican line', () => {
    const regions = Regions.forLine(path.join(findProjectDir('config'), 'areas.mx.example.json'), 'MX');
    expect(regions.resolve(['D.F.'])).toEqual({ ok: true, npas: ['CDMX'] });
  });

  it('finds the longest prefix first', () => {
    const regions = Regions.forLine(fileWith(areas({ code: 'UK', prefixes: ['+44'] }, OK)));
    expect(regions.areaOf('+442079460123')).toBe('LDN');
    expect(regions.areaOf('+441614960001')).toBe('UK');
  });
});
