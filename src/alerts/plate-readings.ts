/**
 * How a plate's words are read: one value however it is written
 * (normalizePlate), and where it ends when small words of the sentence
 * follow it ("plate ABC 123 at 10pm"), every reading named where that is in
 * doubt. Pure; plates.ts finds the words.
 */

/** Upper case, accents off, only letters and digits: how plates are compared ("7abc-123" = "7ABC123"). */
export function normalizePlate(text: string): string | null {
  const plate = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[\s\-.·_/]+/g, '');
  if (!/^[A-Z0-9]{2,8}$/.test(plate) || !/\d/.test(plate)) return null;
  return plate;
}

// Small words of a sentence, in the line's languages: in small letters after a plate, the sentence goes on ("plate
// ABC 123 at 10pm" is ABC123, not ABC123AT). In capitals they may be a state ("ON", "IN") or the plate's own.
const SENTENCE_WORDS: ReadonlySet<string> = new Set(
  'at on in by to of or and near the a an with from for en y o el la los las con cerca por para de del al et ou le les sur pour avec dans au em e os as com perto na no da do'.split(' '),
);

/**
 * The readings of a plate's words after its word (or its state): up to a small word of the sentence in small
 * letters once the words before it make a plate of five characters or more ("plate ABC 123 at 10pm" is ABC123);
 * before that it is one of the plate's groups ("placa 12 as 34", "plaque et 123 le"), and the next small word is
 * judged in turn ("placa 12 as 34 en el hotel" is 12AS34, not 12AS34EN). Where either may be the plate, both, the
 * likelier first: the plate of two to four characters with letters ("plate XY 12 at 10pm"), and the whole when the
 * small word ends the sentence ("plaque xy 123 le"). A miss at CHECK costs more than a second reading.
 */
export function plateReadings(tokens: string[], endsSentence: boolean, small: SmallWord = isSmallWord, from = 0): string[][] {
  const at = tokens.findIndex((t, i) => i >= from && small(t));
  if (at < 0) return [tokens];
  // First, it is the plate's first group ("placa los 12 34").
  if (at === 0) return plateReadings(tokens, endsSentence, small, 1);
  const cut = tokens.slice(0, at);
  const before = normalizePlate(cut.join(''));
  // "tag him at 10", "plate on the 405": no plate before it, and none with it.
  if (before === null) return [cut];
  if (before.length >= 5) return readingsEndingAt(tokens, at, endsSentence, small);
  const further = plateReadings(tokens, endsSentence, small, at + 1);
  return /[A-Z]/.test(before) ? [...further, cut] : further;
}

/** Whether a word is one of the sentence's small words, as plateReadings judges them. */
type SmallWord = (word: string) => boolean;
export const isSmallWord: SmallWord = (word) => SENTENCE_WORDS.has(word);
// In a text written in capitals ("PLATE IS ABC 123 AT THE MOTEL") the small words are in capitals too.
export const isSmallWordInAnyCase: SmallWord = (word) => SENTENCE_WORDS.has(word.toLowerCase());

/**
 * plateReadings's readings where the plate word is in capitals: first with its small words in capitals judged as
 * small words ("PLATE IS ABC 123 AT THE MOTEL" is ABC123), then as ever (ABC123AT: "ON" or "AT" may be the
 * plate's). A miss at CHECK costs more than a second reading.
 */
export function shoutedReadings(tokens: string[], endsSentence: boolean): string[][] {
  // A reading both give is named twice: identifiersIn keeps each plate once.
  return [...plateReadings(tokens, endsSentence, isSmallWordInAnyCase), ...plateReadings(tokens, endsSentence)];
}

/** The readings of a plate's words at a small word after five characters of plate or more: it ends the plate. */
function readingsEndingAt(tokens: string[], at: number, endsSentence: boolean, small: SmallWord): string[][] {
  const cut = tokens.slice(0, at);
  const last = endsSentence && at === tokens.length - 1;
  // A plate led by a small word may end in one, as the French AA-123-AA: "plaque et 123 le" is ET123LE; with the
  // sentence going on ("et 123 le soir", "los 12 34 y el carro") the plate ends before it or with it, never after.
  // Not where another small word was already one of its groups ("as 12 os on the car" is AS12OS).
  const ledBySmallWord = small(tokens[0] as string) && !tokens.slice(1, at).some(small);
  if (ledBySmallWord) return last ? [tokens] : [cut, tokens.slice(0, at + 1)];
  // Ending the sentence, it may be the plate's last group: "plaque xy 123 le" is XY123 or XY123LE.
  return last ? [cut, tokens] : [cut];
}
