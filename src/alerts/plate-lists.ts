/**
 * Plates a plate word says are there without its own words being them: the
 * plates listed after the first ("plates ABC123 and XYZ789"), and the plate
 * after a negation of an ordinary word ("plate not clear 7ABC123"). Only
 * words of a plate's shape, so that the sentence going on ("and 10pm",
 * ", 5ft10") names none. Pure; plates.ts reads the rest.
 */
import type { Identifier } from './identifiers';
import { normalizePlate } from './plate-readings';

// After a plate: "and", "or" or a comma, then one word (dashes and all) that may be the next plate.
const LISTED_PLATE = /[\s,;/&]*(?:(?:and|or|y|o|et|ou|e)\s+)?([A-Za-z0-9]+(?:-[A-Za-z0-9]+){0,2})(?![\p{L}\p{N}@])/iuy;

// A word of digits then letters ("49ers", "45yrs", "11pm", "3rd"), or a measure ("5ft10"): the sentence's, not a plate.
const NOT_A_PLATE = /^\d+(?:[A-Z]+|(?:FT|CM|M|KG|LBS?)\d+)$/;

/** Whether a word has a plate's shape as written alone: five characters or more, two letters and two digits at least, not a count or a measure. */
function plateShaped(plate: string): boolean {
  const letters = plate.replace(/[^A-Z]/g, '').length;
  return plate.length >= 5 && letters >= 2 && plate.length - letters >= 2 && !NOT_A_PLATE.test(plate);
}

/**
 * The plates listed after one read at `from` ("plates ABC123 and XYZ789", "7ABC123, 8XYZ789 or 9DEF456"), each
 * a word of a plate's shape after "and", "or" or a comma, added to `out`; returns where the list ends. An ordinary
 * word, a time or a model ("and 10pm", ", F150") ends it, reading none.
 */
export function listedPlates(text: string, from: number, out: Array<Identifier & { at: number }>): number {
  let end = from;
  for (;;) {
    LISTED_PLATE.lastIndex = end;
    const m = LISTED_PLATE.exec(text);
    // Something must join them: after "plate ABC123 XYZ789" no list was written.
    const plate = m && /[,;/&\p{L}]/u.test(m[0].slice(0, m[0].length - (m[1] as string).length)) ? normalizePlate(m[1] as string) : null;
    if (!m || !plate || !plateShaped(plate)) return end;
    out.push({ kind: 'plate', value: plate, at: end + m[0].length - (m[1] as string).length });
    end = LISTED_PLATE.lastIndex;
  }
}

/**
 * The plate after a negation of an ordinary word ("plate not clear 7ABC123", "PLATE NOT IN CA 7ABC123"), from
 * `at`: the first word of a plate's shape among the next four of the sentence, with the state written in capitals
 * just before it (`regionOf` says which words are states). Null when none is.
 */
export function plateAfterNegatedWord(text: string, at: number, regionOf: (word: string) => string | undefined): (Identifier & { at: number }) | null {
  const sentence = /^[^.!?\n]*/u.exec(text.slice(at))?.[0] ?? '';
  const words = [...sentence.matchAll(/\S+/g)].slice(0, 4);
  for (const [i, w] of words.entries()) {
    const plate = normalizePlate(w[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    if (!plate || !plateShaped(plate)) continue;
    const before = words[i - 1]?.[0] ?? '';
    const region = /^[A-Z]{2}$/.test(before) ? regionOf(before) : undefined;
    const found = { kind: 'plate' as const, value: plate, at: at + (w.index ?? 0) };
    return region ? { ...found, region } : found;
  }
  return null;
}
