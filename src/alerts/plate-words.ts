/**
 * A plate read from a text's words: the most words that make one, its
 * state apart ("CA 7ABC123", "ABC-123 NY"), and every reading where a state
 * code may be the plate's own group. Pure; plates.ts finds the words in a
 * report, plate-query.ts in a CHECK.
 */
import type { CountryCode } from 'libphonenumber-js';
import { readsStates } from './plate-national';
import { FRENCH_PLATE } from './plate-lists';
import { normalizePlate } from './plate-readings';
import { regionWord } from './plate-regions';

// "Plate NO. ABC-123", "plaque n° AB-123-CD", "placa núm. ABC-12-34": a number word, never one of a plate's groups.
export const NUMBER_WORD = String.raw`n°|(?:no|n[uú]m|number|n[uú]mero|num[eé]ro)(?![\p{L}\p{N}])`;
// A number word as one of a text's words, its punctuation with it ("NO.", "No:", "N°").
export const NUMBER_WORDS = new RegExp(String.raw`^(?:${NUMBER_WORD})[.:#]*$`, 'iu');

/** A text's words, a number sign glued to the plate after it apart ("N°ABC123"): the plate is read as when spaced. */
export function words(text: string): string[] {
  return text
    .replace(/(?<![\p{L}\p{N}])(n°)(?=[\p{L}\p{N}])/giu, '$1 ')
    .split(/\s+/)
    .filter((w) => w !== '');
}

/** A plate read from the start of some words: its value, its state if written, and how many words it took. */
export interface PlateWords {
  value: string;
  region?: string;
  used: number;
}

/**
 * The plate at the start of some words: the most words that make one. A
 * state before a plate with letters in it, or after a plate in capitals, is
 * its region, not part of it ("CA 7ABC123", "ABC-123 NY"), so the plate is
 * indexed as when written alone; "AB 1234" stays AB1234 (two letters before
 * digits are as likely the plate's). Reports and CHECK read plates alike.
 */
export function plateInWords(tokens: string[], leadMayBeRegion = true, stateAfter = true): PlateWords | null {
  // Stryker disable next-line StringLiteral: only the words after a lone state are none, and no text in place of '' is a state
  const lead = leadMayBeRegion ? regionWord((tokens[0] ?? '').toUpperCase()) : undefined;
  if (lead) {
    // "TX NO ABC 123": a number word after the state is never the plate's.
    const skip = NUMBER_WORDS.test(tokens[1] ?? '') ? 2 : 1;
    const after = plateInWords(tokens.slice(skip));
    if (after && /[A-Z]/.test(after.value)) return { value: after.value, region: after.region ?? lead, used: after.used + skip };
  }
  const stateAt = stateAfter ? tokens.findIndex((t) => regionWord(t) !== undefined) : -1;
  const candidates = stateAt > 0 ? tokens.slice(0, stateAt) : tokens;
  for (let n = candidates.length; n >= 1; n--) {
    const value = normalizePlate(candidates.slice(0, n).join(''));
    if (!value) continue;
    // The state is the plate's only when the plate runs up to it.
    const region = n === stateAt ? regionWord(tokens[n] as string) : undefined;
    return region ? { value, region, used: n + 1 } : { value, used: n };
  }
  return null;
}

// A French plate's first group (FRENCH_PLATE) may be a state code ("AB 123 CD").

/** The French plate a state code and the plate after it make together ("AB" and "123CD"), or null. */
export function frenchWhole(region: string, value: string): string | null {
  return FRENCH_PLATE.test(region + value) ? region + value : null;
}

/**
 * Every reading of a plate's words: plateInWords's and, where a state code leads and was taken for the plate's
 * state, the whole too when the code is in small letters or the whole is a French plate: "ab 123 cd" and
 * "AB 123 CD" are 123CD of Alberta or the French AB-123-CD. On a line outside North America (`country`) a state
 * code before or after is as likely the plate's own group: the whole, with none taken for a state, is read first
 * ("AB 12 CD", "12 AB 34" in Portugal).
 */
export function plateWordReadings(tokens: string[], country?: CountryCode): PlateWords[] {
  const plate = plateInWords(tokens);
  // Stryker disable next-line StringLiteral: with no words there is no plate, returned below before lead is read
  const lead = tokens[0] ?? '';
  if (!plate?.region) return plate ? [plate] : [];
  if (!readsStates(country)) {
    const whole = plateInWords(tokens, false, false);
    return whole && whole.value !== plate.value ? [whole, plate] : [plate];
  }
  const whole = plateInWords(tokens, false);
  if (!whole || whole.value === plate.value) return [plate];
  return lead !== lead.toUpperCase() || FRENCH_PLATE.test(whole.value) ? [plate, whole] : [plate];
}
