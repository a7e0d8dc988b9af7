/**
 * The text of an alert, as members will read it: one function renders it
 * (the dispatcher sends it, the moderator's notice and SHOW preview it), and
 * one bound says whether it fits. A moderator approves exactly this.
 */
import { catalog, LANGS } from '../bot/catalog';
import type { Lang } from '../domain/lang';
import { gsm7Length, smsSegments } from '../bot/sms-segments';
import type { CountryCode } from 'libphonenumber-js';
import { identifiersIn, type ExtractOptions } from './identifiers';
import { KEYCAP_TEN_BY_DIGIT } from './numbers-in-text';
import { visible } from '../util/visible-text';

/** Most SMS segments an alert may cost a member, its frame ("Heads Up alert (415): … STOP to end") included. */
export const MAX_ALERT_SEGMENTS = 3;

/**
 * Report and alert text as members will read it: compatibility-normalised
 * (full-width digits become digits), without invisible characters,
 * whitespace runs collapsed to one space. Idempotent: what is invisible goes
 * before the normalisation too, so an accent a zero-width space parted from
 * its letter is composed at once, not at a second cleaning.
 */
export function cleanAlertText(text: string): string {
  return visible(visible(text).normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

// What phones type for plain punctuation (smart quotes, dashes, the ellipsis): their GSM-7 forms.
const PLAIN: Record<string, string> = { '‘': "'", '’': "'", '‚': "'", '‛': "'", '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '‐': '-', '‑': '-', '–': '-', '—': '-', '−': '-', '…': '...' };
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Marks that belong to the letter before them (accents); variation selectors and keycaps belong to emoji.
const LETTER_MARK = /(?![\uFE00-\uFE0F\u20E3])\p{M}/u;

/** Phones' smart punctuation (curly quotes, dashes, "…") in its plain GSM-7 form: alone it would make an alert UCS-2. */
export function plainPunctuation(text: string): string {
  let out = '';
  for (const ch of text) out += PLAIN[ch] ?? ch;
  return out;
}

/**
 * The text with each letter GSM-7 lacks as its plain letter ("João" as "Joao", "ç" as "c"; "é", "ñ", "ü" are
 * GSM-7 and stay): one alone makes a whole SMS UCS-2, 70 characters a segment instead of 160. Letters with no
 * plain GSM-7 form (Cyrillic, "œ") and emoji stay as they are.
 */
export function foldAccents(text: string): string {
  let folded = '';
  for (const ch of text.normalize('NFC')) {
    const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
    folded += gsm7Length(ch) === null && bare !== '' && gsm7Length(bare) !== null ? bare : ch;
  }
  return folded;
}

/**
 * Whether `folded` (the text with its accents folded) names exactly what the text names, as the line reads it:
 * "martín" in a link, "joão@…" or "@joão_silva" folded is another link, email or handle (someone else's), which
 * members would read and CHECK find instead of hers.
 */
export function foldKeepsIdentifiers(text: string, folded: string, opts: ExtractOptions): boolean {
  const key = (t: string) => JSON.stringify(identifiersIn(t, opts).map((i) => [i.kind, i.value, i.shown]));
  return folded === text || key(folded) === key(text);
}

/**
 * Free text of an alert without emoji and symbols: one 😡 would make the whole alert UCS-2 (70 characters a
 * segment instead of 160) and cost it its answers. Letters and digits of any language stay (a name, a place,
 * "Martínez"); smart punctuation becomes its plain form; a keycap digit is its digit ("4️⃣1️⃣5️⃣" reads 415, a
 * number, as CHECK finds it), and the keycap ten 10 ("🔟pm"), a space next to a digit. Idempotent.
 */
export function withoutSymbols(text: string): string {
  return symbolsDropped(text).shown.replace(/\s+/g, ' ').trim();
}

// A keycap digit's marks ("4️⃣" shows 4).
const KEYCAP_MARKS = /(?<=\d)\uFE0F?\u20E3/gu;

/**
 * withoutSymbols before its spaces are collapsed, and where each character of it is in the text (a replaced
 * character's, each of its own for a character of two units): maskNumber masks what an alert would show.
 */
export function symbolsDropped(text: string): { shown: string; at: number[] } {
  const marks = new Set<number>();
  for (const m of text.matchAll(KEYCAP_MARKS)) for (let k = 0; k < m[0].length; k++) marks.add((m.index ?? 0) + k);
  // The keycap ten next to a digit is a space, as numbers are read ("0🔟5" is no 0105): what shows, CHECK reads.
  const tens = new Set([...text.matchAll(KEYCAP_TEN_BY_DIGIT)].map((m) => m.index ?? 0));
  let shown = '';
  const at: number[] = [];
  let afterLetter = false;
  let i = 0;
  for (const ch of text) {
    const start = i;
    i += ch.length;
    if (marks.has(start)) continue;
    let out: string;
    if (ch === '\u{1F51F}') {
      out = tens.has(start) ? ' ' : '10';
      afterLetter = false;
    } else {
      const kept: boolean = gsm7Length(ch) !== null || WORD_CHAR.test(ch) || (afterLetter && LETTER_MARK.test(ch));
      out = kept ? ch : (PLAIN[ch] ?? ' ');
      afterLetter = kept && /[\p{L}\p{M}]/u.test(ch);
    }
    shown += out;
    for (let k = 0; k < out.length; k++) at.push(start + Math.min(k, ch.length - 1));
  }
  return { shown, at };
}

/** The alert exactly as a member in `lang` receives it. */
export function renderAlert(lang: Lang, npas: string[], text: string): string {
  return catalog(lang).alert(npas, text);
}

/** The SMS segments the alert costs, in the language where it costs most. */
export function alertSegments(npas: string[], text: string): number {
  return Math.max(...LANGS.map((lang) => smsSegments(renderAlert(lang, npas, text))));
}

/**
 * A reporter's one-message text as its alert carries it: as written when it fits (her accents kept), else with the
 * letters GSM-7 lacks folded (foldAccents) and a phone's curly quotes made plain (one "’" alone keeps it UCS-2) when
 * that makes it fit and names what she wrote (foldKeepsIdentifiers); else as written, too long, for a moderator's EDIT.
 */
export function fittedReportText(npas: string[], text: string, country: CountryCode): string {
  if (alertSegments(npas, text) <= MAX_ALERT_SEGMENTS) return text;
  // Her quotes made plain change no identifier's value (a link ends at a quote, curly or not); her accents may.
  const plain = plainPunctuation(text);
  const folded = foldAccents(plain);
  return alertSegments(npas, folded) <= MAX_ALERT_SEGMENTS && foldKeepsIdentifiers(plain, folded, { country }) ? folded : text;
}
