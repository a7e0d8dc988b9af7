/**
 * The colon or dash that ends the areas leading a REPORT's or an ALERT's text ("MAD: León …", "415 – london …")
 * as any keyboard types it: one set, read alike by the parser and the handlers, so a fullwidth colon or a
 * minus sign ends the areas as ":" and "-" do, and a client named like a city stays in the text.
 */
import { DASH_CLASS } from '../util/ascii-digits';

// ASCII, fullwidth, small and vertical colons; the hyphen-minus and Unicode's dashes (those asciiDashes folds).
const COLONS = ':\\uFF1A\\uFE55\\uFE13';
const MARKS = `${COLONS}\\-${DASH_CLASS}`;

/** A word that ends the areas: one ending with a colon or a dash ("MAD:", "MAD-"), or the mark alone. */
export const ENDS_AREAS = new RegExp(`[${MARKS}]$`, 'u');
/** The colon or dash alone, between the areas and the text. */
export const SEPARATOR = new RegExp(`^[${MARKS}]+$`, 'u');
/** A text led by the colon or dash that ended the areas before it ("415: london …" gives ": london …"). */
export const SEPARATOR_FIRST = new RegExp(`^[${MARKS}]`, 'u');
/** The first colon or dash after a digit (of any script): where the text after an area code starts. */
export const MARK_AFTER_DIGIT = new RegExp(`(?<=\\p{Nd}\\P{Nd}*)[${MARKS}]`, 'u');
/**
 * The first colon in a word, where area codes glued to the text end ("415:he", "415：he"): only a colon, as a
 * dash joins a number's groups ("415-555-0100").
 */
export const COLON = new RegExp(`[${COLONS}]`, 'u');
/** Colons glued to the word after them ("415:london …" gives ":london …"); not a smiley's (":("). */
export const GLUED_COLON = new RegExp(`^[${COLONS}]+(?=[\\p{L}\\p{N}])`, 'u');
/** Colons ending a word ("415:", "LON："). */
export const COLON_END = new RegExp(`[${COLONS}]+$`, 'u');

/**
 * The words with the first of them (of the 12 the area readers look at) holding a colon glued to the text
 * ("LON:he", "415：Motel") split after the colon ("LON:", "he"), when `areas` reads every word up to it as
 * areas; otherwise as they were: a time ("10:30") stays whole.
 */
export function splitGluedColon(words: string[], areas: (head: string[]) => boolean): string[] {
  const at = (w: string) => w.search(COLON);
  const g = words.slice(0, 12).findIndex((w) => at(w) > 0 && GLUED_COLON.test(w.slice(at(w))));
  if (g < 0) return words;
  const word = words[g] as string;
  const head = [...words.slice(0, g), word.slice(0, at(word) + 1)];
  return areas(head) ? [...head, word.slice(at(word)).replace(GLUED_COLON, ''), ...words.slice(g + 1)] : words;
}
