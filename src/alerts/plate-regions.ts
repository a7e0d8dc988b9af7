/**
 * The states and provinces a plate may be written with ("CA 7ABC123",
 * "ABC-123 NY"), and when a code is one: "OK" and "OR" are words as well
 * ("definitely not OK"), states only before a plate of their own shape.
 * Pure; plates.ts reads the plates.
 */

export const REGIONS: ReadonlySet<string> = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR AB BC MB NB NL NS ON PE QC SK'.split(' '),
);

// Codes that are words in capitals too ("not OK", "OR"), and the shape of their state's plates: Oklahoma's and
// Oregon's are three letters and three digits, either way round. Before any other plate ("not OK 7ABC123", a
// California plate) the code is the word, and a negation of it says nothing of the plate.
const WORD_CODES: Readonly<Record<string, RegExp>> = {
  OK: /^(?:[A-Z]{3}\d{3}|\d{3}[A-Z]{3})$/,
  OR: /^(?:[A-Z]{3}\d{3}|\d{3}[A-Z]{3})$/,
};

/** A state or province code written as one word in capitals ("NY", "(NY)", "N.Y."), or undefined. */
export function regionWord(word: string): string | undefined {
  const code = word.replace(/[^A-Za-z0-9]/g, '');
  return REGIONS.has(code) ? code : undefined;
}

/** regionWord's code when it may be the state of `plate` (a normalised plate): "OK" before "ABC123", not before "7ABC123". */
export function regionOfPlate(word: string, plate: string): string | undefined {
  const code = regionWord(word);
  const shape = code === undefined ? undefined : WORD_CODES[code];
  return shape === undefined || shape.test(plate) ? code : undefined;
}
