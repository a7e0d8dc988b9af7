/**
 * How a guided report's answers are clipped to fit its alert (report-template.ts tries the budgets): with "...",
 * a vehicle keeping its plates, the contact list by whole identifiers, never to a stub.
 */
import type { CountryCode } from 'libphonenumber-js';
import { identifiersIn, showIdentifier, type Identifier } from './identifiers';
import type { AlertFields } from './report-template';
import { codePoints, wholeCharactersStart } from '../util/whole-characters';

/** `text` in at most `max` characters (code points), cut between whole characters (a flag is never halved) with "...". */
export function clipTo(text: string | undefined, max: number): string | undefined {
  if (text === undefined || max <= 3) return undefined;
  return codePoints(text) <= max ? text : `${wholeCharactersStart(text, max - 3, codePoints).trimEnd()}...`;
}

/**
 * A clipped vehicle keeps its plates: they are what members look for (and what CHECK finds). Read with the line's
 * country, as the index reads them: a national plate ("AB12 CDE") is one only with it.
 */
export function clipVehicle(text: string | undefined, max: number, country: CountryCode): string | undefined {
  const cut = clipTo(text, max);
  if (text === undefined || cut === text) return cut;
  const kept = new Set(identifiersIn(cut ?? '', { country, vehicle: true }).map((i) => i.value));
  const lost = identifiersIn(text, { country, vehicle: true }).filter((i) => i.kind === 'plate' && !kept.has(i.value));
  if (!lost.length) return cut;
  const plates = lost.map(showIdentifier).join(', ');
  // No room for the words at all (clipTo gave none): the plates alone.
  return cut === undefined ? plates : `${cut}, ${plates}`;
}

/** The first `n` items of a list ("a, b, c") and how many more (`more`): a read-back need not show forty plates. */
export function leadingItems(list: string | undefined, n: number, more: (count: number) => string): string | undefined {
  const items = list?.split(', ') ?? [];
  return items.length <= n ? list : `${items.slice(0, n).join(', ')} ${more(items.length - n)}`;
}

/** The contact's identifiers the clipped list still shows whole: CHECK finds what members read, no more. */
function shownContactIds(f: AlertFields, contact: string | undefined): Identifier[] | undefined {
  if (!f.contactIds || contact === f.contact) return f.contactIds;
  const shown = new Set((contact ?? '').split(', '));
  return f.contactIds.filter((i) => shown.has(showIdentifier(i)));
}

/** The contact list clipped by whole identifiers, the leading ones that fit: a stub ("rick@example...") is none CHECK finds. */
function clipContact(f: AlertFields, max: number): string | undefined {
  if (!f.contactIds || f.contact === undefined) return clipTo(f.contact, max);
  const items = f.contact.split(', ');
  let n = 0;
  while (n < items.length && items.slice(0, n + 1).join(', ').length <= max) n++;
  return n ? items.slice(0, n).join(', ') : undefined;
}

export function clipped(f: AlertFields, max: number, contactMax: number, country: CountryCode, categories = Infinity): AlertFields {
  const contact = clipContact(f, contactMax);
  const contactIds = shownContactIds(f, contact);
  return {
    categories: f.categories.slice(0, categories),
    when: clipTo(f.when, Math.min(max, 40)),
    where: clipTo(f.where, max),
    person: clipTo(f.person, max),
    vehicle: clipVehicle(f.vehicle, max, country),
    contact,
    ...(contactIds ? { contactIds } : {}),
  };
}
