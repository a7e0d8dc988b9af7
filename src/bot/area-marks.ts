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
