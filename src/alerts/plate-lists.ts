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

// A part of a word (between its dashes) that is a time ("11pm", "23h", "10h30"), an age ("40s", "mid") or a
// measure ("6ft2in", "1hr30"): the sentence's ("mid-40s", "11pm-2am"), never a plate's.
const SENTENCE_PART = /^(?:\d{1,2}(?:[AP]M|H\d{0,2})|\d0S|MID|EARLY|LATE|AGED?|\d+(?:FT|IN|CM|M|KG|LBS?|HRS?|MINS?)\d*(?:IN)?)$/;
// A date: a month and a day ("Dec-12", "12-dic"). A month with more digits ("MAR-1234") may be a plate's letters.
const MONTH = '(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC|ENE|ABR|AGO|DIC|JANV|FEVR?|AVR|MAI|JUIN|JUIL|AOUT|DEZ|OUT)';
const DATE = new RegExp(`^(?:${MONTH}-\\d{1,2}|\\d{1,2}-${MONTH}(?:-\\d{2,4})?)$`);

/** Whether a word as written (dashes and all) holds a time, an age or a measure, or is a date. */
export function sentenceWord(word: string): boolean {
  const upper = word.toUpperCase();
  return DATE.test(upper) || upper.split('-').some((part) => SENTENCE_PART.test(part));
}

/** A plate's letter and digit shape ("7ABC123": DLLLDDD): a plate listed after another is of its shape. */
const shapeOf = (plate: string) => plate.replace(/[A-Z]/g, 'L').replace(/\d/g, 'D');

/** Whether a word has a plate's shape as written alone: five characters or more, two letters and two digits at least, not a count or a measure. */
function plateShaped(plate: string): boolean {
  const letters = plate.replace(/[^A-Z]/g, '').length;
  return plate.length >= 5 && letters >= 2 && plate.length - letters >= 2 && !NOT_A_PLATE.test(plate);
}

/**
 * The plates listed after one read at `from` (the last of `out`: "plates ABC123 and XYZ789", "7ABC123, 8XYZ789
 * or 9DEF456"), each a word of that plate's letter and digit shape after "and", "or" or a comma, added to `out`;
 * returns where the list ends. An ordinary word, a time, an age or a model ("and 10pm", ", F150", ", mid-40s")
 * ends it, reading none.
 */
export function listedPlates(text: string, from: number, out: Array<Identifier & { at: number }>): number {
  let end = from;
  for (;;) {
    LISTED_PLATE.lastIndex = end;
    const m = LISTED_PLATE.exec(text);
    // Something must join them: after "plate ABC123 XYZ789" no list was written.
    const plate = m && /[,;/&\p{L}]/u.test(m[0].slice(0, m[0].length - (m[1] as string).length)) ? normalizePlate(m[1] as string) : null;
    // Of the plate before it's shape ("7ABC123, 8XYZ789"): ", mid-40s", ", ES350" or ", 11pm-2am" are the sentence going on.
    const before = out[out.length - 1]?.value ?? '';
    if (!m || !plate || !plateShaped(plate) || shapeOf(plate) !== shapeOf(before) || sentenceWord(m[1] as string)) return end;
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
