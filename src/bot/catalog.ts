/**
 * Reply catalogue interface. Replies are short (at most two SMS segments),
 * plain, and never name another member. Spanish text avoids the accented
 * vowels outside GSM-7 (á, í, ó, ú) so a reply is not forced into 70-character
 * UCS-2 segments.
 */
import type { Lang } from './commands';
import type { AlertFields } from '../alerts/report-template';
import type { Category, Step } from './report-dialogue';
import { en } from './catalog-en';
import { es } from './catalog-es';

/** Counts shown to a moderator by STATS. */
export interface Stats {
  membersByArea: Array<{ npa: string; members: number }>;
  pendingReports: number;
  alertsSent: number;
  pendingMembers: number;
}

/** A screening result for CHECK. */
export interface CheckResult {
  count: number;
  latest: Date;
  areas: string[];
  /** What was looked up (issue 11); a phone number when unset. */
  kind?: 'phone' | 'plate' | 'email' | 'handle' | 'link';
  /** Alerts per category (issue 11); 'other' counts alerts without one. */
  byCategory?: Record<string, number>;
}

/** What a moderator's notice of a new report says (issue 11). */
export interface ReportNotice {
  ref: string;
  categories: Category[];
  areas: string[];
  /** The exact alert, or null when it is too long (then `text` is the report's, clipped). */
  alert: string | null;
  segments: number;
  text?: string;
  /** References of earlier alerts and pending reports naming the same identifiers. */
  matches: { alerts: string[]; alertCount: number; pending: string[] };
  /** The reporter's "anything else", for the moderators only. */
  note?: string;
}

export interface Catalog {
  joined(areas: string[]): string;
  joinPending(areas: string[]): string;
  /** The question of the join dialogue: the sender's number names no area. */
  joinWhichArea(): string;
  /** CANCEL ended a dialogue. */
  conversationEnded(): string;
  /** A JOIN that would take the member past MAX_AREAS. */
  tooManyAreas(max: number): string;
  unknownArea(token: string): string;
  left(areas: string[], remaining: string[]): string;
  notMember(): string;
  stopped(): string;
  help(): string;
  areas(list: string[]): string;
  deleted(): string;
  langSet(): string;
  badLang(): string;
  hint(): string;
  leaveNeedsArea(): string;
  reportReceived(ref: string): string;
  reportNeedsText(): string;
  reportLimit(): string;
  reportNeedsArea(): string;
  checkNeedsNumber(): string;
  checkFound(result: CheckResult): string;
  checkNone(): string;
  checkLimit(): string;
  membersOnly(): string;
  alert(areas: string[], text: string): string;
  // Moderators
  /** A new report whose alert fits: the exact alert text and its SMS segment count. */
  modNotice(ref: string, alert: string, segments: number): string;
  /** A new report too long for an alert: the moderator must EDIT it first. */
  modNoticeTooLong(ref: string, areas: string[], segments: number, text: string): string;
  /** SHOW: the exact alert an approval would send. */
  modShow(ref: string, alert: string, segments: number): string;
  /** SHOW of a report too long for an alert: its text, clipped to what a reply can carry. */
  modShowTooLong(ref: string, segments: number, text: string): string;
  /** APPROVE of a report too long for an alert. */
  modTooLong(ref: string, segments: number): string;
  /** ALERT with a text too long for an alert. */
  modAlertTooLong(segments: number): string;
  /** The reports and join requests held back past the notice cap of a period. */
  modDigest(reports: number, joins: number): string;
  /** BLOCK of a report whose sender has since erased themselves with DELETE. */
  modSenderErased(ref: string): string;
  modJoinRequest(ref: string, areas: string[]): string;
  /** Pending items, oldest first; `more` are pending beyond `items`. */
  modPending(items: Array<{ ref: string; areas: string[]; kind: 'report' | 'member' }>, more?: number): string;
  modApproved(ref: string, areas: string[]): string;
  modAdmitted(ref: string): string;
  modRejected(ref: string): string;
  modEdited(ref: string, segments: number, fits: boolean): string;
  modAlertQueued(areas: string[]): string;
  modBlocked(ref: string): string;
  modNoSuchRef(ref: string): string;
  modAlreadyDecided(ref: string): string;
  modNeedsRef(): string;
  modNeedsText(): string;
  modNeedsArea(): string;
  modStats(stats: Stats): string;
  admitted(areas: string[]): string;
  // Reports (issue 11)
  /** The guided report's questions, one SMS segment each. */
  reportAsk(step: Exclude<Step, 'review'>): string;
  /** The report read back before DONE (`body` is what the alert would say). */
  reportReview(areas: string[], body: string): string;
  /** The answer to "what happened" was not numbers from the list. */
  reportAskAgain(): string;
  /** DONE before anything was answered. */
  reportNothingYet(): string;
  /** CANCEL (or CANCELAR) threw the draft away. */
  reportCancelled(): string;
  /** A draft left unanswered for 30 minutes was filed with what it had. */
  reportDraftFiled(ref: string): string;
  /** A draft left unanswered for 30 minutes said nothing of what happened: dropped. */
  reportDraftDropped(): string;
  /** What happened, as words: "violence, robbery or didn't pay". */
  categoryNames(list: Category[]): string;
  /** The alert text of a guided report, from its fields. */
  alertBody(f: AlertFields): string;
  /** A new report, with its categories, areas, the alert as it will go out and what it matches. */
  modReportNotice(n: ReportNotice): string;
  /** RETRACT done: `cancelled` copies were not sent; sent ones get a correction or are deleted. */
  modRetracted(ref: string, cancelled: number): string;
  /** RETRACT of a report that never became an alert. */
  modNotAlert(ref: string): string;
  modAlreadyRetracted(ref: string): string;
  /** The one-line correction an SMS member who got a retracted alert receives. */
  alertRetracted(areas: string[], day: string): string;
}

const CATALOGS: Record<Lang, Catalog> = { en, es };

/** Every language a member may be answered (and alerted) in. */
export const LANGS = Object.keys(CATALOGS) as Lang[];

/** The catalogue of one language. */
export function catalog(lang: Lang): Catalog {
  return CATALOGS[lang];
}

/** "415, 628"; a long list is cut after 10 areas with "+N more", so no reply outgrows a message. */
export function listAreas(areas: string[]): string {
  return areas.length <= 12 ? areas.join(', ') : `${areas.slice(0, 10).join(', ')} +${areas.length - 10}`;
}

/** Trims free text a reply quotes so the reply stays within two segments. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3)}...`;
}
