/**
 * The words of a CHECK read as a plate, as a report's plate is read
 * (plates.ts): every reading, the likeliest first. Pure.
 */
import type { CountryCode } from 'libphonenumber-js';
import { asciiDashes, asciiDigits } from '../util/ascii-digits';
import type { Identifier } from './identifiers';
import { NUMBER_WORDS, plateWordReadings, words } from './plate-words';

/**
 * The readings of the words of a CHECK as a plate ("7ABC123", "ca 7abc123", "ABC-123 NY"),
 * read as a report's, when the plate takes all of them ("the 4 runner" is
 * no plate THE4). Without a state, only a plate with letters in it: an
 * all-digit string is a number that did not parse. Digits and dashes read as a report's are (platesIn).
 */
export function plateQuery(text: string, country?: CountryCode): Identifier[] {
  const out: Identifier[] = [];
  for (const tokens of queryWords(words(asciiDashes(asciiDigits(text))))) {
    for (const plate of plateWordReadings(tokens, country)) {
      if (plate.used < tokens.length) continue;
      if (plate.region) out.push({ kind: 'plate', value: plate.value, region: plate.region });
      else if (/[A-Z]/.test(plate.value)) out.push({ kind: 'plate', value: plate.value });
    }
  }
  return out;
}

/**
 * The words of a CHECK to read as a plate: a number word first is not the plate's, as after a plate word in a
 * report ("CHECK NO. ABC-123", "CHECK N° ABC 123" look up ABC123); a bare "NO" or "NUM" may be its first group
 * ("NO 123 AB"), so both readings, the whole first.
 */
function queryWords(tokens: string[]): string[][] {
  const lead = tokens[0] ?? '';
  if (tokens.length < 2 || !NUMBER_WORDS.test(lead)) return [tokens];
  return /^(?:no|num)$/i.test(lead) ? [tokens, tokens.slice(1)] : [tokens.slice(1)];
}
