/**
 * The pure command parser: text in, a command or a typed parse error out.
 * No I/O and no throwing; tolerant of case, accents, surrounding spaces and
 * punctuation. Free text (report bodies) is kept as the member wrote it.
 */
import type { Command, CommandKind, Lang, ParseErrorCode, Parsed } from './commands';
import { langFromWord, lookupKeyword } from './keywords';
import { checkinCommandOf, checkinNameLength, isCheckinKind, minutesOf, namesCheckin } from './checkin-parser';
import { discreetCommandOf } from './discreet-words';
import { isStopRequest, leadingWords, MAX_STOP_WORDS, type StopLang } from './stop-phrases';
import { aboutOtherThings, quotesSomeone, toSomeoneElse } from './stop-answers';
import { isAmount, startsWithNumber, type CountryCode } from '../phone/numbers';
import { mayBeRef } from '../store/refs';
import { pageAsked } from './pages';
import { leavesAll } from './all-words';
import { COLON, GLUED_COLON, MARK_AFTER_DIGIT } from './area-marks';
import { normalizeWord, okEmojiAsWord } from './normalize-word';
import { asciiDigits, DASH_CLASS } from '../util/ascii-digits';

export { normalizeWord };

/** Longest text the parser looks at; providers cap bodies well below this. */
export const MAX_TEXT = 4000;
interface Token {
  word: string;
  /** Offset of the raw token in the original text, to cut free text out of it. */
  start: number;
}

/** The token at `start` as written (punctuation, signs and accents kept). */
function rawWord(text: string, start: number): string {
  return /^\S+/.exec(text.slice(start))?.[0] ?? '';
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

/** Leading NPA tokens (e.g. "415 628 he was…"), then the text after them (which a number, "(628) 555-1234", starts). */
function areasThenText(text: string, rest: Token[], country: CountryCode): { areas: string[]; text: string; colonEnded?: true } {
  const areas: string[] = [];
  let i = 0;
  for (; i < rest.length; i++) {
    const token = rest[i] as Token;
    const raw = rawWord(text, token.start);
    // "415:he hit me", "415：he": the codes before a colon glued to the text end the areas, as "415: he" does.
    const colon = raw.search(COLON);
    const glued = colon > 0 && GLUED_COLON.test(raw.slice(colon));
    const parts = (glued ? normalizeWord(raw.slice(0, colon)) : token.word).split(/[,;/]+/).filter((p) => p !== '');
    if (parts.length === 0 || !parts.every((p) => NPA.test(p))) break;
    // "$650 short", "250$ manquant": an amount, written with its currency sign, is text.
    if (isAmount(asciiDigits(glued ? raw.slice(0, colon) : raw))) break;
    if (startsWithNumber(asciiDigits(text.slice(token.start)), country)) break;
    areas.push(...parts);
    // The text starts at the colon, which leadingAreas drops only when told it was split off here (":D" is hers).
    if (glued) return { areas, text: text.slice(token.start + colon).trim(), colonEnded: true };
  }
  const next = rest[i];
  // A colon or dash after the last area ("415: london …", "415 – london …") leads the text: leadingAreas reads it as their end.
  const mark = i > 0 && next ? text.slice((rest[i - 1] as Token).start, next.start).search(MARK_AFTER_DIGIT) : -1;
  return { areas, text: next ? text.slice(mark >= 0 ? (rest[i - 1] as Token).start + mark : next.start).trim() : '' };
}

/**
 * Whether a whole message asks to stop in so many words ("STOP texting me",
 * "no más mensajes"): not merely a stop word that opens a sentence ("End of
 * my shift", "Stop n Go on Westheimer", "No más llegué y me pegó").
 */
export function asksToStop(input: string): boolean {
  const clipped = input.slice(0, MAX_TEXT);
  const words = tokenize(clipped).map(wordOf);
  // "Deja de mandarme fotos le dije y siguió": his words, quoted in her answer; "Arrête d'envoyer mes photos": her plea to him.
  if (isStopRequest(words, true, true) === null || quotesSomeone(words, clipped)) return false;
  // Its first parts only: the work stays bounded whatever she sends.
  const wordsOf = (parts: string[]) => parts.slice(0, 40).map((part) => tokenize(part).map(wordOf));
  // Her photos, with no other request among its parts ("Unsubscribe me, and stop sending pics" is hers).
  if (aboutOtherThings(words, wordsOf(clipped.split(/[,.;:!?]+|\s(?:and|y|et|e|then)\s/iu)))) return false;
  // "Stop texting my family": her plea to a client about someone of hers, in one clause ("…texting, my boyfriend…" is her reason).
  return !wordsOf(clipped.split(/[,.;:!?]+/)).some(toSomeoneElse);
}

/**
 * A long message's first clause asking to stop, as a whole ("No quiero más mensajes por favor, mi esposo revisa
 * mi celular"): a phrase that must end the message ends it there. Out of a question only (asksToStop caps).
 */
function firstClauseStop(text: string, count: number): StopLang | null {
  if (count <= MAX_STOP_WORDS) return null;
  const clause = tokenize(/^[^,.;:!?]*/.exec(text)?.[0] ?? '').map(wordOf);
  return clause.length < count ? isStopRequest(clause, true) : null;
}

function refOf(token: Token | undefined): string | 'missing' | 'bad' {
  if (!token) return 'missing';
  const m = REF.exec(token.word);
  return m ? (m[1] as string) : 'bad';
}

function success(command: Command, lang: Lang | undefined, keyword: string, exactKeyword: boolean, keeps?: Lang[]): Parsed {
  return keeps ? { ok: true, command, lang, keeps, keyword, exactKeyword } : { ok: true, command, lang, keyword, exactKeyword };
}

/**
 * "JOIN.415", "JOIN-415", "HELP/AYUDA": a dot, hyphen or slash between a keyword and a number or another
 * keyword separates as a space does (one space for each mark). Nowhere else: "CHECK-IN" is a keyword of its
 * own, "End-of-shift" is no STOP, and a CHECK's "415-555-0100" keeps its dashes (only the marks right after
 * the first word go).
 */
function spacedAfterKeyword(text: string): string {
  const m = AFTER_KEYWORD.exec(text);
  if (!m) return text;
  const [, word = '', marks = '', next = ''] = m;
  const glued = normalizeWord(/^\S+/.exec(text.trimStart())?.[0] ?? '');
  if (!lookupKeyword(normalizeWord(word)) || lookupKeyword(glued)) return text;
  if (/^\p{L}/u.test(next) && !lookupKeyword(normalizeWord(next))) return text;
  return word + ' '.repeat(marks.length) + text.slice(word.length + marks.length);
}

// Commas, colons and semicolons as keyboards type them: ASCII, fullwidth, small, ideographic, Arabic.
const GLUED_MARKS = /^(\s*\p{L}+)([,:;\uFF0C\uFF1A\uFF1B\uFE50\uFE54\uFE55\u3001\u060C\u061B]+)/u;
// A dot, slash or dash (Unicode's and fullwidth ones too) between a keyword and what follows it.
const AFTER_KEYWORD = new RegExp(`^(\\s*\\p{L}+)([./\\-\\uFF0E\\uFF0F${DASH_CLASS}]+)(\\(?\\+?\\p{N}|\\p{L}+(?![\\p{L}\\p{N}]))`, 'u');

/** Parses one inbound message; a number leading a report is read as `country` (DEFAULT_COUNTRY) writes it. Never throws. */
export function parse(input: string, country: CountryCode = 'US'): Parsed {
  // One word of plain letters ("HELP", "join"), as most messages are: no mark, emoji, accent or word before it to read.
  const plain = PLAIN_WORD.test(input);
  const clipped = plain ? input : okEmojiAsWord(input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input);
  // "JOIN,415", "REPORT:415 …", "JOIN：415": a comma, colon or semicolon right after the first word separates as a
  // space does (one space for each, so positions in the text stay).
  const text = plain ? clipped : spacedAfterKeyword(clipped.replace(GLUED_MARKS, (_m, word: string, marks: string) => word + ' '.repeat(marks.length)));
  const tokens = plain ? [{ word: clipped.toUpperCase(), start: 0 }] : tokenize(text);
  const first = tokens[0];
  if (!first) return { ok: false, error: 'empty' };
  // "#STOP" is STOP, as Twilio reads it: a leading # is kept for references (#K7Q2), which never come first.
  const word = first.word.replace(/^#+/, '');
  const found = lookupKeyword(word);
  const rest = tokens.slice(1).map(wordOf);
  // "ok please stop my checkin", "can you stop my check-in": read as the stop word alone would be, her check-in's end.
  const lead = plain ? 0 : leadingWords(tokens.map(wordOf));
  const after = tokens[lead];
  if (lead > 0 && after && (lookupKeyword(after.word)?.kind === 'stop' || CHECKIN_ENDERS.has(after.word)) && namesCheckin(tokens.slice(lead + 1).map(wordOf))) {
    return parse(text.slice(after.start), country);
  }
  if (!found) {
    if (CHECKIN_ENDERS.has(word) && namesCheckin(rest)) return success({ kind: 'ok', cancels: true, ...minutesAfter(tokens) }, CHECKIN_ENDERS.get(word), word, false);
    const stop = isStopRequest(tokens.map(wordOf)) ?? firstClauseStop(text, tokens.length);
    if (stop) return success({ kind: 'stop' }, stop.lang, word, false, stop.keeps);
    return { ok: false, error: 'unknown', keyword: word };
  }
  // "ok stop texting me", "yes please unsubscribe me": a check-in's OK or a JOIN alone, before a request in so many
  // words they are the request (STOP ends a running check-in too, no one told, as OK would); not before a story
  // that quotes one ("ok so he said stop texting me").
  if (AGREEING.has(word)) {
    const stop = rest.length > 0 ? isStopRequest(rest, true) : null;
    if (stop) return success({ kind: 'stop' }, stop.lang, word, false, stop.keeps);
  }
  // "Leave me alone" asks to stop; LEAVE of areas named "ME" and "ALONE" it is not.
  if (found.kind === 'leave') {
    const stop = isStopRequest(tokens.map(wordOf), true);
    if (stop) return success({ kind: 'stop' }, stop.lang, word, false, stop.keeps);
  }
  // "Cancel my check-in": OK's work while one runs, not an unsubscribe from every alert. Any other words after a
  // stop word leave it STOP: a request not honoured ("cancel me", "quit sending me this") keeps texts coming to a
  // phone others may read, while an unwanted STOP is told at once and START undoes it.
  if (found.kind === 'stop' && namesCheckin(rest)) {
    return success({ kind: 'ok', cancels: true, ...(EVERYDAY_STOP_WORDS.has(word) ? {} : { stopWord: true as const }), ...minutesAfter(tokens) }, found.lang, word, false);
  }
  // "Check in 90" is CHECKIN 90 (no one looks up the word "in"): read as a CHECK, no check-in ran.
  const checkIn = found.kind === 'check' && tokens[1]?.word === 'IN';
  const kind = checkIn ? 'checkin' : found.kind;
  const command = commandOf(kind, word, text, tokens.slice(checkIn ? 2 : 1), country);
  if (typeof command === 'string') {
    const failed: Parsed = { ok: false, error: command, lang: found.lang, keyword: word, command: kind, ...(tokens.slice(1).some((t) => /\d/.test(t.word)) ? { digitsAfter: true as const } : {}) };
    return found.keeps ? { ...failed, keeps: found.keeps } : failed;
  }
  // "LANG ES" names its language; every other keyword's language is the keyword's own.
  if (command.kind === 'lang') return success(command, command.lang, word, tokens.length === 1);
  const unsure = (found.lang === 'en' && !plain && accented(text, first.start)) || otherLanguageTwin(found, tokens);
  return success(command, unsure ? undefined : found.lang, word, tokens.length === 1, found.keeps);
}

/** "HELP/AYUDA": the same command written in a second language after the first says neither is hers. */
function otherLanguageTwin(found: { kind: CommandKind; lang?: Lang }, tokens: Token[]): boolean {
  const second = tokens.length === 2 ? lookupKeyword((tokens[1] as Token).word) : undefined;
  return second !== undefined && second.kind === found.kind && second.lang !== undefined && second.lang !== found.lang;
}

/** Whether the word at `start` carries an accent: English writes none, so "Áreas" is no sign of English. */
function accented(text: string, start: number): boolean {
  return /\p{M}/u.test(rawWord(text, start).normalize('NFD'));
}

const wordOf = (t: Token): string => t.word;
const PLAIN_WORD = /^[A-Za-z]{1,40}$/;

// Keywords that agree (OK, JOIN's YES), and may come before a request to stop.
const AGREEING: ReadonlySet<string> = new Set(['OK', 'OKAY', 'YES']);

// Stop words that are everyday words too ("Cancel my check-in"): naming her check-in they end it and nothing else,
// with or without one running; STOP itself naming it is her STOP when none runs.
const EVERYDAY_STOP_WORDS: ReadonlySet<string> = new Set(['END', 'CANCEL', 'QUIT', 'ALTO', 'PARAR', 'ARRET', 'ARRETER']);

// Words, not keywords, that end a check-in they name ("cancelar mi check-in", "annuler le check-in").
// Their language when only one writes them (CANCELAR and TERMINAR are Spanish and Portuguese alike).
const CHECKIN_ENDERS: ReadonlyMap<string, Lang | undefined> = new Map<string, Lang | undefined>([
  ['CANCELAR', undefined],
  ['TERMINAR', undefined],
  ['ENCERRAR', 'pt'],
  ['ANNULER', 'fr'],
  ['TERMINER', 'fr'],
]);
/**
 * "END CHECK IN 30": a time right after her check-in's name, which LATER 30 would have moved on. Ending it
 * may not be what she meant: she is asked (OK or LATER), nothing changed.
 */
function minutesAfter(tokens: Token[]): { minutes?: number } {
  const after = tokens.slice(1 + checkinNameLength(tokens.slice(1).map(wordOf)));
  const time = minutesOf(after);
  return time ? { minutes: time.minutes } : {};
}

/** The command a keyword and its arguments make, or why they make none. */
function commandOf(kind: CommandKind, keyword: string, text: string, rest: Token[], country: CountryCode): Command | ParseErrorCode {
  // Check-ins (issue 13)
  if (isCheckinKind(kind)) return checkinCommandOf(kind, keyword, text, rest, country);
  switch (kind) {
    case 'join':
      return { kind, areas: areaTokens(rest) };
    case 'leave': {
      if (leavesAll(rest.map(wordOf))) return { kind, areas: [], all: true };
      const areas = areaTokens(rest);
      return areas.length ? { kind, areas } : 'missing_area';
    }
    case 'stop':
    case 'help':
    case 'areas':
    case 'delete':
    case 'read':
      return { kind };
    case 'discreet':
      return discreetCommandOf(rest.map(wordOf), text);
    case 'pending': // "PENDING 2", "STATS 2": a later page; other words are ignored (the first page).
    case 'stats': {
      const page = pageAsked(rest[0] && rawWord(text, rest[0].start), rest[0]?.word);
      return page ? { kind, page } : { kind };
    }
    case 'lang': {
      // "ENGLISH" and "ESPANOL" are complete commands; "LANG ES" names the language.
      const named = keyword === 'LANG' ? (rest[0] ? langFromWord(rest[0].word) : undefined) : langFromWord(keyword);
      return named ? { kind, lang: named } : 'bad_lang';
    }
    case 'report':
      // With no text (or only areas) it starts the guided report.
      return { kind, ...areasThenText(text, rest, country) };
    case 'alert': {
      const read = areasThenText(text, rest, country);
      // Areas of the line's own (LDN, london) lead the text: the handler, which knows them, takes them off.
      if (!read.areas.length) return read.text ? { kind, ...read } : 'missing_area';
      return read.text ? { kind, ...read } : 'missing_text';
    }
    case 'check': {
      const next = rest[0];
      const query = next ? text.slice(next.start).trim() : '';
      return query ? { kind, query } : 'missing_number';
    }
    case 'approve':
    case 'reject':
    case 'block':
    case 'show':
    case 'retract':
    case 'edit': {
      const ref = refOf(rest[0]);
      if (ref === 'missing') return 'missing_ref';
      if (ref === 'bad') return 'bad_ref';
      if (kind === 'approve') return { kind, ref, areas: areaTokens(rest.slice(1)) };
      // "REJECT K7Q2 M3P9" acted on the first only, the moderator believing both done: one at a time, or nothing. Words no
      // reference could be ("BLOCK LVJ5 troll": no O, I, 0, 1) are her comment; "REJECT NSZ9 spam" is refused: no undo.
      if ((kind === 'reject' || kind === 'block' || kind === 'retract') && rest.slice(1).some((t) => mayBeRef(t.word))) return 'one_ref';
      if (kind === 'edit') {
        const next = rest[1];
        const body = next ? text.slice(next.start).trim() : '';
        return body ? { kind, ref, text: body } : 'missing_text';
      }
      return { kind, ref };
    }
  }
}
