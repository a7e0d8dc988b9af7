/**
 * What a reply catalogue says to moderators: notices of new reports and join
 * requests, and the answers to their commands (APPROVE, EDIT, RETRACT, …).
 * Part of every Catalog (catalog-type.ts); their check-in notices are with
 * the check-ins (catalog-checkin-type.ts).
 */
import type { Category } from './report-dialogue';
import type { LeftOut } from '../alerts/report-template';
import type { LineExamples } from './line-examples';

/** Counts shown to a moderator by STATS. */
export interface Stats {
  /** The largest areas, as many as fit (STATS 2 lists the next). */
  membersByArea: Array<{ npa: string; members: number }>;
  /** Areas with members past those listed: STATS 2 lists them. */
  moreAreas: number;
  /** People subscribed to any area, each once. */
  people: number;
  pendingReports: number;
  /** Alerts that stand: those retracted are not counted here. */
  alertsIssued: number;
  alertsRetracted: number;
  pendingMembers: number;
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
  /** What a guided report's alert leaves out of her answers to fit. */
  leftOut?: LeftOut;
}

export interface ModeratorCatalog {
  /** A new report whose alert fits: the exact alert text and its SMS segment count. */
  modNotice(ref: string, alert: string, segments: number): string;
  /** A new report too long for an alert: the moderator must EDIT it first. */
  modNoticeTooLong(ref: string, areas: string[], segments: number, text: string): string;
  /** SHOW: the exact alert an approval would send. */
  /** `note`: a guided report's "anything else", for the moderators only, whole (its notice clips it). */
  modShow(ref: string, alert: string, segments: number, note?: string): string;
  /** APPROVE from a moderator who has not yet been sent the report as it reads now (an EDIT's notice on its way): nothing sent. */
  modApproveUnread(ref: string, alert: string, segments: number): string;
  /** A carrier's retry of an APPROVE answered with modApproveUnread (that answer, quoting the report, is not kept): nothing sent, and quoting nothing. One SMS segment. */
  modApproveRetried(ref: string): string;
  /** SHOW of a report too long for an alert: its text, or its first of `parts` (modShowMore carries the others). */
  modShowTooLong(ref: string, segments: number, text: string, parts: number): string;
  /** The next part (`part` of `parts`) of a report SHOW sends whole in several messages. */
  modShowMore(ref: string, part: number, parts: number, text: string): string;
  /** APPROVE of a report too long for an alert. */
  modTooLong(ref: string, segments: number): string;
  /** ALERT with a text too long for an alert. */
  modAlertTooLong(segments: number): string;
  /** The reports and join requests held back past the notice cap of a period. */
  modDigest(reports: number, joins: number): string;
  /** To SMS moderators, once per challenge: Signal demands a captcha, and how to lift it. */
  modSignalCaptcha(): string;
  /** BLOCK of a report whose sender has since erased themselves with DELETE. */
  modSenderErased(ref: string): string;
  modJoinRequest(ref: string, areas: string[]): string;
  /** A page of pending items, oldest first (moderator-pending.ts fits it in two segments); `more` wait beyond it, on page `next` on. */
  modPending(items: Array<{ ref: string; areas: string[]; kind: 'report' | 'member' }>, more?: number, next?: number): string;
  modApproved(ref: string, areas: string[]): string;
  /** APPROVE whose areas (overlays included) no admitted member gets alerts for: approved and kept (CHECK finds it), but it reaches no one. */
  modApprovedNoOne(ref: string, areas: string[]): string;
  modAdmitted(ref: string): string;
  modRejected(ref: string): string;
  modEdited(ref: string, segments: number, fits: boolean): string;
  /** To the other moderators after an EDIT: the exact alert APPROVE now sends, or null when it is too long for one. */
  modEditedNotice(ref: string, alert: string | null, segments: number): string;
  /** ALERT queued: `text`, what goes out, its start quoted, so a word misread as an area shows at once. */
  modAlertQueued(areas: string[], ref: string, text: string): string;
  /** ALERT to areas (overlays included) no admitted member gets alerts for: kept (CHECK finds it), but it reaches no one. */
  modAlertNoOne(areas: string[], ref: string): string;
  modBlocked(ref: string): string;
  /** BLOCK of a report a moderator filed (she relays callers' reports): no one is blocked, nothing discarded. */
  modBlockedModerator(ref: string): string;
  /** BLOCK of a report: her `discarded` pending reports (that one among them) were rejected with it; a count, naming no one. */
  modBlockedDiscarded(ref: string, discarded: number): string;
  /** APPROVE of a join request whose applicant was blocked since (BLOCK of her report): refused, the request closed. */
  modJoinBlocked(ref: string): string;
  modNoSuchRef(ref: string): string;
  modAlreadyDecided(ref: string): string;
  /** SHOW of a rejected report: its text and answers were discarded with the rejection. */
  modRejectedDiscarded(ref: string): string;
  /** APPROVE of a report whose text she was never shown (held in a digest, listed by PENDING): nothing sent. */
  modShowFirst(ref: string): string;
  /** HELP from a moderator: the moderator commands, then the members' in brief. */
  modHelp(ex?: LineExamples): string;
  /** A moderator's message that is no command: answered every time (not the members' once-an-hour hint), naming the moderator commands. */
  modHint(): string;
  /** APPROVE, REJECT, EDIT, … with no reference or a malformed one: the example names `command` (in capitals). */
  modNeedsRef(command: string): string;
  /** REJECT, BLOCK or RETRACT with a word after its reference that could be another (`command`, as typed in capitals): nothing done. */
  modOneRef(command: string): string;
  modNeedsText(ex?: LineExamples): string;
  /** EDIT with a reference and no text. */
  modEditNeedsText(): string;
  modNeedsArea(ex?: LineExamples): string;
  /** STATS: the totals and the largest areas; `moreAreas` more on STATS 2. */
  modStats(stats: Stats): string;
  /** STATS `page` (2 on): more areas' members, largest first; `more` after them, on the next page. */
  modStatsMore(page: number, areas: Array<{ npa: string; members: number }>, more: number): string;
  /** To the other moderators: moderator `position` (in MODERATORS) has a new Signal safety number. */
  modIdentityChanged(position: number): string;
  /** To a re-admitted Signal moderator, once: what she sent before her re-admission (signal-cli held it) was not acted on. */
  modReadmitHeld(): string;
  /** A new report, with its categories, areas, the alert as it will go out and what it matches. */
  modReportNotice(n: ReportNotice): string;
  /** RETRACT done: `cancelled` copies were not sent; sent ones get a correction or are deleted. */
  modRetracted(ref: string, cancelled: number): string;
  /** RETRACT of an alert no member had been planned for yet: it went to no one. */
  modRetractedUnsent(ref: string): string;
  /** RETRACT of a report that never became an alert. */
  modNotAlert(ref: string): string;
  modAlreadyRetracted(ref: string): string;
}
