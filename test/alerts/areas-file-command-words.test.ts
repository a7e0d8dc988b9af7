/**
 * An area coded or named with a word the line reads as a command is refused
 * at start, the message naming the file, the entry and the word: an area
 * coded ALL (Alloa) made "APPROVE K7Q2 ALL" answer "alert going to ALL" and
 * send to Alloa alone, and a member's "LEAVE ALL" leave every area; OK, DONE,
 * STOP or SKIP as areas are misread at a question or in a guided report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { ConfigError } from '../../src/config/env';
import { tempDir } from '../helpers/temp-dir';

function refusal(entries: unknown[]): string {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'LDN', names: ['london'] }, ...entries] }));
  try {
    Regions.forLine(file, 'GB');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.variable).toBe('AREAS_FILE');
    return err.message.replace(file, 'FILE');
  }
  return 'started';
}

describe('AREAS_FILE with a command word for an area', () => {
  it.each([
    ['ALL', 'ALL'],
    ['ok', 'OK'],
    ['STOP', 'STOP'],
    ['DONE', 'DONE'],
    ['Skip', 'SKIP'],
    ['JOIN', 'JOIN'],
    ['AYUDA', 'AYUDA'],
    ['TODO', 'TODO'],
    ['PULAR', 'PULAR'],
  ])('refuses the code %s, naming the file, the entry and the code', (code, upper) => {
    expect(refusal([{ code, names: ['somewhere'] }])).toBe(`AREAS_FILE: FILE: entry 2 (${upper}): the code ${upper} is a word the line reads as a command; give the area another code`);
  });

  it.each([['Stop'], ['Annuler'], ['tout'], ['Atrás']])('refuses the name "%s"', (name) => {
    expect(refusal([{ code: 'ALO', names: ['alloa', name] }])).toBe(`AREAS_FILE: FILE: entry 2 (ALO): the name "${name}" is a word the line reads as a command; leave it out`);
  });

  it('starts with codes and names that are no command word, an area coded E among them', () => {
    expect(refusal([{ code: 'ALO', names: ['alloa'] }, { code: 'E', names: ['Stop n Go', 'all saints'] }])).toBe('started');
  });
});
