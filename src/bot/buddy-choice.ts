/**
 * Whom a buddy's ACCEPT answers when more than one person asked: those who
 * asked, one person per phone, in the order they asked, and the one she
 * picks by the number listed or by the name they gave.
 */
import type { Buddy } from '../store/buddies';
import type { Db } from '../store/db';
import { personMemberIds } from '../store/members';

/** Most names ACCEPT lists of those who asked (two SMS segments with the longest names). */
export const WHICH_LISTED = 3;

/**
 * Whom ACCEPT picks of several: the number she was shown (they are listed in
 * the order they asked), else the one person whose name she wrote. The number
 * comes first: a stranger who calls himself "1" must not take her answer to
 * the first listed; two who gave the same name are told apart by it.
 */
export function picked(people: Buddy[][], name: string | undefined): Buddy[] | undefined {
  if (name === undefined) return undefined;
  const number = /^#?\s*(\d+)\.?$/.exec(name);
  if (number) {
    const n = Number(number[1]);
    // Only the numbers she was shown: she never read the names of the others.
    return n >= 1 && n <= WHICH_LISTED ? people[n - 1] : undefined;
  }
  const named = people.filter((links) => links.some((b) => sameName(b.name, name)));
  return named.length === 1 ? named[0] : undefined;
}

/** Invitations grouped by the person who made them: one phone's SMS and Signal memberships are one person, asking once. */
export function byPerson(db: Db, invited: Buddy[]): Buddy[][] {
  const people = new Map<number, Buddy[]>();
  for (const b of invited) {
    const person = Math.min(...personMemberIds(db, b.memberId));
    people.set(person, [...(people.get(person) ?? []), b]);
  }
  return [...people.values()];
}

/** Whether she wrote the name as the inviter gave it, whatever the case, accents and punctuation. */
function sameName(given: string, written: string): boolean {
  const plain = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toUpperCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  // A name of emoji or signs alone ("🌹") leaves nothing to compare: it is compared as written.
  if (plain(given) === '') return given.normalize('NFC').trim() === written.normalize('NFC').trim();
  return plain(given) === plain(written);
}
