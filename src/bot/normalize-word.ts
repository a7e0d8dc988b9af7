/** How keywords, and the areas, pages and references after them, are compared: one word, normalized. Pure. */
import { asciiDashes, asciiDigits } from '../util/ascii-digits';
import { plainLatin } from '../util/plain-latin';

const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * Upper case without accents or surrounding punctuation, as any keyboard writes it: fancy letters (ꜱᴛᴏᴘ, 🆂🆃🅾🅿)
 * as plain ones, digits of every script as ASCII ("٤١٥" is 415), Unicode's dashes as "-". Only words read as
 * keywords, areas or numbers go through here: a report's text is kept as she wrote it.
 */
export function normalizeWord(word: string): string {
  // Most keywords arrive as plain ASCII letters: skip Unicode normalisation for them.
  if (ASCII_WORD.test(word)) return word.toUpperCase();
  return asciiDashes(asciiDigits(plainLatin(word).normalize('NFKD')))
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu, '');
}

// The squared OK (🆗), an emoji's selector after it or not: the word OK in one character.
const OK_EMOJI = /^(\s*)\u{1F197}(\uFE0F?)/u;

/**
 * The message with a 🆗 that opens it written as OK, where a keyword is read: "🆗" is OK, as 🅾🅺 is. Only
 * there: in a report's text, or after JOIN, it stays an emoji (a mark, no word). The same length, so offsets
 * into the text stay. Other emoji (✅, 👍) stay no word: a reaction is not taken for her OK.
 */
export function okEmojiAsWord(text: string): string {
  return text.replace(OK_EMOJI, (_m, space: string, selector: string) => `${space}OK${selector ? ' ' : ''}`);
}
