/**
 * Digits and dashes as phones and keyboards of every script type them, read as ASCII: a number or a plate typed
 * in Devanagari (४१५), Bengali, Thai, Arabic-Indic, fullwidth or mathematical bold digits, or with a non-breaking
 * hyphen or an en dash, is the same number or plate as in ASCII. Pure.
 */

const DIGIT = /\p{Nd}/u;
const ANY_DIGIT = /\p{Nd}/gu;
// Unicode's hyphens and dashes (hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar), the
// minus sign, the small and the fullwidth hyphen-minus: DASH_CLASS for a character class of another regex.
export const DASH_CLASS = '\\u2010-\\u2015\\u2212\\uFE63\\uFF0D';
const DASHES = new RegExp(`[${DASH_CLASS}]`, 'g');
// Where each script's digits start (their zero), by code point: found once for each digit met.
const zeros = new Map<number, number>();

/**
 * A decimal digit's value. Unicode encodes every script's decimal digits as a run of ten, 0 to 9 in order, and
 * runs that touch are whole runs of ten (the five mathematical sets, 𝟎…𝟿): the value is the distance from the
 * start of the digits around it, modulo 10.
 */
function digitValue(code: number): number {
  let zero = zeros.get(code);
  if (zero === undefined) {
    zero = code;
    while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    zeros.set(code, zero);
  }
  return (code - zero) % 10;
}

/**
 * The text with each decimal digit of any script as its ASCII digit, and where each character of the result is in
 * the text: one for one, but a digit of two UTF-16 units (𝟒, Adlam's, Chakma's) is one character, so positions
 * found in the result are read back in the text through `at`.
 */
export function asciiDigitsAt(text: string): { text: string; at: number[] } {
  let out = '';
  const at: number[] = [];
  let i = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code > 0x7f && DIGIT.test(ch)) {
      out += String(digitValue(code));
      at.push(i);
    } else {
      out += ch;
      for (let k = 0; k < ch.length; k++) at.push(i + k);
    }
    i += ch.length;
  }
  return { text: out, at };
}

/** The text with each decimal digit of any script as its ASCII digit (one for one but for digits of two UTF-16 units). */
export function asciiDigits(text: string): string {
  return text.replace(ANY_DIGIT, (d) => (d.length === 1 && d <= '9' ? d : String(digitValue(d.codePointAt(0) as number))));
}

/** The text with Unicode's hyphens, dashes and minus signs as "-", one for one: positions stay. */
export function asciiDashes(text: string): string {
  return text.replace(DASHES, '-');
}

/** Where the character at `i` of `text` ends: after its second unit when it has two (𝟒, an emoji). */
export function charEnd(text: string, i: number): number {
  return i + ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
}
