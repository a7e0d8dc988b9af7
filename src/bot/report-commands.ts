/** REPORT, in one message or guided: what members send in (CHECK, what they look up, is check-command.ts). */
import type { CountryCode } from 'libphonenumber-js';
import { cleanAlertText, fittedReportText, MAX_ALERT_SEGMENTS } from '../alerts/alert-text';
import { carriesNumber, DEFAULT_COUNTRY, identifiersIn, type Identifier } from '../alerts/identifiers';
import type { Regions } from '../alerts/regions';
import { maskKeptStart, maskNumber } from '../alerts/mask-number';
import { alertFieldsOf, bodySegments, fieldIdentifiers, leftOut, renderBody, reviewFields, type AlertBody, type ReportFields } from '../alerts/report-template';
import type { Lang } from '../domain/lang';
import type { Conversation } from '../store/conversations';
import { createReport } from '../store/reports';
import { findMatches, indexReportIdentifiers } from '../store/screening';
import { listAreas } from '../store/subscriptions';
import type { Catalog } from './catalog';
import type { Limit } from './context';
import { cutBetweenWords } from './cut-between-words';
import { askAgain } from './earlier-answer';
import { say, type Asker, type Notice, type Outcome, type Store } from './handler';
import { unknownArea } from './member-commands';
import { areasBeforeText, leadingAreas } from './leading-areas';
import { answerDraft, answerMark, controlWord, draftConversation, draftOf, MAX_ANSWER, newDraft, REPEATS_ANSWERED, UNMOVED_ANSWERED, type Category, type Draft } from './report-dialogue';
import { smsSegments } from './sms-segments';

/**
 * Longest report text kept: an SMS carries no more, nor does the moderators' SHOW. A Signal message may run to
 * 4,000; its end is not kept, and she is told so.
 */
export const MAX_REPORT_TEXT = 1600;

export interface ReportRules {
  /** Reports per sender per period. */
  limit: Limit;
  maxAreas: number;
  /** The line's areas: codes and names lead a report's text or answer "where"; a sender's number may belong to one. */
  regions: Regions;
  /** How matches with earlier alerts are bounded: alerts older than this are erased anyway. */
  retentionDays?: number;
  /** How national-format numbers in reports are read (DEFAULT_COUNTRY). */
  country?: CountryCode;
}

/** Who files a report: what the filing needs of the sender, also when a timed-out draft is filed without them. */
export interface Filer {
  reporterKey: Buffer;
  /** Over Signal with the number shown: the number's reporter index over SMS, so BLOCK holds on both channels. */
  phoneReporterKey?: Buffer;
  /** What her report limit counts under (the number's, on both channels, when it shows). */
  limitKey: Buffer;
  /** Their member row, if any: their subscribed areas are the report's default. */
  memberId: number | null;
  /** Their own number, if it shows: never an identifier of the person reported, and their area as a last resort. */
  phone: string | null;
}

export function filerOf(who: Asker): Filer {
  return { reporterKey: who.reporterKey, phoneReporterKey: who.phoneReporterKey, limitKey: who.limitKey, memberId: who.member?.id ?? null, phone: who.sender.phone ?? null };
}

/** The areas a report goes to: those given, else the reporter's subscriptions, else the area their number belongs to. */
function reportAreas(store: Store, regions: Regions, filer: Filer, given: string[]): string[] {
  if (given.length) return given;
  const subscribed = filer.memberId !== null ? listAreas(store.db, filer.memberId) : [];
  if (subscribed.length) return subscribed;
  const own = filer.phone ? regions.areaOf(filer.phone) : null;
  return own ? [own] : [];
}

/** The moderators' notice of a new report: categories, areas, the alert as it will go out, and what it matches. */
function reportNotice(
  store: Store,
  rules: ReportRules,
  report: { id: number; ref: string },
  npas: string[],
  body: AlertBody,
  categories: Category[],
  ids: Identifier[],
  note: string | undefined,
  now: number,
): Notice {
  const matches = findMatches(store.db, store.vault, ids, report.id, now - (rules.retentionDays ?? 90) * 86_400_000);
  const country = rules.country ?? DEFAULT_COUNTRY;
  const segments = bodySegments(npas, body, country);
  return {
    subject: { kind: 'report', reportId: report.id },
    text: (t: Catalog, lang: Lang) =>
      t.modReportNotice({
        ref: `#${report.ref}`,
        categories,
        areas: npas,
        alert: segments <= MAX_ALERT_SEGMENTS ? renderBody(lang, npas, body, country) : null,
        segments,
        text: 'text' in body ? body.text : undefined,
        matches,
        note,
        ...('fields' in body && segments <= MAX_ALERT_SEGMENTS ? { leftOut: leftOut(npas, body.fields, country) } : {}),
      }),
  };
}

/** A report's identifiers, except the reporter's own number (also inside her links). */
function othersOnly(ids: Identifier[], filer: Filer): Identifier[] {
  return ids.filter((i) => !carriesNumber(i, filer.phone));
}

/** REPORT: with text, filed at once; with none (or only areas), the guided report starts. */
export function report(store: Store, who: Asker, rules: ReportRules, tokens: string[], rest: string, now: number, colonEnded = false): Outcome {
  const { db, vault } = store;
  const { given, raw } = areasBeforeText(rules.regions, tokens, rest);
  const resolved = rules.regions.resolve(given);
  if (!resolved.ok) return say(unknownArea(who.t, rules.regions, resolved.bad, 'report'));
  // The line's own codes and names ("LDN", "london") lead the text as NPAs do (in a text all in capitals, a
  // letter code only when the report has no other area).
  const elsewhere = reportAreas(store, rules.regions, filerOf(who), resolved.npas).length > 0;
  const { areas: named, text } = leadingAreas(rules.regions, raw, given.length > 0, elsewhere, colonEnded);
  const wanted = [...new Set([...resolved.npas, ...named])].sort();
  if (wanted.length > rules.maxAreas) return say(who.t.reportTooManyAreas(rules.maxAreas));
  if (text.trim() === '') {
    // Told before the questions, not after she has answered them all.
    if (store.limits.reached(who.limitKey, 'report', rules.limit, now)) return say(who.t.reportLimit());
    return startGuided(who, wanted, now);
  }
  const filer = filerOf(who);
  const npas = reportAreas(store, rules.regions, filer, wanted);
  if (npas.length === 0) return say(who.t.reportNeedsArea(rules.regions.listed(), rules.regions.example() ?? undefined));
  // Kept as members would read it: no invisible characters, so what the
  // moderator sees, what goes out and what CHECK finds are the same text.
  // The reporter's own number is masked, as in a guided report: it would
  // reach the moderators, every member, and CHECK as the client's.
  const country = rules.country ?? DEFAULT_COUNTRY;
  // Masked before the cut: only the start that can be kept (maskKeptStart).
  const start = maskKeptStart(cleanAlertText(text), filer.phone, country, MAX_REPORT_TEXT);
  const { text: body, cut } = cutBetweenWords(start.text, start.keep, country);
  if (body === '') return say(who.t.reportNeedsText());
  if (!store.limits.take(who.limitKey, 'report', rules.limit, now)) return say(who.t.reportLimit());
  const filed = createReport(db, vault, { npas, text: body, reporterKey: who.reporterKey, phoneReporterKey: who.phoneReporterKey }, now);
  const ids = othersOnly(identifiersIn(body, { country: rules.country }), filer);
  indexReportIdentifiers(db, vault, filed.id, ids);
  return {
    say: cut ? who.t.reportReceivedCut(`#${filed.ref}`, npas, MAX_REPORT_TEXT) : who.t.reportReceived(`#${filed.ref}`, npas),
    // The alert as APPROVE would send it: her accents GSM-7 lacks folded when only that makes it fit.
    notify: reportNotice(store, rules, filed, npas, { text: fittedReportText(npas, body, country) }, [], ids, undefined, now),
  };
}

/** What a draft keeps of its sender besides the answers (sealed with it): where to tell them, and how to file for them. */
function senderOf(who: Asker): Record<string, string> {
  return {
    channel: who.sender.channel,
    address: who.sender.address,
    phone: who.sender.phone ?? '',
    reporter: who.reporterKey.toString('hex'),
    phoneReporter: who.phoneReporterKey?.toString('hex') ?? '',
    // Her limit's key (named so by drafts from before it could be the number's).
    sender: who.limitKey.toString('hex'),
    member: who.member ? String(who.member.id) : '',
  };
}

/** The filer a draft's conversation recorded. */
export function draftFiler(c: Conversation): Filer | undefined {
  const a = c.answers;
  if (!a.reporter || !a.sender || !/^[0-9a-f]{32}$/.test(a.reporter) || !/^[0-9a-f]{32}$/.test(a.sender)) return undefined;
  return {
    reporterKey: Buffer.from(a.reporter, 'hex'),
    phoneReporterKey: a.phoneReporter && /^[0-9a-f]{32}$/.test(a.phoneReporter) ? Buffer.from(a.phoneReporter, 'hex') : undefined,
    limitKey: Buffer.from(a.sender, 'hex'),
    memberId: a.member && /^\d+$/.test(a.member) ? Number(a.member) : null,
    phone: a.phone || null,
  };
}

function startGuided(who: Asker, areas: string[], now: number): Outcome {
  return { say: who.t.reportAsk('what'), converse: draftConversation(newDraft(areas), who.lang, now, senderOf(who)) };
}

/** A draft's fields, as stored with the report. */
function fieldsOf(d: Draft): ReportFields {
  const f: ReportFields = { categories: d.categories };
  for (const k of ['when', 'where', 'person', 'vehicle', 'contact', 'other'] as const) {
    const v = d[k] === undefined ? '' : cleanAlertText(d[k] as string);
    if (v !== '') f[k] = v;
  }
  return f;
}

/** The fields with the reporter's own number masked in each answer. */
function maskedFields(f: ReportFields, phone: string | null, country: CountryCode): ReportFields {
  const out: ReportFields = { categories: f.categories };
  for (const k of ['when', 'where', 'person', 'vehicle', 'contact', 'other'] as const) {
    const v = f[k];
    if (v !== undefined) out[k] = maskNumber(v, phone, country);
  }
  return out;
}

function resolveAreas(rules: ReportRules, tokens: string[]): string[] {
  if (!tokens.length) return [];
  const resolved = rules.regions.resolve(tokens);
  return resolved.ok ? resolved.npas : [];
}

/** Files a draft. Null when it cannot be (no area, or the sender's report limit is reached): `why` says which. */
export function fileDraft(
  store: Store,
  rules: ReportRules,
  filer: Filer,
  draft: Draft,
  now: number,
): { ref: string; npas: string[]; notify: Notice } | { why: 'area' | 'limit' } {
  const { db, vault } = store;
  const npas = reportAreas(store, rules.regions, filer, resolveAreas(rules, draft.areas).slice(0, rules.maxAreas));
  if (npas.length === 0) return { why: 'area' };
  if (!store.limits.take(filer.limitKey, 'report', rules.limit, now)) return { why: 'limit' };
  const country = rules.country ?? DEFAULT_COUNTRY;
  const fields = fieldsOf(draft);
  const alert = alertFieldsOf(fields, filer.phone, country);
  // Her answers are kept with her own number masked, as a one-message report is: once she DELETEs, nothing kept names her.
  const kept = maskedFields(fields, filer.phone, country);
  const filed = createReport(db, vault, { npas, text: '', reporterKey: filer.reporterKey, phoneReporterKey: filer.phoneReporterKey, fields: { fields: kept, alert } }, now);
  // Read from her words as written: a masked link ("wa.me/[-]") would be indexed, and match other reporters' masked ones.
  const ids = othersOnly(fieldIdentifiers(fields, country), filer);
  indexReportIdentifiers(db, vault, filed.id, ids);
  // "Anything else" reaches the moderators as a note: never with the reporter's own number, as the rest.
  return { ref: `#${filed.ref}`, npas, notify: reportNotice(store, rules, filed, npas, { fields: alert }, fields.categories, ids, kept.other, now) };
}

/** The segments a read-back is clipped to, its identifiers kept whole. */
const REVIEW_SEGMENTS = 2;

/**
 * The next question of a draft (with her earlier answer, when she gave one: SKIP keeps it), or the draft read back
 * with the areas it would go to (hers when it names none); `prefix`: a notice said first.
 */
export function question(store: Store, t: Catalog, rules: ReportRules, filer: Filer, d: Draft, prefix = ''): string {
  if (d.step !== 'review') return askAgain(t, { ...d, step: d.step }, prefix, rules.regions.ownExample() ?? undefined);
  const alert = alertFieldsOf(fieldsOf(d), filer.phone, rules.country ?? DEFAULT_COUNTRY);
  const areas = reportAreas(store, rules.regions, filer, resolveAreas(rules, d.areas).slice(0, rules.maxAreas));
  // Two segments when the words can be clipped to fit; more when her plates and contacts alone need it, to the alert's own.
  const whole = (f: typeof alert) => t.reportReview(areas, t.alertBody(f), Infinity);
  const shown = reviewFields(alert, (f) => smsSegments(whole(f)), REVIEW_SEGMENTS, rules.country ?? DEFAULT_COUNTRY, { most: MAX_ALERT_SEGMENTS, more: (n) => t.reportMore(n) });
  return prefix + t.reportReview(areas, t.alertBody(shown), Math.min(MAX_ALERT_SEGMENTS, Math.max(REVIEW_SEGMENTS, smsSegments(whole(shown)))));
}

/** An answer in a guided report. */
export function continueReport(store: Store, who: Asker, rules: ReportRules, conversation: Conversation, text: string, now: number): Outcome {
  const draft = draftOf(conversation);
  if (!draft) return { say: who.t.reportCancelled(), converse: 'end' };
  const filer = filerOf(who);
  const elsewhere = draft.step === 'where' && reportAreas(store, rules.regions, filer, []).length > 0;
  const next = answerDraft(draft, text, (words) => rules.regions.areaWords(words), elsewhere, rules.country ?? DEFAULT_COUNTRY);
  const keep = (d: Draft) => draftConversation(d, conversation.lang, now, conversation.answers);
  // The same question again, for an answer that did not move it on: the same answer is answered REPEATS_ANSWERED
  // times in a row at most (an auto-reply's), and any UNMOVED_ANSWERED in a row (one that changes).
  const repeat = (d: Draft, told: string): Outcome => {
    const repeated = answerMark(text);
    const missed = draft.repeated === repeated ? (draft.missed ?? 0) + 1 : 1;
    const unmoved = (draft.unmoved ?? 0) + 1;
    return { say: missed <= REPEATS_ANSWERED && unmoved <= UNMOVED_ANSWERED ? told : null, converse: keep({ ...d, missed, repeated, unmoved }) };
  };
  // An answer that moved the report on, or DONE: no longer waiting for DONE's area, no answer repeated.
  const settled = (d: Draft): Draft => ({ ...d, filing: undefined, missed: undefined, repeated: undefined, unmoved: undefined });
  const needsArea = () => who.t.reportDoneNeedsArea(rules.regions.listed(), rules.regions.example() ?? undefined);
  const cutNotice = next.kind === 'ask' && next.cut ? `${who.t.reportAnswerCut(MAX_ANSWER)}\n` : '';
  // DONE was told the report needs an area (SKIP and BACK go on with the questions). An answer that names none (an
  // auto-reply) is told so again, the draft as it was; one that names one is read back with it, and DONE files it.
  if (draft.filing === true && draft.step === 'where' && next.kind === 'ask' && controlWord(text) === undefined) {
    if (resolveAreas(rules, next.draft.areas).length === 0) return repeat(draft, needsArea());
    const review = settled({ ...next.draft, step: 'review' });
    return { say: question(store, who.t, rules, filer, review, cutNotice), converse: keep(review) };
  }
  switch (next.kind) {
    case 'cancel':
      return { say: who.t.reportCancelled(), converse: 'end' };
    case 'again':
      return repeat(next.draft, who.t.reportAskAgain());
    case 'empty':
      return { say: who.t.reportNothingYet(), converse: keep(settled(next.draft)) };
    case 'ask': {
      // Told with the next question, so that what was cut (a number put last) goes in a later answer.
      const ask = question(store, who.t, rules, filer, next.draft, cutNotice);
      // The read-back for anything but its control words is the question asked again.
      if (draft.step === 'review' && next.draft.step === 'review') return repeat(next.draft, ask);
      return { say: ask, converse: keep(settled(next.draft)) };
    }
    case 'file': {
      const told = { say: needsArea(), converse: keep({ ...settled(next.draft), step: 'where', filing: true }) };
      return fileNow(store, who, rules, filer, next.draft, now) ?? told;
    }
  }
}

/**
 * DONE: files the draft and replies with the reference; null when it has no area (the caller says it needs one,
 * and the draft waits at "where" for the answer that gives one).
 */
function fileNow(store: Store, who: Asker, rules: ReportRules, filer: Filer, draft: Draft, now: number): Outcome | null {
  const filed = fileDraft(store, rules, filer, draft, now);
  if (!('why' in filed)) return { say: who.t.reportReceived(filed.ref, filed.npas), notify: filed.notify, converse: 'end' };
  return filed.why === 'limit' ? { say: who.t.reportLimit(), converse: 'end' } : null;
}
