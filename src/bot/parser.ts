/**
 * The pure command parser: text in, a command or a typed parse error out.
 * No I/O and no throwing; tolerant of case, accents, surrounding spaces and
 * punctuation. Free text (report bodies) is kept as the member wrote it.
 */
import type { Command, Lang, Parsed } from './commands';
import { langFromWord, lookupKeyword } from './keywords';
import { isStopRequest } from './stop-phrases';

/** Longest text the parser looks at; providers cap bodies well below this. */
export const MAX_TEXT = 4000;

/** Upper case without accents or surrounding punctuation: how keywords are compared. */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu, '');
}

interface Token {
  word: string;
  /** Offset of the raw token in the original text, to cut free text out of it. */
  start: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const word = normalizeWord(m[0]);
    if (word !== '' && word !== '#') tokens.push({ word, start: m.index ?? 0 });
  }
  return tokens;
}

/** Splits "415,628" and strips punctuation: the area tokens of a JOIN, LEAVE, … */
function areaTokens(tokens: Token[]): string[] {
  return tokens.flatMap((t) => t.word.split(/[^\p{L}\p{N}-]+/u)).filter((w) => w !== '');
}

const NPA = /^\d{3}$/;
const REF = /^#?([A-Z0-9]{4,6})$/;

/** Leading NPA tokens (e.g. "415 628 he was…"), then the text after them. */
function areasThenText(text: string, rest: Token[]): { areas: string[]; text: string } {
  const areas: string[] = [];
  let i = 0;
  for (; i < rest.length; i++) {
    const parts = (rest[i] as Token).word.split(/[,;/]+/).filter((p) => p !== '');
    if (parts.length === 0 || !parts.every((p) => NPA.test(p))) break;
    areas.push(...parts);
  }
  const next = rest[i];
  return { areas, text: next ? text.slice(next.start).trim() : '' };
}

function refOf(token: Token | undefined): string | 'missing' | 'bad' {
  if (!token) return 'missing';
  const m = REF.exec(token.word);
  return m ? (m[1] as string) : 'bad';
}

/** Parses one inbound message. Never throws. */
export function parse(input: string): Parsed {
  const text = input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input;
  const tokens = tokenize(text);
  const first = tokens[0];
  if (!first) return { ok: false, error: 'empty' };
  const found = lookupKeyword(first.word);
  if (!found) {
    const stop = isStopRequest(tokens.map((t) => t.word));
    if (stop) return { ok: true, command: { kind: 'stop' }, lang: stop.lang, keyword: first.word, exactKeyword: false };
    return { ok: false, error: 'unknown', keyword: first.word };
  }
  const { kind } = found;
  let lang: Lang | undefined = found.lang;
  const rest = tokens.slice(1);
  const base = { keyword: first.word, exactKeyword: tokens.length === 1 };
  const fail = (error: Exclude<Parsed, { ok: true }>['error']): Parsed => ({ ok: false, error, lang, keyword: first.word, command: kind });
  const ok = (command: Command): Parsed => ({ ok: true, command, lang, ...base });

  switch (kind) {
    case 'join':
      return ok({ kind, areas: areaTokens(rest) });
    case 'leave': {
      const areas = areaTokens(rest);
      return areas.length ? ok({ kind, areas }) : fail('missing_area');
    }
    case 'stop':
    case 'help':
    case 'areas':
    case 'delete':
    case 'pending':
    case 'stats':
      return ok({ kind });
    case 'lang': {
      // "ENGLISH" and "ESPANOL" are complete commands; "LANG ES" names the language.
      const named = first.word === 'LANG' ? (rest[0] ? langFromWord(rest[0].word) : undefined) : langFromWord(first.word);
      if (!named) return fail('bad_lang');
      lang = named;
      return ok({ kind, lang: named });
    }
    case 'report': {
      const { areas, text: body } = areasThenText(text, rest);
      return body ? ok({ kind, areas, text: body }) : fail('missing_text');
    }
    case 'alert': {
      const { areas, text: body } = areasThenText(text, rest);
      if (!areas.length) return fail('missing_area');
      return body ? ok({ kind, areas, text: body }) : fail('missing_text');
    }
    case 'check': {
      const next = rest[0];
      const query = next ? text.slice(next.start).trim() : '';
      return query ? ok({ kind, query }) : fail('missing_number');
    }
    case 'approve':
    case 'reject':
    case 'block':
    case 'edit': {
      const ref = refOf(rest[0]);
      if (ref === 'missing') return fail('missing_ref');
      if (ref === 'bad') return fail('bad_ref');
      if (kind === 'approve') return ok({ kind, ref, areas: areaTokens(rest.slice(1)) });
      if (kind === 'edit') {
        const next = rest[1];
        const body = next ? text.slice(next.start).trim() : '';
        return body ? ok({ kind, ref, text: body }) : fail('missing_text');
      }
      return ok({ kind, ref });
    }
  }
}
