/**
 * Keyword look-up over the tables of every language the line speaks, one
 * file per language (keywords-en.ts, …): adding a language is one more
 * table here. Keys are normalized (upper case, accents removed). A
 * keyword's language becomes the member's reply language; a word shared by
 * several languages (or listed as shared) says nothing.
 */
import { MODERATOR_COMMANDS, type CommandKind, type Lang } from './commands';
import { english } from './keywords-en';
import { spanish } from './keywords-es';
import { french } from './keywords-fr';
import { portuguese } from './keywords-pt';

export type Table = Record<string, CommandKind>;

/** One language's keywords and the words that name it after LANG (LANG FR, LANG FRANCAIS, …). */
export interface KeywordTable {
  lang: Lang;
  keywords: Table;
  names: string[];
  /**
   * Another language's keywords this one writes too (Spanish DENUNCIA,
   * Portuguese AMIGA): they set that language for a newcomer, whose replies
   * teach the word, but keep a member of this language in hers.
   */
  alsoWrites?: string[];
}

/** Every language's table; the first listed wins a word two languages give different meanings (a test forbids that). */
export const KEYWORD_TABLES: readonly KeywordTable[] = [english, spanish, french, portuguese];

/**
 * Keywords that are used in every language, so they do not change the reply
 * language: also the carrier's opt-in words (the replies in every language
 * name START, the one word that lifts Twilio's block), and the moderators'
 * commands, which exist in English only.
 */
const NEUTRAL = new Set(['STOP', 'INFO', 'LANG', 'STATUS', 'START', 'YES', 'UNSTOP', /* Check-ins (issue 13) */ 'OK', 'OKAY']);

const BY_WORD = new Map<string, { kind: CommandKind; langs: Set<Lang>; alsoWrittenIn: Lang[] }>();
for (const { lang, keywords } of KEYWORD_TABLES) {
  for (const [word, kind] of Object.entries(keywords)) {
    const seen = BY_WORD.get(word);
    if (!seen) BY_WORD.set(word, { kind, langs: new Set([lang]), alsoWrittenIn: [] });
    else if (seen.kind === kind) seen.langs.add(lang);
  }
}
for (const { lang, alsoWrites = [] } of KEYWORD_TABLES) {
  for (const word of alsoWrites) BY_WORD.get(word)?.alsoWrittenIn.push(lang);
}

/**
 * Finds a normalized keyword: its command and, unless it is shared, its
 * language; `keeps` lists the languages whose members it leaves in theirs
 * (see KeywordTable.alsoWrites).
 */
export function lookupKeyword(word: string): { kind: CommandKind; lang?: Lang; keeps?: Lang[] } | undefined {
  const found = BY_WORD.get(word);
  if (!found) return undefined;
  const only = found.langs.size === 1 && !NEUTRAL.has(word) && !MODERATOR_COMMANDS.has(found.kind) ? [...found.langs][0] : undefined;
  return only && found.alsoWrittenIn.length ? { kind: found.kind, lang: only, keeps: found.alsoWrittenIn } : { kind: found.kind, lang: only };
}

/** The language a LANG argument names (EN, ES, ENGLISH, ESPANOL, INGLES, …), if any. */
export function langFromWord(word: string): Lang | undefined {
  return KEYWORD_TABLES.find((t) => t.names.includes(word))?.lang;
}
