/** REPORT and CHECK: what members send in and look up. */
import { alertSegments, cleanAlertText, MAX_ALERT_SEGMENTS, renderAlert } from '../alerts/alert-text';
import type { Regions } from '../alerts/regions';
import { toE164, type CountryCode } from '../phone/numbers';
import { lookupNumber } from '../store/screening';
import { createReport } from '../store/reports';
import { listAreas } from '../store/subscriptions';
import type { Limit } from './context';
import { say, type Asker, type Outcome, type Store } from './handler';
import { unknownArea } from './member-commands';

/** Longest report text kept; providers cap a message at 1,600 characters anyway. */
export const MAX_REPORT_TEXT = 1600;

export interface ReportRules {
  /** Reports per sender per period. */
  limit: Limit;
  maxAreas: number;
  /** The line's areas: codes and names lead the text, a sender's number may belong to one. */
  regions: Regions;
}

export function report(store: Store, who: Asker, rules: ReportRules, given: string[], raw: string, now: number): Outcome {
  const { db, vault } = store;
  const resolved = rules.regions.resolve(given);
  if (!resolved.ok) return say(unknownArea(who.t, rules.regions, resolved.bad));
  // The line's own codes and names ("LDN", "london") lead the text as NPAs do.
  const { areas: named, text } = leadingAreas(rules.regions, raw);
  let npas = [...new Set([...resolved.npas, ...named])].sort();
  if (npas.length > rules.maxAreas) return say(who.t.tooManyAreas(rules.maxAreas));
  if (npas.length === 0 && who.member) npas = listAreas(db, who.member.id);
  if (npas.length === 0) {
    const own = who.sender.phone ? rules.regions.areaOf(who.sender.phone) : null;
    if (!own) return say(who.t.reportNeedsArea());
    npas = [own];
  }
  // Kept as members would read it: no invisible characters, so what the
  // moderator sees, what goes out and what CHECK finds are the same text.
  const body = Array.from(cleanAlertText(text)).slice(0, MAX_REPORT_TEXT).join('');
  if (body === '') return say(who.t.reportNeedsText());
  if (!store.limits.take(who.senderKey, 'report', rules.limit, now)) return say(who.t.reportLimit());
  const { id, ref } = createReport(db, vault, { npas, text: body, reporterKey: who.reporterKey }, now);
  const segments = alertSegments(npas, body);
  return {
    say: who.t.reportReceived(`#${ref}`),
    notify: {
      subject: { kind: 'report', reportId: id },
      text: (t, lang) =>
        segments <= MAX_ALERT_SEGMENTS ? t.modNotice(`#${ref}`, renderAlert(lang, npas, body), segments) : t.modNoticeTooLong(`#${ref}`, npas, segments, body),
    },
  };
}

export interface CheckRules {
  /** Look-ups per sender per period. */
  limit: Limit;
  retentionDays: number;
  /** DEFAULT_COUNTRY: how a number written in national format is read. */
  country?: CountryCode;
}

/** The areas (codes or names of the line) that lead a text, and the text after them. */
export function leadingAreas(regions: Regions, text: string): { areas: string[]; text: string } {
  const words = text.trim().split(/\s+/).slice(0, 12);
  const tokens = words.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  const { npas, used } = regions.leading(tokens);
  if (used === 0) return { areas: [], text };
  const rest = text.trim().split(/\s+/).slice(used).join(' ');
  return { areas: npas, text: rest };
}

export function check(store: Store, who: Asker, rules: CheckRules, query: string, now: number): Outcome {
  const { db, vault } = store;
  if (!who.member || who.member.status !== 'active' || listAreas(db, who.member.id).length === 0) return say(who.t.membersOnly());
  const e164 = toE164(cleanAlertText(query).slice(0, 40), rules.country);
  if (!e164) return say(who.t.checkNeedsNumber());
  if (!store.limits.take(who.senderKey, 'check', rules.limit, now)) return say(who.t.checkLimit());
  const found = lookupNumber(db, vault, e164, now - rules.retentionDays * 86_400_000);
  return say(found ? who.t.checkFound(found) : who.t.checkNone());
}
