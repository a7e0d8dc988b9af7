/**
 * parse(): the arguments of each command (areas, report text, numbers,
 * languages, references, alert text), what it asks for when one is missing,
 * and messages that are no command.
 */
import type { Lang } from '../../src/bot/commands';
import { parse } from '../../src/bot/parser';
import { commandOf, errorOf } from '../helpers/parsed';

describe('parse', () => {
  describe('JOIN and LEAVE', () => {
    it('reads JOIN with areas separated by commas', () => {
      expect(commandOf('JOIN 415,628')).toEqual({ kind: 'join', areas: ['415', '628'] });
    });

    it('reads JOIN with areas separated by commas and spaces', () => {
      expect(commandOf('join 415, 628,  212')).toEqual({ kind: 'join', areas: ['415', '628', '212'] });
    });

    it('reads JOIN with areas separated by semicolons and slashes', () => {
      expect(commandOf('JOIN 415;628/212')).toEqual({ kind: 'join', areas: ['415', '628', '212'] });
    });

    it('passes a region name on to be resolved', () => {
      expect(commandOf('JOIN san-francisco')).toEqual({ kind: 'join', areas: ['SAN-FRANCISCO'] });
    });

    it.each([['LEAVE ALL'], ['Leave everything'], ['leave all my areas'], ['SALIR DE TODO'], ['salir todo'], ['salir de todas las zonas'], ['QUITTER TOUT'], ['quitter toutes mes zones'], ['SAIR DE TUDO']])(
      'reads %j as LEAVE of all her areas, not of an area named "ALL"',
      (input) => {
        expect(commandOf(input)).toEqual({ kind: 'leave', areas: [], all: true });
      },
    );

    it('reads LEAVE with an area and other words as areas to resolve, not as all of them', () => {
      expect(commandOf('LEAVE 415 all')).toEqual({ kind: 'leave', areas: ['415', 'ALL'] });
      expect(commandOf('LEAVE my areas')).toEqual({ kind: 'leave', areas: ['MY', 'AREAS'] });
    });

    it('asks for an area when LEAVE has none', () => {
      expect(errorOf('LEAVE')).toMatchObject({ error: 'missing_area', command: 'leave' });
      expect(errorOf('salir')).toMatchObject({ error: 'missing_area', lang: 'es' });
    });
  });

  describe('REPORT', () => {
    it('takes leading area codes and keeps the rest as the member wrote it', () => {
      expect(commandOf('REPORT 415 628 Grey VAN, said "Rick",  number (415) 555-0100!')).toEqual({
        kind: 'report',
        areas: ['415', '628'],
        text: 'Grey VAN, said "Rick",  number (415) 555-0100!',
      });
    });

    it('takes comma-joined leading area codes', () => {
      expect(commandOf('reporte 415,628 hombre agresivo')).toEqual({ kind: 'report', areas: ['415', '628'], text: 'hombre agresivo' });
    });

    it('has no areas when the text starts with words', () => {
      expect(commandOf('REPORT grey van 415 555 0100')).toEqual({ kind: 'report', areas: [], text: 'grey van 415 555 0100' });
    });

    it('leaves a number written in groups to the text: its first groups are not areas', () => {
      expect(commandOf('REPORT 415 628 555 1234 choked me')).toEqual({ kind: 'report', areas: ['415'], text: '628 555 1234 choked me' });
      expect(commandOf('REPORT 628 555 1234, choked me')).toEqual({ kind: 'report', areas: [], text: '628 555 1234, choked me' });
      expect(commandOf('ALERT 415 628 555 1234 grey van')).toEqual({ kind: 'alert', areas: ['415'], text: '628 555 1234 grey van' });
      // Two groups are not yet a number; a group of five digits is not its last.
      expect(commandOf('REPORT 415 628 555 grey van')).toEqual({ kind: 'report', areas: ['415', '628', '555'], text: 'grey van' });
      expect(commandOf('REPORT 415 628 555 12345 grey van')).toEqual({ kind: 'report', areas: ['415', '628', '555'], text: '12345 grey van' });
      // Only three groups of 3, 3 and 4 digits in a row.
      expect(commandOf('REPORT 415 628 grey 1234 Main St')).toEqual({ kind: 'report', areas: ['415', '628'], text: 'grey 1234 Main St' });
      expect(commandOf('REPORT 415 1628 5551 grey')).toEqual({ kind: 'report', areas: ['415'], text: '1628 5551 grey' });
    });

    it('leaves a number that starts the text to it, in its usual formats: its area code is not an area', () => {
      expect(commandOf('REPORT (628) 555-0177 choked me')).toEqual({ kind: 'report', areas: [], text: '(628) 555-0177 choked me' });
      expect(commandOf('REPORT 628 555-0177 choked me')).toEqual({ kind: 'report', areas: [], text: '628 555-0177 choked me' });
      expect(commandOf('REPORT 415 (628) 555-0177 choked me')).toEqual({ kind: 'report', areas: ['415'], text: '(628) 555-0177 choked me' });
      expect(commandOf('ALERT 415 (628) 555-0188 grey van')).toEqual({ kind: 'alert', areas: ['415'], text: '(628) 555-0188 grey van' });
      // Areas followed by words stay areas.
      expect(commandOf('REPORT 415 628 grey van')).toEqual({ kind: 'report', areas: ['415', '628'], text: 'grey van' });
      expect(commandOf('REPORT 415 grey van')).toEqual({ kind: 'report', areas: ['415'], text: 'grey van' });
    });

    it('reads that number as the line\'s country writes it', () => {
      expect(parse('REPORT 020 7946 0958 grabbed me', 'GB')).toMatchObject({ ok: true, command: { kind: 'report', areas: [], text: '020 7946 0958 grabbed me' } });
      expect(parse('ALERT LDN 020 7946 0958 grabbed me', 'GB')).toMatchObject({ ok: true, command: { kind: 'alert', areas: [], text: 'LDN 020 7946 0958 grabbed me' } });
    });

    it('keeps line breaks and accents in the text', () => {
      expect(commandOf('REPORTE 305 él me golpeó\nvan gris')).toEqual({ kind: 'report', areas: ['305'], text: 'él me golpeó\nvan gris' });
    });

    it('starts the guided report when there are only areas or nothing (issue 11)', () => {
      expect(commandOf('REPORT 415')).toEqual({ kind: 'report', areas: ['415'], text: '' });
      expect(commandOf('REPORT')).toEqual({ kind: 'report', areas: [], text: '' });
      expect(commandOf('reporte 415, 628')).toEqual({ kind: 'report', areas: ['415', '628'], text: '' });
    });

    it('is a report, not an opt-out, even when it mentions stop', () => {
      expect(commandOf('REPORT he would not stop when I said stop')).toMatchObject({ kind: 'report' });
    });
  });

  describe('CHECK', () => {
    it('keeps the number as written', () => {
      expect(commandOf('CHECK (415) 555-0100')).toEqual({ kind: 'check', query: '(415) 555-0100' });
      expect(commandOf('verificar +1 415 555 0100')).toEqual({ kind: 'check', query: '+1 415 555 0100' });
    });

    it('asks for the number when there is none', () => {
      expect(errorOf('CHECK')).toMatchObject({ error: 'missing_number', command: 'check' });
    });
  });

  describe('LANG', () => {
    it.each([['LANG EN', 'en'], ['lang english'], ['LANG ingles', 'en'], ['LANG es', 'es'], ['Lang Spanish', 'es'], ['ENGLISH', 'en']].map(
      ([input, lang]) => [input as string, (lang ?? 'en') as Lang],
    ))('reads %j as %s', (input, lang) => {
      expect(parse(input)).toMatchObject({ ok: true, command: { kind: 'lang', lang }, lang });
    });

    it('refuses a language it does not offer, or none', () => {
      expect(errorOf('LANG DE')).toMatchObject({ error: 'bad_lang', command: 'lang' });
      expect(errorOf('LANG')).toMatchObject({ error: 'bad_lang', command: 'lang' });
    });
  });

  describe('references', () => {
    it.each([
      ['APPROVE #K7Q2', 'K7Q2'],
      ['approve k7q2', 'K7Q2'],
      ['APPROVE #ABC234!', 'ABC234'],
      ['APPROVE # K7Q2', 'K7Q2'],
      ['APPROVE "#K7Q2".', 'K7Q2'],
    ])('reads the reference in %j', (input, ref) => {
      expect(commandOf(input)).toMatchObject({ kind: 'approve', ref });
    });

    it('reads areas after the reference of an APPROVE', () => {
      expect(commandOf('APPROVE #K7Q2 415, 628')).toEqual({ kind: 'approve', ref: 'K7Q2', areas: ['415', '628'] });
    });

    it('reads the new text of an EDIT as written', () => {
      expect(commandOf('EDIT #K7Q2 Grey van, 415-555-0100')).toEqual({ kind: 'edit', ref: 'K7Q2', text: 'Grey van, 415-555-0100' });
      expect(errorOf('EDIT #K7Q2')).toMatchObject({ error: 'missing_text' });
    });

    it('refuses references of the wrong length or shape', () => {
      expect(errorOf('REJECT #K7Q')).toMatchObject({ error: 'bad_ref', command: 'reject' });
      expect(errorOf('REJECT #K7Q2ABC')).toMatchObject({ error: 'bad_ref' });
      expect(errorOf('BLOCK K7-Q2')).toMatchObject({ error: 'bad_ref', command: 'block' });
      expect(errorOf('BLOCK')).toMatchObject({ error: 'missing_ref', command: 'block' });
    });
  });

  describe('ALERT', () => {
    it('needs areas first and then text', () => {
      expect(commandOf('ALERT 415 628 grey van')).toEqual({ kind: 'alert', areas: ['415', '628'], text: 'grey van' });
      // The handler takes the line's own areas (ALERT LDN grey van) off the text, and asks for one when there is none.
      expect(commandOf('ALERT LDN grey van')).toEqual({ kind: 'alert', areas: [], text: 'LDN grey van' });
      expect(errorOf('ALERT')).toMatchObject({ error: 'missing_area', command: 'alert' });
      expect(errorOf('ALERT 415')).toMatchObject({ error: 'missing_text', command: 'alert' });
    });
  });


  describe('everything else', () => {
    it.each([[''], ['   '], ['\n\t'], ['#'], ['🙂🙂🙂'], ['...!?']])('calls %j empty', (input) => {
      expect(errorOf(input)).toMatchObject({ error: 'empty' });
    });

    it('calls an unknown word unknown, naming it', () => {
      expect(errorOf('hello there')).toEqual({ ok: false, error: 'unknown', keyword: 'HELLO' });
    });
  });
});
