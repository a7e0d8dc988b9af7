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
 * the order they asked; `listed`: by link id), else the one person whose name she wrote. The number
 * comes first: a stranger who calls himself "1" must not take her answer to
 * the first listed; two who gave the same name are told apart by it.
 */
export function picked(listed: Map<number, number>, people: Buddy[][], name: string | undefined): Buddy[] | undefined {
  if (name === undefined) return undefined;
  const n = listedNumber(name);
  if (n !== null) {
    // The one she was shown as n, still waiting: not whoever moved up to n since (one withdrew, one lapsed).
    return people.find((links) => links.some((b) => listed.get(b.id) === n));
  }
  const named = people.filter((links) => links.some((b) => sameName(b.name, name)));
  return named.length === 1 ? named[0] : undefined;
}

/** The number of a list she answers with ("1", "#2", "3."), or null. */
export function listedNumber(name: string | undefined): number | null {
  // "+1" too: the French reply says "ACCEPTER + le numéro".
  const number = name === undefined ? null : /^[#+]?\s*(\d+)\.?$/.exec(name);
  return number ? Number(number[1]) : null;
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
