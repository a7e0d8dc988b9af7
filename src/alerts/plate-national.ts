/**
 * Plates as the line's country writes them, in short groups: Britain's
 * "AB12 CDE", Spain's "1234 BCD", Portugal's "12 AB 34", France's
 * "AA 123 BB". Read with no word before them (a vehicle answer, an alert's
 * vehicle sentence) only as one plate; and whether a line reads a North
 * American state before a plate. Pure; plates.ts reads the rest.
 */
import type { CountryCode } from 'libphonenumber-js';
import { FRENCH_PLATE, NOT_PLATE_LETTERS } from './plate-lists';
import { isSmallWord, normalizePlate } from './plate-readings';

// Each country's plates, its groups joined. Spain's letters are consonants only; Portugal's three series, written
// in three groups of two ("12 34 AB"): "2018 FR", "Golf 2015 GT" are a model year and a trim.
const NATIONAL_PLATES: Partial<Record<CountryCode, readonly RegExp[]>> = {
  GB: [/^[A-Z]{2}\d{2}[A-Z]{3}$/],
  ES: [/^\d{4}[B-DF-HJ-NP-TV-Z]{3}$/],
  PT: [/^\d{2}[A-Z]{2}\d{2}$/, /^[A-Z]{2}\d{2}[A-Z]{2}$/, /^\d{4}[A-Z]{2}$/],
  FR: [FRENCH_PLATE],
};

/** Whether `country`'s line reads "AB" before a plate as Alberta: North America's. Elsewhere it may be the plate's. */
export function readsStates(country: CountryCode | undefined): boolean {
  return country === undefined || country === 'US' || country === 'CA';
}

/**
 * The plates of `country` written in two or three groups of up to four letters or digits, spaces between them
 * ("silver Ford Focus AB12 CDE"), each with where it starts. A group that is a unit, a make or a model ("2019 BMW")
 * or a small word of the sentence in small letters joins none. Written as one word or with dashes, a plate is read
 * as any other (plates.ts).
 */
export function nationalPlatesIn(text: string, country: CountryCode | undefined): Array<{ value: string; at: number }> {
  const patterns = country === undefined ? undefined : NATIONAL_PLATES[country];
  if (!patterns) return [];
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const out: Array<{ value: string; at: number }> = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = 3; n >= 2; n--) {
      const group = words.slice(i, i + n);
      if (group.length < n || !group.every((w, k) => groupOf(w[0]) && (k === 0 || spaceBetween(text, group[k - 1] as RegExpMatchArray, w)))) continue;
      if (country === 'PT' && (n < 3 || group.some((w) => w[0].length !== 2))) continue;
      const value = normalizePlate(group.map((w) => w[0]).join(''));
      if (value && patterns.some((p) => p.test(value))) {
        out.push({ value, at: group[0]?.index ?? 0 });
        i += n - 1;
        break;
      }
    }
  }
  // "Honda 2019 CRV gris, 4821 KLM": a year then letters beside another plate is the model's year.
  const year = (v: string) => country === 'ES' && /^(?:19[89]\d|20[0-3]\d)/.test(v);
  return out.some((p) => !year(p.value)) ? out.filter((p) => !year(p.value)) : out;
}

// Words that look like a group but say what the car is: "Ford Ka 18 reg" (its registration year), "Clio RS 200 TC"
// (a trim; Portugal's "Golf 2015 GT" is refused by its groups of two, which keep its "20 18 FR").
const NOT_GROUPS = new Set(['REG', 'RS', 'GTI', 'TDI']);

/**
 * Whether a word may be one group of a plate: four letters or digits at most, no unit, make or model, nor a small
 * word of the sentence in small letters ("la 206 de", "12 de 34"; in capitals it may be the plate's).
 */
function groupOf(word: string): boolean {
  return word.length <= 4 && !NOT_PLATE_LETTERS.has(word.toUpperCase()) && !NOT_GROUPS.has(word.toUpperCase()) && !isSmallWord(word);
}

/** Whether only spaces part two words: "AB12 CDE", not "AB12, CDE" nor "AB12/CDE". */
function spaceBetween(text: string, a: RegExpMatchArray, b: RegExpMatchArray): boolean {
  return /^\s+$/u.test(text.slice((a.index ?? 0) + a[0].length, b.index ?? 0));
}
