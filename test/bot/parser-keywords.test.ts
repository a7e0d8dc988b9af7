/**
 * parse(): the keywords and aliases of the SPEC command table, in every
 * language, and what case, spaces, accents and punctuation around a keyword
 * change (nothing).
 */
import type { Command, CommandKind, Lang } from '../../src/bot/commands';
import { parse } from '../../src/bot/parser';
import { commandOf, errorOf } from '../helpers/parsed';

const KINDS: ReadonlySet<CommandKind> = new Set<CommandKind>([
  'join', 'leave', 'stop', 'help', 'areas', 'report', 'check', 'delete', 'lang',
  'pending', 'approve', 'reject', 'edit', 'alert', 'block', 'stats',
  'discreet', 'read',
]);

describe('parse', () => {
  describe('keywords and aliases of the SPEC command table', () => {
    // [input, expected command, language the keyword implies (undefined: shared, the carrier's opt-in words, moderators' commands)]
    const table: Array<[string, Command, Lang | undefined]> = [
      ['JOIN', { kind: 'join', areas: [] }, 'en'],
      ['SUBSCRIBE', { kind: 'join', areas: [] }, 'en'],
      ['START', { kind: 'join', areas: [] },  undefined],
      ['UNSTOP', { kind: 'join', areas: [] },  undefined],
      ['UNIRSE', { kind: 'join', areas: [] }, 'es'],
      ['ALTA', { kind: 'join', areas: [] }, 'es'],
      ['LEAVE 415', { kind: 'leave', areas: ['415'] }, 'en'],
      ['SALIR 415', { kind: 'leave', areas: ['415'] }, 'es'],
      ['STOP', { kind: 'stop' }, undefined],
      ['STOPALL', { kind: 'stop' }, 'en'],
      ['UNSUBSCRIBE', { kind: 'stop' }, 'en'],
      ['CANCEL', { kind: 'stop' }, 'en'],
      ['END', { kind: 'stop' }, 'en'],
      ['QUIT', { kind: 'stop' }, 'en'],
      ['REVOKE', { kind: 'stop' }, 'en'],
      ['OPTOUT', { kind: 'stop' }, 'en'],
      ['ALTO', { kind: 'stop' }, 'es'],
      // Portuguese too: a word two languages share sets no reply language.
      ['PARAR', { kind: 'stop' }, undefined],
      ['HELP', { kind: 'help' }, 'en'],
      ['INFO', { kind: 'help' }, undefined],
      ['AYUDA', { kind: 'help' }, 'es'],
      ['AREAS', { kind: 'areas' }, 'en'],
      ['STATUS', { kind: 'areas' }, undefined],
      ['ZONAS', { kind: 'areas' }, 'es'],
      ['REPORT grey van', { kind: 'report', areas: [], text: 'grey van' }, 'en'],
      ['REPORTE van gris', { kind: 'report', areas: [], text: 'van gris' }, 'es'],
      ['REPORTAR van gris', { kind: 'report', areas: [], text: 'van gris' }, 'es'],
      ['CHECK 415-555-0100', { kind: 'check', query: '415-555-0100' }, 'en'],
      ['VERIFICAR 415-555-0100', { kind: 'check', query: '415-555-0100' }, undefined],
      ['DELETE', { kind: 'delete' }, 'en'],
      ['BORRAR', { kind: 'delete' }, 'es'],
      ['LANG EN', { kind: 'lang', lang: 'en' }, 'en'],
      ['LANG ES', { kind: 'lang', lang: 'es' }, 'es'],
      ['ENGLISH', { kind: 'lang', lang: 'en' }, 'en'],
      ['ESPAÑOL', { kind: 'lang', lang: 'es' }, 'es'],
      // Reach (issue 12)
      ['DISCREET', { kind: 'discreet' }, 'en'],
      ['DISCRETO', { kind: 'discreet' }, undefined],
      ['DISCRET', { kind: 'discreet' }, 'fr'],
      ['READ', { kind: 'read' }, 'en'],
      ['LEER', { kind: 'read' }, 'es'],
      ['LIRE', { kind: 'read' }, 'fr'],
      ['LER', { kind: 'read' }, 'pt'],
      ['FRANÇAIS', { kind: 'lang', lang: 'fr' }, 'fr'],
      ['LANG PT', { kind: 'lang', lang: 'pt' }, 'pt'],
      ['Vérifier 415-555-0100', { kind: 'check', query: '415-555-0100' }, 'fr'],
      ['DENÚNCIA 415 van cinza', { kind: 'report', areas: ['415'], text: 'van cinza' }, 'pt'],
      ['LANG anglais', { kind: 'lang', lang: 'en' }, 'en'],
      ['LANG espagnol', { kind: 'lang', lang: 'es' }, 'es'],
      ['LANG espanhol', { kind: 'lang', lang: 'es' }, 'es'],
      ['LANG portugais', { kind: 'lang', lang: 'pt' }, 'pt'],
      ['ESPANOL', { kind: 'lang', lang: 'es' }, 'es'],
      ['PENDING', { kind: 'pending' },  undefined],
      ['APPROVE K7Q2', { kind: 'approve', ref: 'K7Q2', areas: [] },  undefined],
      ['REJECT K7Q2', { kind: 'reject', ref: 'K7Q2' },  undefined],
      ['EDIT K7Q2 grey van', { kind: 'edit', ref: 'K7Q2', text: 'grey van' },  undefined],
      ['ALERT 415 grey van', { kind: 'alert', areas: ['415'], text: 'grey van' },  undefined],
      ['BLOCK K7Q2', { kind: 'block', ref: 'K7Q2' },  undefined],
      ['STATS', { kind: 'stats' },  undefined],
    ];

    it.each(table)('reads %j', (input, expected, lang) => {
      const p = parse(input);
      expect(p).toMatchObject({ ok: true, command: expected });
      expect(p.lang).toBe(lang);
    });

    it('covers every command kind the bot knows', () => {
      expect(new Set(table.map(([, c]) => c.kind))).toEqual(KINDS);
    });
  });

  describe('case, spaces, accents and punctuation', () => {
    it.each([
      ['join'],
      ['Join'],
      ['  JOIN  '],
      ['\tjoin\n'],
      ['JOIN!'],
      ['join.'],
      ['"Join"'],
      ['¡JOIN!'],
      ['#JOIN'],
    ])('reads %j as JOIN', (input) => {
      expect(commandOf(input)).toEqual({ kind: 'join', areas: [] });
    });

    it('reads "#STOP" as the bare STOP Twilio takes it for', () => {
      expect(parse('#STOP')).toMatchObject({ ok: true, command: { kind: 'stop' }, keyword: 'STOP', exactKeyword: true });
    });

    it.each([['español'], ['Español'], ['ESPAN\u0303OL'], ['  español!  '], ['LANG ESPAÑOL'], ['lang es']])(
      'reads %j as Spanish, with or without the ñ',
      (input) => {
        expect(commandOf(input)).toEqual({ kind: 'lang', lang: 'es' });
      },
    );

    it.each([['¿AYUDA?'], ['ayuda'], ['Ayuda!!']])('reads %j as HELP in Spanish', (input) => {
      expect(parse(input)).toMatchObject({ ok: true, command: { kind: 'help' }, lang: 'es' });
    });

    it.each([
      ['JOIN,415', { kind: 'join', areas: ['415'] }],
      ['Join:415 628', { kind: 'join', areas: ['415', '628'] }],
      ['LEAVE;415', { kind: 'leave', areas: ['415'] }],
      ['report:415 grey van', { kind: 'report', areas: ['415'], text: 'grey van' }],
      ['CHECK:415-555-0100', { kind: 'check', query: '415-555-0100' }],
      // A dot, hyphen or slash between the keyword and a number.
      ['JOIN.415', { kind: 'join', areas: ['415'] }],
      ['JOIN-415', { kind: 'join', areas: ['415'] }],
      ['JOIN/415', { kind: 'join', areas: ['415'] }],
      ['Leave-415', { kind: 'leave', areas: ['415'] }],
      ['REPORT-415 grey van', { kind: 'report', areas: ['415'], text: 'grey van' }],
      // Only the mark after the keyword: the number keeps its own.
      ['CHECK-415-555-0100', { kind: 'check', query: '415-555-0100' }],
      ['check.415.555.0100', { kind: 'check', query: '415.555.0100' }],
      ['CHECK/(415) 555-0100', { kind: 'check', query: '(415) 555-0100' }],
    ])('reads %j with the punctuation after the keyword as a space', (input, command) => {
      expect(commandOf(input)).toEqual(command);
    });

    // Two languages' words for the same command name neither (INFO is every language's: HELP's stays).
    it.each([
      ['HELP/AYUDA', 'HELP', undefined],
      ['Ayuda/Help', 'AYUDA', undefined],
      ['help.info', 'HELP', 'en'],
      ['AYUDA/AIDE', 'AYUDA', undefined],
    ] as Array<[string, string, Lang | undefined]>)('reads %j, two keywords joined by a mark, as the first', (input, keyword, lang) => {
      const p = parse(input);
      expect(p).toMatchObject({ ok: true, command: { kind: 'help' }, keyword });
      expect(p.lang).toBe(lang);
    });

    it('leaves a word that holds a mark of its own whole: CHECK-IN is a keyword, "End-of-shift" no STOP', () => {
      expect(parse('CHECK-IN 90')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90 }, keyword: 'CHECK-IN' });
      expect(errorOf('End-of-shift')).toMatchObject({ error: 'unknown' });
      expect(errorOf('join-the-club')).toMatchObject({ error: 'unknown' });
    });

    it('says whether the whole message is the keyword alone', () => {
      expect(parse(' Stop. ')).toMatchObject({ ok: true, keyword: 'STOP', exactKeyword: true });
      expect(parse('stop please')).toMatchObject({ ok: true, keyword: 'STOP', exactKeyword: false });
    });
  });
});
