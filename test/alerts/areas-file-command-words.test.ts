/**
 * An area coded or named with a word LEAVE and APPROVE read as every area
 * (ALL, TODO, TOUT, …) is refused at start, the message naming the file, the
 * entry and the word: an area coded ALL (Alloa) made "APPROVE K7Q2 ALL"
 * answer "alert going to ALL" and send to Alloa alone. Any other command word
 * is a real place's code or name often enough (OK for Oklahoma, Alta, Segura)
 * and is the old code a rename keeps as a name: the line starts, warning of
 * each, since a member answering the area question with it gets the command.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { ConfigError } from '../../src/config/env';
import { tempDir } from '../helpers/temp-dir';

/** The line's warnings, or its refusal, the file's path written FILE. */
function started(entries: unknown[]): { warnings: string[] } | { refused: string } {
  const file = path.join(tempDir(), 'areas.json');
  fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'LDN', names: ['london'] }, ...entries] }));
  try {
    return { warnings: Regions.forLine(file, 'GB').warnings.map((w) => w.replace(file, 'FILE')) };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.variable).toBe('AREAS_FILE');
    return { refused: err.message.replace(file, 'FILE') };
  }
}

describe('AREAS_FILE with a command word for an area', () => {
  it.each([['ALL'], ['Todo'], ['TOUT'], ['tudo']])('refuses the code %s, a word for every area, naming the file and the entry', (code) => {
    const upper = code.toUpperCase();
    expect(started([{ code, names: ['somewhere'] }])).toEqual({
      refused: `AREAS_FILE: FILE: entry 2 (${upper}): the code ${upper} is the word LEAVE and APPROVE read as every area; give the area another`,
    });
  });

  it.each([['All'], ['todos'], ['Toutes']])('refuses the name "%s"', (name) => {
    expect(started([{ code: 'ALO', names: ['alloa', name] }])).toEqual({
      refused: `AREAS_FILE: FILE: entry 2 (ALO): the name "${name}" is the word LEAVE and APPROVE read as every area; give the area another`,
    });
  });

  it.each([
    ['OK', 'the keyword OK (ok)'],
    ['END', 'the keyword END (stop)'],
    ['si', 'the keyword SI (accept)'],
    ['DONE', "a guided report's DONE"],
  ])('starts with the code %s, warning of it and what it collides with', (code, meaning) => {
    const upper = code.toUpperCase();
    expect(started([{ code, names: ['somewhere'] }])).toEqual({
      warnings: [`AREAS_FILE FILE: entry 2 (${upper}): the code ${upper} is also ${meaning}: a member who answers the area question with it gets that command, not the area`],
    });
  });

  it('starts with names that are command words, warning of each: the rename recipe keeps the old code OK as a name', () => {
    const result = started([{ code: 'OKL', names: ['OK', 'Oklahoma'] }, { code: 'ALT', names: ['Alta', 'Segura', 'Alto'] }]);
    expect(result).toEqual({
      warnings: [
        'AREAS_FILE FILE: entry 2 (OKL): the name "OK" is also the keyword OK (ok): a member who answers the area question with it gets that command, not the area',
        'AREAS_FILE FILE: entry 3 (ALT): the name "Alta" is also the keyword ALTA (join): a member who answers the area question with it gets that command, not the area',
        'AREAS_FILE FILE: entry 3 (ALT): the name "Segura" is also the keyword SEGURA (checkin): a member who answers the area question with it gets that command, not the area',
        'AREAS_FILE FILE: entry 3 (ALT): the name "Alto" is also the keyword ALTO (stop): a member who answers the area question with it gets that command, not the area',
      ],
    });
  });

  it('starts with no warning when no code or name is a command word, an area coded E among them', () => {
    expect(started([{ code: 'ALO', names: ['alloa'] }, { code: 'E', names: ['Stop n Go', 'all saints'] }])).toEqual({ warnings: [] });
  });
});
