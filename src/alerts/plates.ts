/**
 * Licence plates in a text: after a word that says so
 * ("plate 7ABC123"), after their state, or (in a vehicle answer) alone;
 * their state kept apart, and every reading named where the words leave
 * the plate in doubt. Pure; identifiers.ts gathers these with the other kinds;
 * plate-words.ts reads the plate in the words found, for CHECK's words too.
 */
import type { CountryCode } from 'libphonenumber-js';
import { asciiDashes, asciiDigits } from '../util/ascii-digits';
import { fieldLabels, LANGS } from '../bot/catalog';
import type { Identifier } from './identifiers';
import { ADVERB, listedPlates, negatedWordsEnd, plateAfterNegatedWord } from './plate-lists';
import { nationalPlatesIn } from './plate-national';
import { isSmallWordInAnyCase, normalizePlate, plateReadings, shoutedReadings } from './plate-readings';
import { REGIONS, regionOfPlate, regionWord } from './plate-regions';
import { PLATE_WORD, vehiclesBlanked } from './plate-vehicles';
import { frenchWhole, NUMBER_WORD, plateInWords, plateWordReadings, words } from './plate-words';

export { normalizePlate };

// A negation right after the plate word or its linking word ("placa no es ABC123", "the plate is not …", "la plaque
// n'est pas …", "a placa não é …"): the plate it is about is the one the car did not have. A bare "no" is a number
// word ("placa no ABC123"): only "no" and a linking word negate.
const NEGATION = String.raw`(?:not|isn['’]?t|wasn['’]?t|aren['’]?t|weren['’]?t|n['’](?:est|[eé]tait)\s+pas|pas|no\s+(?:es|era|fue)|n[ãa]o(?:\s+(?:é|e|era|foi))?)(?![\p{L}\p{N}])`;
// A plate after a word that says so: "plate 7ABC123", "placa: ABC-12-34", "tag ABC 1234", "his plate was ABC 123",
// "sa plaque est AB-123-CD", "plaque n° 7XYZ987", "plate number is 7ABC123" (a linking word may follow a number
// word), "his plates are …", "the plate reads …". Groups: the word, a negation, the linking word, a negation, the
// plate. The plate's state may come first with a number word and its punctuation ("plate TX NO. ABC 123", "plate: QC
// N° ABC 123"): the plate's groups alone would stop at the "." or "°" and leave TX NO, no plate at all. The vehicle
// between the word and the plate is blanked first (plate-vehicles.ts).
const PLATE_AFTER_WORD = new RegExp(
  String.raw`\b(${PLATE_WORD})\b[\s:#.,-]*` +
    String.raw`(?:(${NEGATION})[\s:#.]*)?(?:(?:${NUMBER_WORD})[\s:#.]*)?(?:(de|is|was|are|were|reads?|es|era|eran|son|é|são|sao|eram|est|[eé]tait|sont|[eé]taient)(?![\p{L}\p{N}])[\s:#.]*)?(?:(${NEGATION})[\s:#.]*)?` +
    String.raw`((?:[A-Za-z]{2}\s+(?:${NUMBER_WORD})[\s:#.]*)?(?:[A-Za-z0-9]{1,4}(?:[\s-]|\.(?=[A-Za-z0-9]))?){1,4})`,
  'giu',
);
// A negation (or "nor", "ni", "nem") ending the words before a plate with no plate word: "silver Civic 7ABC123,
// definitely not 7ABC128" says the car's plate was not 7ABC128.
const NEGATED_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${NEGATION}|(?:nor|ni|nem)(?![\p{L}\p{N}]))\s*$`, 'iu');
// A plate with no word before it (vehicle answers only): one word of letters and digits mixed, at least two of each.
const BARE_PLATE = /(?<![\p{L}\p{N}@.])([A-Za-z0-9]+(?:-[A-Za-z0-9]+){0,2})(?![\p{L}\p{N}@])/gu;
// A number word after the state ("TX NO. ABC 123", as NUMBER_WORDS, in any case) is skipped: never a plate's group.
const REGION_THEN_PLATE =
  /\b([A-Z]{2})\s+(?:(?:[Nn]°|(?:[Nn][Oo]|[Nn][UuÚú][Mm](?:[Bb][Ee][Rr])?|[Nn][UuÚú][Mm][EeÉé][Rr][Oo])(?![A-Za-z0-9]))[\s:#.]*)?((?:[A-Za-z0-9]+[\s-]?){1,3})/g;
// Outside a vehicle answer, only as plates are written: a state in capitals, then one word of capitals and digits.
// "TX N°ABC123": the number sign between them, glued to the plate or not, is neither's.
const REGION_THEN_PLATE_WORD = /(?<![\p{L}\p{N}])([A-Z]{2})\s+(?:N°\s*)?([A-Z0-9]+(?:-[A-Z0-9]+){0,2})(?![\p{L}\p{N}@])/gu;
// An alert's vehicle sentence in any of its languages ("Vehicle: grey Honda 7ABC123.", "Véhicule: …"), up to its end.
const VEHICLE_LABELS = [...new Set(LANGS.map((lang) => fieldLabels(lang).vehicle))];
const VEHICLE_SENTENCE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${VEHICLE_LABELS.join('|')})\\s*:([^\\n]*?)(?=[.!?](?:\\s|$)|\\n|$)`, 'giu');

/** The region written next to `plate`: "CA plate …", "… plate 7ABC123 (CA)". */
function regionNear(text: string, start: number, end: number, plate: string): string | undefined {
  const before = words(text.slice(Math.max(0, start - 24), start)).slice(-3);
  const after = words(text.slice(end, end + 8)).slice(0, 1);
  for (const w of [...before.reverse(), ...after]) {
    const code = regionOfPlate(w, plate);
    if (code) return code;
  }
  return undefined;
}

/** Whether nothing of the sentence follows `at` in the text: its end, or punctuation. */
function sentenceEndsAt(text: string, at: number): boolean {
  return /^\s*(?:[.,;:!?)]|$)/.test(text.slice(at));
}

/**
 * Where the plate a negation is about ends in the text, when the words after the negation (`written`, at `at`) are
 * a plate: their first word one of a plate's groups (a digit in it, or in capitals: "not ABC 123", "not AB-123-CD"),
 * the words making one. Null for an ordinary word ("not clear", "not local", "não é daqui"): it negates no plate.
 */
function negatedPlateEnd(written: string, at: number): number | null {
  const first = written.split(/\s/)[0] ?? '';
  // "PLATE NOT IN CA …": a small word of the sentence in capitals ("IN" is a state too) starts no plate here.
  if (!/\d/.test(first) && (first !== first.toUpperCase() || isSmallWordInAnyCase(first))) return null;
  const plate = plateInWords(words(written));
  return plate ? wordsEnd(written, at, plate.used) : null;
}

/** Where the first `used` words of `written` (at `at` in the text) end: those a plate took, its state with them. */
function wordsEnd(written: string, at: number, used: number): number {
  const last = [...written.matchAll(/\S+/g)][used - 1];
  return last ? at + (last.index ?? 0) + last[0].length : at + written.length;
}

/**
 * The plates written after a word that says so ("plate 7ABC123"), in any text; and the text with the plates it
 * says the car did not have ("placa no es ABC123") blanked, so that no other reading finds them.
 */
function platesAfterWord(text: string, country: CountryCode | undefined): { plates: Array<Identifier & { at: number }>; unsaid: string } {
  const out: Array<Identifier & { at: number }> = [];
  let unsaid = text;
  const re = new RegExp(PLATE_AFTER_WORD);
  // The vehicle between a plate word and its plate ("the plate on his silver Honda was …") is none of the plate's.
  const read = vehiclesBlanked(text);
  for (let m = re.exec(read); m !== null; m = re.exec(read)) {
    const [, word = '', negated, link, negatedAfterLink, written = ''] = m;
    const start = m.index;
    if (negated !== undefined || negatedAfterLink !== undefined) {
      // Only the plate it is about is blanked ("plate not ABC123 but CA 7XYZ789"); a negation of an ordinary word
      // ("plate not clear TX ABC1234", "placa no es de aqui …") blanks nothing: the plate after it is read as ever.
      const end = negatedPlateEnd(written, start + m[0].length - written.length);
      if (end !== null) unsaid = unsaid.slice(0, start) + ' '.repeat(end - start) + unsaid.slice(end);
      // "plate not clear 7ABC123": the plate the words after it give, with no state to read it by.
      const plate = end === null ? plateAfterNegatedWord(read, start + m[0].length - written.length, regionWord) : null;
      if (plate) out.push(plate);
      // "plate was not really CA 7ABC123": what a negation not about legibility is about is no reading's plate either.
      const unread = end === null ? negatedWordsEnd(read, start + m[0].length - written.length) : null;
      if (unread !== null) unsaid = unsaid.slice(0, start) + ' '.repeat(unread - start) + unsaid.slice(unread);
      // The words after it may hold the plate of another plate word ("… is not ABC123 his plate XYZ789").
      re.lastIndex = start + word.length;
      continue;
    }
    const found = out.length;
    let used = 0;
    const ends = sentenceEndsAt(text, start + m[0].length);
    const readings = /^\P{Ll}{3,}$/u.test(word) ? shoutedReadings(words(written), ends) : plateReadings(words(written), ends);
    // A linking word in capitals ("plate EST 4567", "PLATE IS ABC 123") may be the plate's first group or the
    // sentence's: both readings are named, so CHECK finds the plate either way (a false match costs a moderator
    // a look, a miss the member her warning). First the likelier: the plate's where the plate word is not in capitals.
    // A number word ("Plate NO. ABC-123") is never the plate's: PLATE_AFTER_WORD does not take it as the link.
    const linkMayBePlate = link !== undefined && link === link.toUpperCase();
    const linkFirst = word !== word.toUpperCase();
    for (const tokens of readings) {
      const withLink = linkMayBePlate ? plateWordReadings([link, ...tokens], country) : [];
      const without = plateWordReadings(tokens, country);
      for (const plate of linkFirst ? [...withLink, ...without] : [...without, ...withLink]) {
        used = Math.max(used, withLink.includes(plate) ? plate.used - 1 : plate.used);
        const region = plate.region ?? regionNear(text, start, start + m[0].length, plate.value);
        out.push(region ? { kind: 'plate', value: plate.value, region, at: start } : { kind: 'plate', value: plate.value, at: start });
      }
    }
    // "license plate 4GHT567": the first plate word took the second as its plate's group and made no plate; the
    // words after it are read again, from the next plate word. "plate ABC123 and plate XYZ789": the plate's words ran
    // on into the next plate word; the search goes on after the words the plate took.
    re.lastIndex = out.length === found ? start + word.length : wordsEnd(written, start + m[0].length - written.length, used);
    // "plates ABC123 and XYZ789": the plates listed after it, with no plate word of their own.
    if (out.length > found) re.lastIndex = listedPlates(read, re.lastIndex, word, out);
  }
  return { plates: out, unsaid };
}

/**
 * Whether the words right before `plate` (at `at`) are a negation, or a negation then an adverb or its state or both
 * ("not 7ABC128", "not really 7ABC128", "not really CA 7ABC128"): the plate after them is one the car did not have.
 * "not tinted 7ABC123" is not, nor "not OK 7ABC123" ("OK" is no state of a California plate).
 */
function negatedBefore(text: string, at: number, plate: string): boolean {
  let before = text.slice(0, at);
  // Up to two words between them, an adverb and the state ("not really CA 7ABC128").
  for (let between = 0; between < 2; between++) {
    if (NEGATED_BEFORE.test(before)) return true;
    const last = /(\S+)\s+$/u.exec(before);
    if (!last || !(ADVERB.test(last[1] as string) || regionOfPlate(last[1] as string, plate) !== undefined)) return false;
    before = before.slice(0, last.index);
  }
  return NEGATED_BEFORE.test(before);
}

/** Whether a plate with no word before it mixes letters and digits, two of each at least ("7ABC123", not "THANKS"). */
function mixed(plate: string): boolean {
  // Stryker disable next-line Regex: counting digits instead of letters swaps the two counts, and both must be at least 2
  const letters = plate.replace(/[^A-Z]/g, '').length;
  return letters >= 2 && plate.length - letters >= 2;
}

/**
 * The plates of a vehicle answer with no word before them: as the line's country writes them in groups ("AB12
 * CDE"); after a state in a few short groups, else mixed words.
 */
function unmarkedPlates(text: string, country: CountryCode | undefined): Array<Identifier & { at: number }> {
  const national = nationalPlatesIn(text, country).filter((p) => !negatedBefore(text, p.at, p.value));
  return [...national.map((p) => ({ kind: 'plate' as const, ...p })), ...statePlates(text)];
}

/** unmarkedPlates's plates after a state in a few short groups, else in mixed words. */
function statePlates(text: string): Array<Identifier & { at: number }> {
  const out: Array<Identifier & { at: number }> = [];
  // "TX ABC1234, OR 7ABC128": plates after a word that is a code of no state of theirs, read as alone.
  const alone: Array<Identifier & { at: number }> = [];
  // "TX GHK 4432": a state or province code, then the plate in a few words.
  for (const m of text.matchAll(REGION_THEN_PLATE)) {
    const region = m[1] as string;
    if (!REGIONS.has(region)) continue;
    const at = m.index ?? 0;
    for (const tokens of plateReadings(words(m[2] as string), sentenceEndsAt(text, at + m[0].length))) {
      for (let n = tokens.length; n >= 1; n--) {
        // A plate in several words is in short groups ("GHK 4432"): "FL 4x4 truck" names none.
        if (n > 1 && tokens.slice(0, n).some((t) => t.length > 4)) continue;
        const plate = normalizePlate(tokens.slice(0, n).join(''));
        if (plate && plate.length >= 5 && /[A-Z]/.test(plate)) {
          // "OR 7ABC128", "not OK 7ABC123": a word, no state of this plate; the plate is read as alone (one word, with
          // no state), even when a state led to another ("TX ABC1234, OR 7ABC128").
          if (regionOfPlate(region, plate) === undefined) {
            const start = at + m[0].length - (m[2] as string).length;
            if (n === 1 && mixed(plate) && !negatedBefore(text, start, plate)) alone.push({ kind: 'plate', value: plate, at: start });
            break;
          }
          if (negatedBefore(text, at, plate)) break;
          out.push({ kind: 'plate', value: plate, region, at });
          const french = frenchWhole(region, plate);
          if (french) out.push({ kind: 'plate', value: french, at });
          break;
        }
      }
    }
  }
  if (out.length) return [...out, ...alone];
  for (const m of text.matchAll(BARE_PLATE)) {
    const plate = normalizePlate(m[1] as string);
    const start = m.index ?? 0;
    if (!plate || plate.length < 5 || !mixed(plate) || negatedBefore(text, start, plate)) continue;
    const region = regionNear(text, start, start + m[0].length, plate);
    out.push(region ? { kind: 'plate', value: plate, region, at: start } : { kind: 'plate', value: plate, at: start });
  }
  return out;
}

/**
 * The plates a text names. A vehicle answer's are read as unmarkedPlates
 * reads them when no word says so. In any other text: the sentence after an
 * alert's vehicle label, as SHOW gives it and an EDIT pastes it back
 * ("Vehicle: grey Honda 7ABC123."), is read as a vehicle answer; and a
 * state then a plate, both in capitals, the plate one word of letters and
 * digits ("grey Honda CA 7ABC123"). `country`, the line's: the plates it
 * writes in groups, and whether a state code may be a plate's own group. Its digits of any script and its
 * Unicode dashes are read as ASCII ("7ABC‑123" with a phone's non-breaking hyphen is 7ABC123).
 */
export function platesIn(written: string, bare: boolean, country?: CountryCode): Array<Identifier & { at: number }> {
  const { plates: out, unsaid: text } = platesAfterWord(asciiDashes(asciiDigits(written)), country);
  if (bare) return out.length ? out : unmarkedPlates(text, country);
  for (const m of text.matchAll(VEHICLE_SENTENCE)) {
    const sentence = m[1] as string;
    const start = (m.index ?? 0) + m[0].length - sentence.length;
    const end = start + sentence.length;
    if (out.some((p) => p.at >= start && p.at < end)) continue;
    // The sentence alone, in place, so positions stay those of the text.
    out.push(...unmarkedPlates(' '.repeat(start) + sentence + ' '.repeat(text.length - end), country));
  }
  for (const m of text.matchAll(REGION_THEN_PLATE_WORD)) {
    const region = m[1] as string;
    const plate = normalizePlate(m[2] as string);
    if (!REGIONS.has(region) || !plate || plate.length < 5 || !/[A-Z]/.test(plate) || plate.replace(/\D/g, '').length < 2) continue;
    // In a text in capitals, a street or a time after "ON", "IN" or "OR" is no plate.
    if (/^\d+(?:ST|ND|RD|TH|AM|PM|MINS?|MN|HRS?|H)$/.test(plate)) continue;
    // Nor a Canadian postcode after its province ("ON M5V3L9").
    if (/^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(plate)) continue;
    // Nor one she says the car did not have ("definitely not CA 7ABC128"; in "not OK 7ABC123" "OK" is a word).
    if (negatedBefore(text, (m.index ?? 0) + m[0].length - (m[2] as string).length, plate)) continue;
    const state = regionOfPlate(region, plate);
    out.push(state ? { kind: 'plate', value: plate, region: state, at: m.index ?? 0 } : { kind: 'plate', value: plate, at: m.index ?? 0 });
    const french = frenchWhole(region, plate);
    if (french) out.push({ kind: 'plate', value: french, at: m.index ?? 0 });
  }
  return out;
}
