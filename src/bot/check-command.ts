/** CHECK: what members look up, a number, plate, email, handle or link, against the approved alerts. */
import type { CountryCode } from 'libphonenumber-js';
import { cleanAlertText } from '../alerts/alert-text';
import { checkQueryGroups, showIdentifier } from '../alerts/identifiers';
import { lookupIdentifier, lookupIdentifiers } from '../store/screening';
import { listAreas } from '../store/subscriptions';
import type { Limit } from './context';
import { say, type Asker, type Outcome, type Store } from './handler';

export interface CheckRules {
  /** Look-ups per sender per period (one limit across every kind of identifier). */
  limit: Limit;
  retentionDays: number;
  /** DEFAULT_COUNTRY: how a number written in national format is read. */
  country?: CountryCode;
}

/** Most identifiers one CHECK of a sentence looks up: a handful, as a member names a client, never a list. */
export const MAX_CHECKED = 5;

/** CHECK: how many approved alerts name a number, plate, email, handle or link. */
export function check(store: Store, who: Asker, rules: CheckRules, query: string, now: number): Outcome {
  const { db, vault } = store;
  if (!who.member || who.member.status !== 'active' || listAreas(db, who.member.id).length === 0) return say(who.t.membersOnly());
  const text = cleanAlertText(query).slice(0, 200);
  const named = checkQueryGroups(text, rules.country);
  if (!named.length) return say(unreadNumber(text) ? who.t.checkNumberUnread() : who.t.checkNeedsNumber());
  // One look-up per identifier she names (at most MAX_CHECKED), however many readings each has: a sentence of
  // five numbers is five CHECKs, or the hourly limit would let her probe five times as many. Past what is left of
  // the limit, the first she named, as many as it leaves: a worker screening a client now gets what can be
  // checked now (under a limit below five, a sentence of five could never be), told which were not.
  let take = Math.min(named.length, MAX_CHECKED);
  while (take > 0 && !store.limits.take(who.limitKey, 'check', rules.limit, now, take)) take--;
  if (take === 0) return say(who.t.checkLimit());
  const groups = named.slice(0, take);
  const limited = take < Math.min(named.length, MAX_CHECKED);
  const since = now - rules.retentionDays * 86_400_000;
  const found = lookupIdentifiers(db, vault, groups.flat(), since);
  // "No alerts name that" about a sentence whose last identifiers were never looked up would reassure her wrongly.
  if (!found) return say(named.length > take ? who.t.checkNoneOfFirst(take, limited) : who.t.checkNone());
  if (named.length === 1) return say(who.t.checkFound(found));
  // A sentence naming several: the reply says which matched, as she wrote each (no state, nothing else of hers).
  const matched = groups.flatMap((ids) => ids.find((id) => lookupIdentifier(db, vault, id, since)) ?? []);
  const reply = who.t.checkFoundAmong(found, matched.map((id) => showIdentifier({ kind: id.kind, value: id.value })));
  // A match among the first is no word on the rest: she is told they were not looked up.
  return say(named.length > take ? `${reply} ${who.t.checkUnchecked(take, limited)}` : reply);
}

/**
 * Whether CHECK has something in `query` to answer about (an identifier to look up, or digits it cannot read as a
 * number), the same reading check() makes: "CHECK 628-555-0188" is a CHECK, "Check shirt, tall" is words.
 */
export function checkable(query: string, country?: CountryCode): boolean {
  const text = cleanAlertText(query).slice(0, 200);
  return checkQueryGroups(text, country).length > 0 || unreadNumber(text);
}

/**
 * Whether `query` is identifiers CHECK looks up and nothing else ("628-555-0188", "@rick_sf", "CA 7ABC123"), by
 * check()'s own reading: each word holding a letter must be part of one it read (digits and marks are a number's
 * groups), so "his number 628-555-0188 he texted me" is a sentence about him, not a look-up.
 */
export function checkAlone(query: string, country?: CountryCode): boolean {
  const text = cleanAlertText(query).slice(0, 200);
  const bare = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const read = checkQueryGroups(text, country).flat().map((id) => ({ shown: bare(`${showIdentifier(id)} ${id.value}`), value: bare(id.value) }));
  // A link is read without its scheme ("https://"): the word then holds the value rather than the reverse.
  const part = (w: string) => read.some((id) => id.shown.includes(w) || (id.value !== '' && w.includes(id.value)));
  const own = (w: string) => !/\p{L}/u.test(w) || part(bare(w));
  return checkable(query, country) && text.split(/\s+/).every(own);
}

/**
 * Digits alone, as a phone number is written, that no reading took: mistyped, or a number of another country
 * without its code ("212 555 1234" on a UK line); eight digits at least ("555-1234" lacks its area code, which
 * the usage reply's example shows). The usage reply's example would not tell her why hers was refused.
 */
function unreadNumber(query: string): boolean {
  const digits = query.replace(/\D/g, '').length;
  return /^\s*\+?[\d\s().\-/]+$/.test(query) && digits >= 8 && digits <= 15;
}
