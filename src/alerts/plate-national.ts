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

// Each country's plates, its groups joined, and the ways it writes them: the length of each group. Britain in two
// ("AB12 CDE") or three ("AB 12 CDE"), Spain in two ("1234 BCD"), so "Polo SE 18 TSI" (a model, a year, a trim) is
// none; Portugal in three of two ("12 AB 34"), so "Golf 2015 GT" is none; France in three ("AA 123 BB"). A trim or a
// power France's shape also fits ("Clio RS 200 TC", "308 GT 130 CV") is read: a miss costs a member her warning.
const NATIONAL_PLATES: Partial<Record<CountryCode, { groups: ReadonlyArray<readonly number[]>; patterns: readonly RegExp[] }>> = {
  GB: { groups: [[4, 3], [2, 2, 3]], patterns: [/^[A-Z]{2}\d{2}[A-Z]{3}$/] },
  ES: { groups: [[4, 3]], patterns: [/^\d{4}[B-DF-HJ-NP-TV-Z]{3}$/] },
  PT: { groups: [[2, 2, 2]], patterns: [/^\d{2}[A-Z]{2}\d{2}$/, /^[A-Z]{2}\d{2}[A-Z]{2}$/, /^\d{4}[A-Z]{2}$/] },
  FR: { groups: [[2, 3, 2]], patterns: [FRENCH_PLATE] },
};

// "Ford Ka 18 reg", "Polo SE 18 TSI": a registration year or an engine's trim after it, in Britain's three groups
// (a plate ending so is read written "AB12 REG").
const YEAR_REG = (groups: string[]) => groups.length === 3 && ['REG', 'TSI', 'TDI', 'GTI'].includes(groups[2]?.toUpperCase() ?? '');

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
  const plate = country === undefined ? undefined : NATIONAL_PLATES[country];
  if (!plate) return [];
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const out: Array<{ value: string; at: number }> = [];
  for (let i = 0; i < words.length; i++) {
    for (const lengths of plate.groups) {
      const group = words.slice(i, i + lengths.length);
      if (group.length < lengths.length) continue;
      const written = group.map((w) => w[0]);
      if (!group.every((w, k) => groupOf(w[0], lengths[k] as number) && (k === 0 || spaceBetween(text, group[k - 1] as RegExpMatchArray, w)))) continue;
      const value = normalizePlate(written.join(''));
      if (!value || YEAR_REG(written) || !plate.patterns.some((p) => p.test(value))) continue;
      out.push({ value, at: group[0]?.index ?? 0 });
      i += lengths.length - 1;
      break;
    }
  }
  // "Honda 2019 CRV gris, 4821 KLM": a year then letters beside another plate is the model's year.
  const year = (v: string) => country === 'ES' && /^(?:19[89]\d|20[0-3]\d)/.test(v);
  return out.some((p) => !year(p.value)) ? out.filter((p) => !year(p.value)) : out;
}

/**
 * Whether a word may be a group of `length` characters of a plate: no unit, make or model, nor a small word of the
 * sentence in small letters ("la 206 de", "12 de 34"; in capitals it may be the plate's).
 */
function groupOf(word: string, length: number): boolean {
  return word.length === length && !NOT_PLATE_LETTERS.has(word.toUpperCase()) && !isSmallWord(word);
}

/** Whether only spaces part two words: "AB12 CDE", not "AB12, CDE" nor "AB12/CDE". */
function spaceBetween(text: string, a: RegExpMatchArray, b: RegExpMatchArray): boolean {
  return /^\s+$/u.test(text.slice((a.index ?? 0) + a[0].length, b.index ?? 0));
}
