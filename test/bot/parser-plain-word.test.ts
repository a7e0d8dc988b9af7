import fc from 'fast-check';
import { KEYWORD_TABLES } from '../../src/bot/keywords';
import { parse } from '../../src/bot/parser';

// A message of one word of plain letters is read without the readings a longer text needs (parser.ts): it must read
// exactly as the same word does with a space before it, which takes them all.
describe('parse: one word of plain letters', () => {
  const keywords = [...new Set(KEYWORD_TABLES.flatMap((t) => [...Object.keys(t.keywords), ...t.names]))].filter((w) => /^[A-Z]+$/.test(w));

  it('reads every keyword, in any case, as it reads it after a space', () => {
    expect(keywords.length).toBeGreaterThan(50);
    for (const word of keywords) {
      for (const written of [word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase()]) {
        expect([written, parse(written)]).toEqual([written, parse(` ${written}`)]);
        expect([written, parse(written, 'GB')]).toEqual([written, parse(` ${written}`, 'GB')]);
      }
    }
  });

  it('reads any word of letters as it reads it after a space', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,40}$/), (word) => {
        expect(parse(word)).toEqual(parse(` ${word}`));
      }),
    );
  });

  it('answers the keyword itself, exact, with its language', () => {
    expect(parse('help')).toEqual({ ok: true, command: { kind: 'help' }, lang: 'en', keyword: 'HELP', exactKeyword: true });
    expect(parse('Ayuda')).toMatchObject({ ok: true, command: { kind: 'help' }, lang: 'es', keyword: 'AYUDA', exactKeyword: true });
    expect(parse('JOIN')).toMatchObject({ ok: true, command: { kind: 'join', areas: [] }, keyword: 'JOIN', exactKeyword: true });
  });
});
