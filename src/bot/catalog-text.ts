/**
 * Wording every catalogue shares: area lists, numbered names, clipped
 * quotes, a guided report's alert and CHECK's counts, each in the words a
 * catalogue gives it.
 */
import type { AlertFields, LeftOut } from '../alerts/report-template';
import type { FieldLabels } from './catalog-type';
import { UNCATEGORISED } from '../store/screening';
import type { Category } from './report-dialogue';
import { wholeCharactersStart } from '../util/whole-characters';

/** "415, 628"; a long list is cut after 10 areas with "+N more", so no reply outgrows a message. */
export function listAreas(areas: string[]): string {
  return areas.length <= 12 ? areas.join(', ') : `${areas.slice(0, 10).join(', ')} +${areas.length - 10}`;
}

/** "1 Rose, 2 Mike": those who asked ACCEPT lists, numbered as ACCEPT 1 picks them (two may give the same name). */
export function numbered(names: string[]): string {
  return names.map((name, i) => `${i + 1} ${name}`).join(', ');
}

/**
 * The identifiers a CHECK found, as the reply names them: each clipped, at most two and how many more ("ABC123
 * and +14155550177", "ABC123, +14155550177 +3"), so the reply stays within two segments whatever the member sent.
 */
export function checkNamed(named: string[], and: string): string {
  const [first = '', second] = named.map((n) => clip(n, 32));
  if (second === undefined) return first;
  return named.length > 2 ? `${first}, ${second} +${named.length - 2}` : `${first} ${and} ${second}`;
}

/** Whether an unknown area was typed as a North American code: "use 3 digits" would tell her to do what she did. */
export function threeDigits(token: string): boolean {
  return /^\d{3}$/.test(token.trim());
}

/**
 * Trims free text a reply quotes so the reply stays within two segments: at most `max` UTF-16 units, as segments
 * count them (an emoji two), cut between whole characters so no half emoji (a lone surrogate, half a flag) ends the quote.
 */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${wholeCharactersStart(flat, max - 3)}...`;
}

/** A field, or a member's details, as a sentence: a full stop unless it ends with one (or with "..."). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A guided report's alert text: what happened, then each field given, as sentences, in one language's words. */
export function alertFromFields(f: AlertFields, categories: Record<Category, string>, labels: FieldLabels): string {
  const fields = (['when', 'where', 'person', 'vehicle', 'contact'] as const).map((k) => (f[k] ? sentence(`${labels[k]}: ${f[k]}`) : ''));
  return [f.categories.length ? sentence(f.categories.map((c) => categories[c]).join(', ')) : '', ...fields].filter(Boolean).join(' ');
}

/**
 * " (2 violence, 1 time-waster, 1 not categorised)": CHECK's counts by category, in one language's words; the
 * alerts without one last, in `uncategorised`'s words, and no counts at all when none has one (the total says it).
 */
export function categoryCounts(counts: Record<string, number> | undefined, categories: Record<Category, string>, uncategorised: string): string {
  const entries = Object.entries(counts ?? {});
  const parts = entries.filter(([c]) => c !== UNCATEGORISED).map(([c, n]) => `${n} ${categories[c as Category] ?? c}`);
  const none = counts?.[UNCATEGORISED];
  if (parts.length && none) parts.push(`${none} ${uncategorised}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * "\nLeft out to fit: Where, 5 categories, 2 contacts.\nShortened to fit: Person.": what a guided report's alert leaves out and
 * what it shortens, in one language's words (`heads`: the two lines'; '' when nothing).
 */
export function leftOutLine(
  l: LeftOut | undefined,
  labels: FieldLabels,
  heads: [left: string, shortened: string],
  contacts: (n: number) => string,
  categories: (n: number) => string,
): string {
  const parts = [...(l?.fields ?? []).map((k) => labels[k]), ...(l?.categories ? [categories(l.categories)] : []), ...(l?.contacts ? [contacts(l.contacts)] : [])];
  const shortened = (l?.shortened ?? []).map((k) => labels[k]);
  return `${parts.length ? `\n${heads[0]}: ${parts.join(', ')}.` : ''}${shortened.length ? `\n${heads[1]}: ${shortened.join(', ')}.` : ''}`;
}
