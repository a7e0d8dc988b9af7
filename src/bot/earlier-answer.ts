/**
 * A guided question asked again (after BACK, or passed again with SKIP) with what she answered it before: SKIP
 * keeps that answer, so she is shown it, briefly. It goes only to her own phone, which sent it; never logged.
 */
import { foldAccents, withoutSymbols } from '../alerts/alert-text';
import type { Catalog } from './catalog';
import { CATEGORIES, type Draft, type Step } from './report-dialogue';
import { gsm7Length, longestFit, smsSegments } from './sms-segments';

/** Segments a question with her earlier answer may take: two, as the read-back before DONE. */
export const EARLIER_SEGMENTS = 2;

/** What the draft holds for its current question, as SKIP keeps it ("1 3" for what happened); undefined when nothing. */
export function earlierAnswer(d: Draft): string | undefined {
  if (d.step === 'review') return undefined;
  if (d.step === 'what') return d.categories.map((c) => CATEGORIES.indexOf(c) + 1).join(' ') || undefined;
  // The areas are kept with the place: SKIP keeps both. Areas alone may be the REPORT line's, no answer to "Where?".
  if (d.step === 'where') return d.where === undefined ? undefined : [...d.areas, d.where].join(' ').trim() || undefined;
  return d[d.step] || undefined;
}

/**
 * Her answer in GSM-7, so that quoting it never makes the question UCS-2 (70 characters a segment, where a
 * question alone may take 160): accents off letters GSM-7 lacks ("Martínez" as "Martinez"), emoji and symbols
 * out (withoutSymbols: keycap digits as digits), and "..." for letters with no GSM-7 form (Cyrillic, Chinese). A
 * reminder of what she wrote, numbers and plates whole; the draft keeps it as written.
 */
export function plainQuote(text: string): string {
  let out = '';
  let gap = false;
  for (const ch of withoutSymbols(foldAccents(text))) {
    if (gsm7Length(ch) === null && !gap) out += '...';
    if (gsm7Length(ch) !== null) out += ch;
    gap = gsm7Length(ch) === null;
  }
  // Nothing GSM-7 can show (emoji alone): "..." still says she answered.
  return out || '...';
}

/** The most leading words of `text` that fit, with "..." when some are left out; a first word too long alone is cut. */
function clipWords(text: string, fits: (shown: string) => boolean): string {
  if (fits(text)) return text;
  const words = text.split(' ');
  const shown = (n: number) => `${words.slice(0, n).join(' ').replace(/[,;:]+$/, '')}...`;
  const n = longestFit(words.length - 1, (k) => k === 0 || fits(shown(k)));
  if (n > 0) return shown(n);
  const chars = Array.from(text);
  const cut = (k: number) => `${chars.slice(0, k).join('')}...`;
  return cut(longestFit(chars.length, (k) => k === 0 || fits(cut(k))));
}

/**
 * The question of the draft's step (not the read-back), after `prefix` (the notice of an answer cut); when she
 * answered it before, with that answer, clipped to fit EARLIER_SEGMENTS (one more after the notice). `example`:
 * an area of the line for the "where" question's example.
 */
export function askAgain(t: Catalog, d: Draft & { step: Exclude<Step, 'review'> }, prefix = '', example?: string): string {
  const question = t.reportAsk(d.step, example);
  const said = earlierAnswer(d);
  if (said === undefined) return `${prefix}${question}`;
  const quote = plainQuote(said);
  const build = (shown: string) => `${prefix}${t.reportYouSaid(shown)}\n${question}`;
  const segments = EARLIER_SEGMENTS + (prefix ? 1 : 0);
  return build(clipWords(quote, (shown) => smsSegments(build(shown)) <= segments));
}
