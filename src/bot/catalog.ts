/**
 * Reply catalogue interface. Replies are short (at most two SMS segments),
 * plain, and never name another member. Spanish text avoids the accented
 * vowels outside GSM-7 (á, í, ó, ú) so a reply is not forced into 70-character
 * UCS-2 segments.
 */
import type { Lang } from './commands';
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
}

export interface Catalog {
  joined(areas: string[]): string;
  joinPending(areas: string[]): string;
  /** The question of the join dialogue: the sender's number names no area. */
  joinWhichArea(): string;
  /** CANCEL ended a dialogue. */
  conversationEnded(): string;
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
  modNotice(ref: string, areas: string[], text: string): string;
  modJoinRequest(ref: string, areas: string[]): string;
  modPending(items: Array<{ ref: string; areas: string[]; kind: 'report' | 'member' }>): string;
  modApproved(ref: string, areas: string[]): string;
  modAdmitted(ref: string): string;
  modRejected(ref: string): string;
  modEdited(ref: string): string;
  modAlertQueued(areas: string[]): string;
  modBlocked(ref: string): string;
  modNoSuchRef(ref: string): string;
  modAlreadyDecided(ref: string): string;
  modNeedsRef(): string;
  modNeedsText(): string;
  modNeedsArea(): string;
  modStats(stats: Stats): string;
  admitted(areas: string[]): string;
}

const CATALOGS: Record<Lang, Catalog> = { en, es };

/** The catalogue of one language. */
export function catalog(lang: Lang): Catalog {
  return CATALOGS[lang];
}

/** "415, 628" */
export function listAreas(areas: string[]): string {
  return areas.join(', ');
}

/** Trims free text a reply quotes so the reply stays within two segments. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3)}...`;
}
