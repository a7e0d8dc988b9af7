/**
 * Plates a plate word says are there without its own words being them: the
 * plates listed after the first ("plates ABC123 and XYZ789"), and the plate
 * after a negation of its legibility ("plate not clear 7ABC123"). Only
 * words of a plate's shape, so that the sentence going on ("and 10pm",
 * ", 5ft10") names none. Pure; plates.ts reads the rest.
 */
import type { Identifier } from './identifiers';
import { normalizePlate } from './plate-readings';

// After a plate: "and", "or" or a comma, then the next plate in two groups as Spain and Quebec write theirs ("1234
// BCD", "ABC 123", "A12 BCD") or as the plate before it was ("ABC 1234 and XYZ 5678"), or one word (dashes and all)
// that may be the next plate.
const LISTED_PLATE =
  /[\s,;/&]*((?:and|or|y|o|et|ou|e)\s+)?(?:(\d{3,4}\s[A-Za-z]{3}|[A-Za-z]{3}\s\d{3,4}|[A-Za-z]\d{2}\s[A-Za-z]{3})|([A-Za-z0-9]+(?:-[A-Za-z0-9]+){0,2}))(?![\p{L}\p{N}@])/iuy;
// A French plate (SIV): two letters, three digits, two letters.
export const FRENCH_PLATE = /^[A-Z]{2}\d{3}[A-Z]{2}$/;
// A plate of another pattern than the one before it, after a joining word ("plates 7ABC123 and ABC1234": two cars,
// two states), only of a pattern of the places the line reads plates for: any other word ("and GLC300 badge", a
// model or an innocent's vanity plate) is the sentence's. California 7ABC123; ABC1234 (many states, Mexico's
// ABC-12-34, Brazil's old); Mexico's ABC-123-A; France's AB-123-CD; Brazil's ABC1D23; Ontario's ABCD123.
const KNOWN_PLATES = [/^\d[A-Z]{3}\d{3}$/, /^[A-Z]{3}\d{4}$/, /^[A-Z]{3}\d{3}[A-Z]$/, FRENCH_PLATE, /^[A-Z]{3}\d[A-Z]\d{2}$/, /^[A-Z]{4}\d{3}$/];
// Spain's 1234 BCD (consonants only); Portugal's AB-12-CD, 12-AB-34, 12-34-AB; Quebec's ABC 123 (with its space:
// "GLC300" is a model), 123 ABC and A12 BCD. As written, in capitals: their digits before letters are as often a time,
// a sum or a measure ("2300 hrs"), which is why they are read only so, and never when a group is one of these.
const IBERIAN_PLATES = [/^\d{4}[\s-]?[B-DF-HJ-NP-TV-Z]{3}$/, /^[A-Z]{2}-?\d{2}-?[A-Z]{2}$/, /^\d{2}-?[A-Z]{2}-?\d{2}$/, /^\d{2}-?\d{2}-?[A-Z]{2}$/];
const QUEBEC_PLATES = [/^[A-Z]{3}[\s-]\d{3}$/, /^\d{3}[\s-]?[A-Z]{3}$/, /^[A-Z]\d{2}[\s-]?[A-Z]{3}$/];
export const NOT_PLATE_LETTERS: ReadonlySet<string> = new Set(
  'AM PM HR HRS HS MN MNS MIN MINS KM KMS KMH KPH MPH CM CMS MM MMS KG KGS LB LBS FT IN CC CCS MTS BPM YRS MPG KWH PST PDT MST MDT CST CDT EST EDT UTC GMT AST ADT HST CET BST USD CAD MXN EUR GBP BRL CHF BTC ETH DLS DLL BMW GMC GTS AMG GLA GLB GLC GLE GLK GLS CLA CLE CLK CLS SLK SLC SLS EQB EQC EQE EQS RAM AWD FWD RWD HWY FWY RTE STE APT EXT BOX DOB LOT VIN PIN'.split(
    ' ',
  ),
);

// The plate words of the languages of the places that write their plates so: Spain's and Portugal's after
// Spanish's or Portuguese's, Quebec's after French's. After any other (English's) such words are as often a road, a
// year and a model, a sum or a suite ("and HWY 101", "and 405FWY", "and 2019 MDX", "and STE 200").
const IBERIAN_WORD = /^(?:placas?|matr[ií]culas?|patente)$/iu;
const QUEBEC_WORD = /^(?:plaques?|immatriculation)$/iu;
// A plate word that says more than one plate follows.
const PLURAL_PLATE_WORD = /^(?:plates|tags|placas|plaques|matr[ií]culas|patentes|immatriculations)$/iu;

/**
 * Whether a word (or two groups) listed after a plate is a plate of Spain, Portugal or Quebec as they write them,
 * or two groups written as the plate before them was (`asBefore`: "ABC 1234 and XYZ 5678"): in capitals, no group
 * a time, a unit, a sum, a make, a model, a road, a suite or a birth date ("I95 NOW", "HWY 101", "STE 200", "DOB
 * 1985"); in two groups only in a sentence not all in capitals (where "AND 300 FOR" is the sentence's). Spain's,
 * Portugal's and Quebec's only after a plate word (`plateWord`) of its place's language, even of the plate before
 * it's shape ("plate ABC123 and STE 200"), and not a year then letters ("y 2019 CRV") unless of that shape
 * ("matrícula 1234 BCD y 2019 MDX"); two groups as before after any plate word: she wrote both plates alike.
 */
function writtenPlate(word: string, sentence: string, plateWord: string, sameShape: boolean, asBefore: boolean): boolean {
  const language = IBERIAN_PLATES.some((p) => p.test(word)) ? IBERIAN_WORD : QUEBEC_PLATES.some((p) => p.test(word)) ? QUEBEC_WORD : null;
  if ((!language && !asBefore) || /\p{Ll}/u.test(word) || /^I\d/.test(word)) return false;
  if ((word.match(/[A-Z]+/g) ?? []).some((letters) => NOT_PLATE_LETTERS.has(letters))) return false;
  if (/\s/.test(word) && !/\p{Ll}/u.test(sentence)) return false;
  if (asBefore) return true;
  return language !== null && language.test(plateWord) && (sameShape || !/^(?:19|20)\d{2}[\s-]?[A-Z]{3}$/.test(word));
}

/** The letter and digit shape ("LLL DDD") of the two groups the text before `end` closes with when they are `plate` ("ABC 123"), else null. */
function groupsBefore(text: string, end: number, plate: string): string | null {
  const m = /([A-Za-z0-9]+)\s+([A-Za-z0-9]+)[^\p{L}\p{N}\s]*\s*$/u.exec(text.slice(0, end));
  return m && `${m[1]}${m[2]}`.toUpperCase() === plate ? shapeOf(`${m[1]} ${m[2]}`.toUpperCase()) : null;
}

/** The sentence of `text` around `at`: from the full stop, "!", "?" or line break before it to the next. */
function sentenceAround(text: string, at: number): string {
  return (/[^.!?\n]*$/u.exec(text.slice(0, at))?.[0] ?? '') + (/^[^.!?\n]*/u.exec(text.slice(at))?.[0] ?? '');
}

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
 * The plates listed after one read at `from` (the last of `out`, after the plate word `plateWord`: "plates ABC123
 * and XYZ789", "7ABC123, 8XYZ789 or 9DEF456"), each a word of that plate's letter and digit shape after "and", "or"
 * or a comma, or of another shape after "and", "or" when it is a known plate's ("plates 7ABC123 and ABC1234"), added
 * to `out`; returns where the list ends. An ordinary word, a time, an age, a measure or a model ("and 10pm", ",
 * F150", ", mid-40s", "and GLC300") ends it, reading none.
 */
export function listedPlates(text: string, from: number, plateWord: string, out: Array<Identifier & { at: number }>): number {
  let end = from;
  for (;;) {
    LISTED_PLATE.lastIndex = end;
    const m = LISTED_PLATE.exec(text);
    // Something must join them: after "plate ABC123 XYZ789" no list was written.
    const word = m?.[2] ?? m?.[3] ?? '';
    const plate = m && /[,;/&\p{L}]/u.test(m[0].slice(0, m[0].length - word.length)) ? normalizePlate(word) : null;
    // Of the plate before it's shape ("7ABC123, 8XYZ789"), or after a joining word of a known plate's ("and
    // ABC1234"): ", mid-40s", "and GLC300" or ", 11pm-2am" are the sentence going on. A plate of Spain, Portugal or
    // Quebec as written ("y 1234 BCD", "et ABC 123"), in two groups only so, after its language's plate word.
    const before = out[out.length - 1]?.value ?? '';
    const sameShape = plate !== null && shapeOf(plate) === shapeOf(before);
    // "plates ABC 1234 and XYZ 5678": two groups as the plate before them was written, after a plural plate word, or
    // "or" or "/" after one ("plate ABC 1234 or XYZ 5678", "ABC 1234 / ABC 1284"): after one plate, "and LOT 2000",
    // ", VIN 1234" are the sentence's.
    const listing =
      PLURAL_PLATE_WORD.test(plateWord) || /^(?:or|o|ou)\s/iu.test(m?.[1] ?? '') || (m !== null && /^\s*\/\s*$/u.test(m[0].slice(0, m[0].length - word.length)));
    const asBefore = listing && m?.[2] !== undefined && groupsBefore(text, end, before) === shapeOf(word.replace(/\s+/g, ' ').toUpperCase());
    const written =
      plate !== null && (sameShape || m?.[1] !== undefined) && writtenPlate(word, sentenceAround(text, end), plateWord, sameShape, asBefore);
    const knownPattern = plate !== null && m?.[1] !== undefined && KNOWN_PLATES.some((k) => k.test(plate));
    const known = plate !== null && m?.[2] === undefined && plateShaped(plate) && (sameShape || knownPattern);
    if (!m || !plate || !(known || written) || sentenceWord(word.replace(/\s/g, '-'))) return end;
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
