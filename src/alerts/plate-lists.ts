/**
 * Plates a plate word says are there without its own words being them: the
 * plates listed after the first ("plates ABC123 and XYZ789"), and the plate
 * after a negation of its legibility ("plate not clear 7ABC123"). Only
 * words of a plate's shape, so that the sentence going on ("and 10pm",
 * ", 5ft10") names none. Pure; plates.ts reads the rest.
 */
import type { Identifier } from './identifiers';
import { normalizePlate } from './plate-readings';

// After a plate: "and", "or" or a comma, then one word (dashes and all) that may be the next plate.
const LISTED_PLATE = /[\s,;/&]*((?:and|or|y|o|et|ou|e)\s+)?([A-Za-z0-9]+(?:-[A-Za-z0-9]+){0,2})(?![\p{L}\p{N}@])/iuy;
// A French plate (SIV): two letters, three digits, two letters.
export const FRENCH_PLATE = /^[A-Z]{2}\d{3}[A-Z]{2}$/;
// A plate of another pattern than the one before it, after a joining word ("plates 7ABC123 and ABC1234": two cars,
// two states), only of a pattern of the places the line reads plates for: any other word ("and GLC300 badge", a
// model or an innocent's vanity plate) is the sentence's. California 7ABC123; ABC1234 (many states, Mexico's
// ABC-12-34, Brazil's old); Mexico's ABC-123-A; France's AB-123-CD; Brazil's ABC1D23; Ontario's ABCD123.
const KNOWN_PLATES = [/^\d[A-Z]{3}\d{3}$/, /^[A-Z]{3}\d{4}$/, /^[A-Z]{3}\d{3}[A-Z]$/, FRENCH_PLATE, /^[A-Z]{3}\d[A-Z]\d{2}$/, /^[A-Z]{4}\d{3}$/];

// A word of digits then letters ("49ers", "45yrs", "11pm", "3rd"), a measure ("5ft10", "6foot2", "1m80cm") or a
// road ("hwy101", "I405", "US101"): the sentence's, not a plate.
const NOT_A_PLATE = /^(?:\d+(?:[A-Z]+|(?:FOOT|FT|CM|M|KG|LBS?)\d+(?:CM|IN)?)|(?:HWY|I|US)\d+)$/;

// A part of a word (between its dashes) that is a time ("11pm", "23h", "10h30"), an age ("40s", "mid") or a
// measure ("6ft2in", "1hr30"): the sentence's ("mid-40s", "11pm-2am"), never a plate's.
const SENTENCE_PART = /^(?:\d{1,2}(?:[AP]M|H\d{0,2})|\d0S|MID|EARLY|LATE|AGED?|\d+(?:FT|IN|CM|M|KG|LBS?|HRS?|MINS?)\d*(?:IN)?)$/;
// A date: a month and a day or year ("Dec-12", "12-dic", "Dec-2024"). A month with other digits ("MAR-1234") may be
// a plate's letters.
const MONTH = '(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC|ENE|ABR|AGO|DIC|JANV|FEVR?|AVR|MAI|JUIN|JUIL|AOUT|DEZ|OUT)';
const DATE = new RegExp(`^(?:${MONTH}-(?:\\d{1,2}|(?:19|20)\\d{2})|\\d{1,2}-${MONTH}(?:-\\d{2,4})?)$`);

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
 * or 9DEF456"), each a word of that plate's letter and digit shape after "and", "or" or a comma, or of another shape
 * after "and", "or" when it is a known plate's ("plates 7ABC123 and ABC1234"), added to `out`;
 * returns where the list ends. An ordinary word, a time, an age, a measure or a model ("and 10pm", ", F150", ", mid-40s", "and GLC300")
 * ends it, reading none.
 */
export function listedPlates(text: string, from: number, out: Array<Identifier & { at: number }>): number {
  let end = from;
  for (;;) {
    LISTED_PLATE.lastIndex = end;
    const m = LISTED_PLATE.exec(text);
    // Something must join them: after "plate ABC123 XYZ789" no list was written.
    const word = m?.[2] ?? '';
    const plate = m && /[,;/&\p{L}]/u.test(m[0].slice(0, m[0].length - word.length)) ? normalizePlate(word) : null;
    // Of the plate before it's shape ("7ABC123, 8XYZ789"), or after a joining word of a known plate's ("and
    // ABC1234"): ", mid-40s", "and GLC300" or ", 11pm-2am" are the sentence going on.
    const before = out[out.length - 1]?.value ?? '';
    const pattern = plate !== null && (shapeOf(plate) === shapeOf(before) || (m?.[1] !== undefined && KNOWN_PLATES.some((known) => known.test(plate))));
    if (!m || !plate || !plateShaped(plate) || !pattern || sentenceWord(word)) return end;
    out.push({ kind: 'plate', value: plate, at: end + m[0].length - word.length });
    end = LISTED_PLATE.lastIndex;
  }
}

// A negated word about the plate's legibility ("not clear", "pas lisible", "no es clara", "não é legível"): she
// could not read it well, and what she then writes may be it. Any other ("was not really", "no es la", "isn't the",
// "not in CA") says what the plate was not: the words after it name none.
const LEGIBILITY =
  /^(?:clear(?:ly)?|visible|readable|legible|lisible|nette?|claire?|clara|claro|visível|visivel|legível|legivel|nítida|nitida|leíble|seen|showing|sure|certain|segur[oa]|s[uû]re?|cert[oa])$/iu;
export const ADVERB = /^(?:really|very|fully|totally|quite|so|too|even|vraiment|très|tres|bien|muy|tan|siquiera|bem|muito|tão|tao)$/iu;
// A word saying that what follows is only part of a plate ("started with 7ABC1", "maybe 7ABC1...").
const PARTIAL = /^(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|end(?:s|ed|ing)?|with|empieza(?:ba)?|empezaba|comienza|termina(?:ba)?|commen[cç]ait|commence|finit|fini(?:ssait)?|come[cç]a(?:va)?)$/iu;
// Shorter than this, a plate after "not clear" is likelier the part she read than a whole one.
const WHOLE_PLATE = 6;

/**
 * Where the words a negation not about legibility is about end ("was not really CA 7ABC123, I misread it", "isn't
 * the TX ABC1234"): the negated word and the next four of its clause (to a comma or semicolon), from `at`, which no
 * reading may take for the car's plate. Null when the negated word is about legibility or where the plate is from:
 * the plate after it is hers.
 */
export function negatedWordsEnd(text: string, at: number): number | null {
  const sentence = /^[^.!?\n]*/u.exec(text.slice(at))?.[0] ?? '';
  const all = [...sentence.matchAll(/\S+/g)];
  if (legible(all) || ORIGIN.test(sentence.trimStart())) return null;
  // Only the negated clause: after its comma or semicolon the sentence goes on ("tags not current, CA 7ABC123").
  const clause = all.findIndex((w) => /[,;]$/u.test(w[0]));
  const last = all[Math.min(clause < 0 ? all.length : clause + 1, 5) - 1];
  return last ? at + (last.index ?? 0) + last[0].length : null;
}

/** Whether the first of these words (or the second, after "really", "very") says the plate was hard to read. */
function legible(words: RegExpMatchArray[]): boolean {
  const skip = ADVERB.test(bare(words[0]?.[0] ?? '')) ? 1 : 0;
  return LEGIBILITY.test(bare(words[skip]?.[0] ?? ''));
}

// A negation of where the plate is from ("not local", "no es de aqui", "não é daqui"): the state and plate after it
// are hers, read as ever (a plate word's state reading), not taken as what the plate was not.
const ORIGIN = /^(?:local|locale|daqui|aqu[ií]|ici|(?:de|from|d['’])\s*(?:aqu[ií]|here|ici|around\s+here))(?![\p{L}\p{N}])/iu;

const bare = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/**
 * The plate after a negation of its legibility ("plate not clear 7ABC123", "plaque pas lisible, AB-123-CD"), from
 * `at`: the first word of a whole plate's shape among the next four of the sentence after that word, with the state
 * written in capitals just before it (`regionOf` says which words are states). Null when the negated word is not
 * about legibility, when that word is a part ("started with 7ABC1", one of under six characters), or is a time, an
 * age or a measure ("mid-40s", "23h-1h").
 */
export function plateAfterNegatedWord(text: string, at: number, regionOf: (word: string) => string | undefined): (Identifier & { at: number }) | null {
  const sentence = /^[^.!?\n]*/u.exec(text.slice(at))?.[0] ?? '';
  const all = [...sentence.matchAll(/\S+/g)];
  if (!legible(all)) return null;
  const skip = ADVERB.test(bare(all[0]?.[0] ?? '')) ? 1 : 0;
  const words = all.slice(skip + 1, skip + 5);
  for (const [i, w] of words.entries()) {
    if (PARTIAL.test(bare(w[0]))) return null;
    const plate = normalizePlate(bare(w[0]));
    if (!plate || !plateShaped(plate)) continue;
    if (plate.length < WHOLE_PLATE || sentenceWord(bare(w[0]))) return null;
    const before = words[i - 1]?.[0] ?? '';
    const region = /^[A-Z]{2}$/.test(before) ? regionOf(before) : undefined;
    const found = { kind: 'plate' as const, value: plate, at: at + (w.index ?? 0) };
    return region ? { ...found, region } : found;
  }
  return null;
}
