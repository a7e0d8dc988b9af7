/**
 * The keyword tables, entry by entry: which words Twilio answers itself (so
 * the bot must stay silent), which LANG arguments name which language, and
 * which keywords say nothing about the sender's language. A missing or
 * misspelt entry means a member's STOP or HELP is answered twice, or not
 * understood.
 */
import { carrierAction } from '../../src/channels/twilio/carrier-keywords';
import { KEYWORD_TABLES, langFromWord, lookupKeyword } from '../../src/bot/keywords';
import { LANGS } from '../../src/bot/catalog';
import { parse } from '../../src/bot/parser';

describe('keyword tables', () => {
  // Twilio's default opt-out, opt-in and help keywords (its "Advanced Opt-Out" defaults).
  const carrier: Array<[string, 'stop' | 'start' | 'help']> = [
    ['STOP', 'stop'], ['STOPALL', 'stop'], ['UNSUBSCRIBE', 'stop'], ['CANCEL', 'stop'], ['END', 'stop'], ['QUIT', 'stop'], ['REVOKE', 'stop'], ['OPTOUT', 'stop'],
    ['START', 'start'], ['YES', 'start'], ['UNSTOP', 'start'],
    ['HELP', 'help'], ['INFO', 'help'],
  ];

  it.each(carrier)('leaves a lone %s to the carrier (%s), in any case and with punctuation', (word, action) => {
    expect(carrierAction(word)).toBe(action);
    expect(carrierAction(` ${word.toLowerCase()}. `)).toBe(action);
  });

  it.each([['STOP please'], ['JOIN'], ['AYUDA'], ['ALTO'], ['HELP ME'], ['STOPP'], ['']])('does not leave %j to the carrier', (text) => {
    expect(carrierAction(text)).toBeUndefined();
  });

  it.each([
    ['EN', 'en'],
    ['ENG', 'en'],
    ['ENGLISH', 'en'],
    ['INGLES', 'en'],
    ['ES', 'es'],
    ['ESP', 'es'],
    ['SPANISH', 'es'],
    ['ESPANOL', 'es'],
    ['CASTELLANO', 'es'],
    ['FR', 'fr'],
    ['FRANCAIS', 'fr'],
    ['PT', 'pt'],
    ['PORTUGUES', 'pt'],
  ] as const)('reads LANG %s as %s', (word, lang) => {
    expect(langFromWord(word)).toBe(lang);
    expect(parse(`LANG ${word}`)).toMatchObject({ ok: true, command: { kind: 'lang', lang } });
  });

  it.each([['DE'], ['E'], [''], ['ENGLISHX']])('knows no language %j', (word) => {
    expect(langFromWord(word)).toBeUndefined();
  });

  it.each(['STOP', 'INFO', 'LANG', 'STATUS', 'OK'])('treats %s as shared by every language: it sets no reply language', (word) => {
    expect(lookupKeyword(word)).toEqual({ kind: expect.any(String), lang: undefined });
  });

  it.each([
    ['JOIN', 'join', 'en'],
    ['UNIRSE', 'join', 'es'],
    ['ALTO', 'stop', 'es'],
    ['ESPANOL', 'lang', 'es'],
    ['ENGLISH', 'lang', 'en'],
  ] as const)('looks up %s as %s in %s', (word, kind, lang) => {
    expect(lookupKeyword(word)).toEqual({ kind, lang });
  });

  // Reach (issue 12)
  it.each([
    ['REJOINDRE', 'join', 'fr'],
    ['SIGNALER', 'report', 'fr'],
    ['AIDE', 'help', 'fr'],
    ['LIRE', 'read', 'fr'],
    ['DISCRET', 'discreet', 'fr'],
    ['AJUDA', 'help', 'pt'],
    ['LER', 'read', 'pt'],
    ['DISCREET', 'discreet', 'en'],
    ['READ', 'read', 'en'],
    ['LEER', 'read', 'es'],
  ] as const)('looks up %s as %s in %s', (word, kind, lang) => {
    expect(lookupKeyword(word)).toEqual({ kind, lang });
  });

  it.each([
    ['ENTRAR', 'join', 'pt', ['es']],
    ['DENUNCIA', 'report', 'pt', ['es']],
    ['AMIGA', 'buddy', 'es', ['pt']],
  ] as const)('looks up %s as %s in %s, keeping a member of %j in hers', (word, kind, lang, keeps) => {
    expect(lookupKeyword(word)).toEqual({ kind, lang, keeps });
  });

  it.each([['PARAR'], ['VERIFICAR'], ['DISCRETO']])('treats %s, a word of two languages, as setting no reply language', (word) => {
    expect(lookupKeyword(word)).toEqual({ kind: expect.any(String), lang: undefined });
  });

  it('gives no word two meanings in two languages', () => {
    const meaning = new Map<string, string>();
    const clashes: string[] = [];
    for (const { keywords } of KEYWORD_TABLES) {
      for (const [word, kind] of Object.entries(keywords)) {
        if ((meaning.get(word) ?? kind) !== kind) clashes.push(word);
        meaning.set(word, kind);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has one keyword table for every language the catalogues speak, and a name for each', () => {
    expect(KEYWORD_TABLES.map((t) => t.lang).sort()).toEqual([...LANGS].sort());
    for (const lang of LANGS) expect(langFromWord(lang.toUpperCase())).toBe(lang);
  });

  it.each([['join'], ['STOPP'], ['HOLA'], ['CONSTRUCTOR'], ['HASOWNPROPERTY']])('finds no keyword %j', (word) => {
    expect(lookupKeyword(word)).toBeUndefined();
  });
});
