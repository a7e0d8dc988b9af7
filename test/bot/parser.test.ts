import type { Command, CommandKind, Lang, Parsed } from '../../src/bot/commands';
import { normalizeWord, parse } from '../../src/bot/parser';

const KINDS: ReadonlySet<CommandKind> = new Set<CommandKind>([
  'join', 'leave', 'stop', 'help', 'areas', 'report', 'check', 'delete', 'lang',
  'pending', 'approve', 'reject', 'edit', 'alert', 'block', 'stats',
  'discreet', 'read',
]);

/** The command of a successful parse; fails the test (with the input) otherwise. */
function commandOf(input: string): Command {
  const p = parse(input);
  if (!p.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got error ${p.error}`);
  return p.command;
}

function errorOf(input: string): Exclude<Parsed, { ok: true }> {
  const p = parse(input);
  if (p.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${p.command.kind}`);
  return p;
}

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

  describe('plain-language opt-outs', () => {
    it.each([
      ['please stop texting me', 'en'],
      ['Stop texting me please', undefined],
      ['remove me', 'en'],
      ["don't text me", 'en'],
      ['Don\u2019t text me', 'en'],
      ['Leave me alone', 'en'],
      ['leave me alone!!', 'en'],
      ['no more messages', 'en'],
      ['No más!', 'es'],
      ['no mas', 'es'],
      ['dejen de escribirme', 'es'],
      ['quítame de la lista', 'es'],
      // LEAVE's own word, of the whole list: not areas named "DE", "LA" and "LISTA".
      ['Salir de la lista', 'es'],
      ['Quitter la liste', 'fr'],
      ['Sair da lista', 'pt'],
      ['Quero sair', 'pt'],
      // Hyphenated, as phones and forms write it.
      ['Opt-out', 'en'],
      ['opt-out.', 'en'],
      ['please opt-out me', 'en'],
      // Two languages' words joined, either way round.
      ['ALTO/STOP', 'es'],
      // STOP, which every language writes, sets none.
      ['STOP/ALTO', undefined],
      ['ALTO!STOP', 'es'],
      ['No quiero más mensajes', 'es'],
      ['no quiero recibir mas mensajes', 'es'],
      ['Paren de mandar mensajes', 'es'],
      ['Para de escribirme', 'es'],
      ['Por favor, paren de enviar alertas', 'es'],
      // Wanting no messages, with nothing after but politeness.
      ['No quiero más mensajes, gracias', 'es'],
      ['ya no quiero recibir mensajes por favor', 'es'],
      // The singular imperative alone (or with politeness): it can only mean stop. PARE is Portuguese too.
      ['Pare', undefined],
      ['Pare por favor', undefined],
      ['Paren', 'es'],
      ['Paren ya', 'es'],
    ] as Array<[string, Lang | undefined]>)('reads %j as STOP', (input, lang) => {
      const p = parse(input);
      expect(p).toMatchObject({ ok: true, command: { kind: 'stop' } });
      expect(p.lang).toBe(lang);
    });

    it.each([
      ["he wouldn't stop"],
      ['he did not stop at the light'],
      ['ya no tengo saldo'],
      ['deja de llover'],
      ['bus stop on 5th'],
      // PARA is also "for" and "he stops": only an opening "para de escribir/mandar…" asks us.
      ['lo vi en la parada de bus'],
      ['para de noche'],
      ['el no para de escribirme'],
      ['me dijo que no para de mandar fotos'],
      ['no quiero mas problemas con el'],
      // Not wanting messages from someone, or of some kind: not a request to stop everything.
      ['No quiero alertas de 858'],
      ['no quiero mensajes de él'],
      ['Le dije que no quiero mensajes suyos'],
      ['No quiero textos de clientes'],
      ['ya no quiero mensajes de ese tipo'],
      // The singular opening a longer sentence.
      ['Pare en la esquina'],
      ['Paren el carro'],
    ])(
      'does not read %j, which mentions stopping but asks nothing of us, as an opt-out',
      (input) => {
        expect(errorOf(input)).toMatchObject({ error: 'unknown' });
      },
    );

    // END, CANCEL, QUIT, ALTO, PARAR, ARRÊT are everyday words too: STOP alone, with politeness, or in a request.
    it.each([['END'], ['Cancel!'], ['quit please'], ['ALTO por favor'], ['Parar'], ['Arrêt svp'], ['Cancel, stop texting me'], ['Quit texting me'], ['cancel all alerts please'], ['END STOP']])(
      'reads %j, a stop word that is an everyday word too, alone or asking to stop, as STOP',
      (input) => {
        expect(commandOf(input)).toEqual({ kind: 'stop' });
      },
    );

    // Opening anything else they stay STOP: a request not honoured ("cancel me", "quit sending me this") keeps texts
    // coming to a phone others may read; an unwanted STOP is told at once, and START undoes it.
    it.each([['QUIT SENDING ME THIS'], ['cancel me'], ['cancel my membership'], ['end msgs'], ['quit txting me'], ['cancel pls thank u'], ['parar de mandar mensajes'], ['parar as mensagens'], ["Arrêter d'envoyer des messages"], ['End of my shift, all good']])(
      'reads %j, opening with such a word, as STOP',
      (input) => {
        expect(commandOf(input)).toEqual({ kind: 'stop' });
      },
    );

    it.each([['STOP texting me'], ['UNSUBSCRIBE me now'], ['STOP sending these'], ['OPTOUT pls']])('still reads %j, opening with a word that only means stop, as STOP', (input) => {
      expect(commandOf(input)).toEqual({ kind: 'stop' });
    });

    // Naming the check-in: OK's work while one runs (run-command), not an unsubscribe.
    it.each([
      ['Cancel my check-in', 'en', undefined],
      ['end checkin', 'en', undefined],
      ['Cancel check in please', 'en', undefined],
      ['STOP my check-in', undefined, true],
      ['cancelar mi check-in', undefined, undefined],
      ['Annuler le check-in', 'fr', undefined],
    ] as Array<[string, Lang | undefined, true | undefined]>)('reads %j as ending the check-in', (input, lang, stopWord) => {
      const p = parse(input);
      expect(p).toMatchObject({ ok: true, command: { kind: 'ok', cancels: true } });
      expect(p.ok && p.command.kind === 'ok' ? p.command.stopWord === true : 'not OK').toBe(stopWord === true);
      expect(p.lang).toBe(lang);
    });

    it('does not read a long message that mentions stop as an opt-out', () => {
      const text = 'He would not stop when I asked him to, grabbed my arm and kept going, grey van near the bridge';
      expect(errorOf(text)).toMatchObject({ error: 'unknown' });
    });

    it('does not read a REPORT that mentions stop as an opt-out', () => {
      expect(commandOf('REPORT 415 he would not stop, stop, STOP')).toMatchObject({ kind: 'report', text: 'he would not stop, stop, STOP' });
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
