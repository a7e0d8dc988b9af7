/**
 * BUDDY's arguments, for the check-in parser: [SMS|SIGNAL] number name, OFF [number], nothing (the list). A number
 * is read as a contact or chat app pastes it, and as DEFAULT_COUNTRY writes a national one. Pure.
 */
import { toE164, type CountryCode } from '../phone/numbers';
import { asciiDashes, asciiDigits } from '../util/ascii-digits';
import { visibleWithJoiners } from '../util/visible-text';
import { codePoints, wholeCharactersStart } from '../util/whole-characters';
import type { WordAt } from './checkin-parser';
import type { Command, ParseErrorCode } from './commands';

/** Most code points of a name; longer ones are cut between whole characters (it is shown to the buddy: no half flag). */
export const MAX_BUDDY_NAME = 30;

// The channel, then the words of the number (each of number characters, the first opening with a digit,
// "+" or "("), then the name. The spaces after the channel are never part of the number.
const BUDDY_ADD = /^(?:(sms|signal)\s+)?(\+?[\d(][\d().\-]*(?:\s+[\d().\-+]+)*)(?:\s+(.*))?$/isu;
const NUMBER_WORD = /\S+/g;

/**
 * The words after BUDDY as her phone shows them: a number copied from a contact or a chat ("\u202A+1 (415)
 * 555‑0123\u202C": direction marks around it, a non-breaking hyphen) or typed on another keyboard (＋, fullwidth,
 * mathematical or Arabic-Indic digits, an en dash) is the number she sees. The name goes to a stranger: nothing
 * invisible in it either (a direction override would reorder what they read, a bell or an escape is no name),
 * but the joiners that spell a Persian or Indic name or join an emoji family.
 */
function asShown(text: string): string {
  return asciiDashes(asciiDigits(visibleWithJoiners(text).normalize('NFKC')));
}

/**
 * Where the number ends: the longest leading run of its words that is a valid
 * number (a shorter one may be a stranger's: "+49 30 1234 5678" holds "+49 30
 * 1234"). A name may open with a digit only after a number written without
 * spaces: after a spaced one the digit may be the number's, mistyped.
 */
function numberThenName(run: string, after: string, country: CountryCode): { number: string; name: string } | null {
  const ends = [...run.matchAll(NUMBER_WORD)].map((m) => (m.index ?? 0) + m[0].length);
  for (let i = ends.length - 1; i >= 0; i--) {
    const number = run.slice(0, ends[i]);
    if (!toE164(number, country)) continue;
    const name = `${run.slice(ends[i])} ${after}`.replace(/\s+/g, ' ').trim();
    if (/^\d/.test(name) && /\s/.test(number)) return null;
    return { number, name };
  }
  return null;
}

/** The BUDDY command its words (`rest`, cut from `text`) make, or why they make none. */
export function buddyCommandOf(text: string, rest: WordAt[], country: CountryCode): Command | ParseErrorCode {
  const first = rest[0];
  if (!first) return { kind: 'buddy', action: 'list' };
  if (first.word === 'OFF') {
    const after = rest[1];
    return after ? { kind: 'buddy', action: 'off', number: asShown(text.slice(after.start)).trim() } : { kind: 'buddy', action: 'off' };
  }
  const m = BUDDY_ADD.exec(asShown(text.slice(first.start)).trim());
  const found = m ? numberThenName(m[2] as string, m[3] ?? '', country) : null;
  if (!m || !found) return 'bad_number';
  const { number, name } = found;
  if (!name) return 'missing_name';
  const channel = m[1] ? (m[1].toLowerCase() as 'sms' | 'signal') : undefined;
  return { kind: 'buddy', action: 'add', ...(channel ? { channel } : {}), number, name: bounded(name) };
}

/** A name as shown, its spaces collapsed, cut at MAX_BUDDY_NAME between whole characters. */
function bounded(name: string): string {
  return wholeCharactersStart(name.replace(/\s+/g, ' ').trim(), MAX_BUDDY_NAME, codePoints);
}

/**
 * The name after ACCEPT, read as BUDDY read the one it is matched against: nothing invisible, the same
 * digits and the same cut ("ACCEPT Ro\u200Bse" is Rose; a name as long as hers is cut where hers was).
 */
export function buddyName(text: string): string {
  return bounded(asShown(text));
}
