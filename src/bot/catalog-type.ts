/**
 * What a reply catalogue says, one method a reply. Replies are short (at
 * most two SMS segments), plain, and never name another member. Every
 * catalogue writes its fixed text in GSM-7, so a reply is not forced into
 * 70-character UCS-2 segments: Spanish leaves out á, í, ó, ú; French keeps
 * é, è, à, ù (they are GSM-7) and leaves out ç, â, ê, î, ô, û; Portuguese
 * keeps é and à and leaves out ã, õ, ç and the other accents.
 */
import type { AlertFields } from '../alerts/report-template';
import type { Channel } from '../domain/channel';
import type { CheckinCatalog } from './catalog-checkin-type';
import type { CorrectionCatalog } from './catalog-corrections';
import type { ModeratorCatalog } from './catalog-moderator-type';
import type { LineExamples } from './line-examples';
import type { Category, Step } from './report-dialogue';

/** The commands besides JOIN that name areas: a reply about an unknown one says which to send again. */
export type AreaCommand = 'leave' | 'report' | 'approve' | 'alert';

/** A screening result for CHECK. */
export interface CheckResult {
  count: number;
  latest: Date;
  areas: string[];
  /** What was looked up (issue 11); a phone number when unset. */
  kind?: 'phone' | 'plate' | 'email' | 'handle' | 'link';
  /** Alerts per category (issue 11); UNCATEGORISED (store/screening.ts) counts alerts without one, apart from the list's 'other'. */
  byCategory?: Record<string, number>;
}

/** Every reply, the moderators' among them (catalog-moderator-type.ts). */
export interface Catalog extends ModeratorCatalog, CheckinCatalog, CorrectionCatalog {
  joined(areas: string[]): string;
  joinPending(areas: string[]): string;
  /** The question of the join dialogue: the sender's number names no area. */
  joinWhichArea(): string;
  /** CANCEL ended a dialogue. */
  conversationEnded(): string;
  /**
   * A JOIN that would take the member past MAX_AREAS. `held`: her areas (LEAVE names one of them; none: JOIN
   * fewer); unset, the line's example area.
   */
  tooManyAreas(max: number, held?: string[], ex?: LineExamples): string;
  /** A REPORT naming more than MAX_AREAS areas: how many it may name (her subscriptions are not what is too many). */
  reportTooManyAreas(max: number): string;
  /**
   * A word that is no North American area code of the line. `resend`: the command to send again (JOIN unless
   * told), with `area` (415 unless told): for LEAVE, one of hers, so the example does what she asked.
   */
  unknownArea(token: string, resend?: AreaCommand, area?: string): string;
  left(areas: string[], remaining: string[], ex?: LineExamples): string;
  /** LEAVE of areas (`covered`) whose alerts still reach her through areas she keeps that overlay them (`through`); `left`: the others named. */
  leftCovered(left: string[], covered: string[], through: string[]): string;
  notMember(ex?: LineExamples): string;
  /**
   * STOP's reply over `via` (it stops that channel's membership only); `checkinEnded`: a running check-in
   * ended with it (no one will be told). It always says to send STOP on the other channel too: whether a
   * membership exists there is not told (the number may be someone else's since).
   */
  /** `moderator`: a Signal moderator, told her notices go on (MODERATORS, not STOP, makes her one). */
  stopped(via: Channel, checkinEnded?: boolean, moderator?: boolean): string;
  /** `ex` (also below): the examples a reply gives, as the line's members write them (line-examples.ts); a North American line's unless told. */
  /** `checkin`: CHECKIN's example minutes (90 unless told). */
  help(ex?: LineExamples, checkin?: number): string;
  areas(list: string[], ex?: LineExamples): string;
  /**
   * DELETE's reply over `via` (it erases that channel's membership only). It always says to send DELETE on the
   * other channel too: whether a membership is held there is not told (the number may be someone else's since).
   */
  deleted(via: Channel): string;
  langSet(): string;
  /** LANG with no language or one the line does not speak: the codes of those it does (EN, ES, …). */
  badLang(codes: string[]): string;
  hint(): string;
  /** Only area codes from someone with no membership here, or one stopped (a join question answered after it lapsed): JOIN with them. */
  joinWith(areas: string[]): string;
  /** A photo, voice note or file with no text: only text reaches the line. `answering`: a question of ours is open. */
  mediaNotRead(answering: boolean): string;
  /** Added to the reply to words sent with a photo or a file: the words were read, the photo was not. */
  mediaNotKept(): string;
  leaveNeedsArea(ex?: LineExamples): string;
  /** `areas`: where it went, so that she sees it. */
  reportReceived(ref: string, areas: string[]): string;
  /** As reportReceived, for a report longer than the line keeps (a Signal message): only its first `kept` characters were. */
  reportReceivedCut(ref: string, areas: string[], kept: number): string;
  reportNeedsText(ex?: LineExamples): string;
  reportLimit(): string;
  /**
   * REPORT from a sender with no area: `codes`, the line's areas when few enough to list, else `example` (one of
   * them, or 415 on a North American line), so that she can send it again in the line's own form.
   */
  reportNeedsArea(codes: string[] | null, example?: string): string;
  /** DONE on a guided report with no area: it needs one, and the reply with it is read back for DONE to file (`codes`, `example` as reportNeedsArea). */
  reportDoneNeedsArea(codes: string[] | null, example?: string): string;
  checkNeedsNumber(ex?: LineExamples): string;
  checkFound(result: CheckResult): string;
  /** A CHECK of a sentence naming several identifiers: `named`, those of them the alerts name (as checkNamed shows them). */
  checkFoundAmong(result: CheckResult, named: string[]): string;
  checkNone(): string;
  /** CHECK of digits alone that are no number of the line's country (DEFAULT_COUNTRY): mistyped, or from abroad without its code. */
  checkNumberUnread(): string;
  /**
   * A CHECK of a sentence naming more identifiers than it looks up (past the five it takes, or, `limited`, past
   * what is left of her hourly limit): none of the first `checked` is in an alert.
   */
  checkNoneOfFirst(checked: number, limited: boolean): string;
  /** After checkFoundAmong (the two may take three segments), as checkNoneOfFirst says it: only the first `checked` were looked up. */
  checkUnchecked(checked: number, limited: boolean): string;
  checkLimit(): string;
  membersOnly(ex?: LineExamples): string;
  /** What only members may do (and AREAS, LEAVE of an area not hers), asked by an applicant whose join request waits: not JOIN again, which only repeats it. */
  requestWaiting(areas: string[]): string;
  alert(areas: string[], text: string): string;
  admitted(areas: string[]): string;
  // Check-ins (issue 13). `ending` is the last 4 digits of a buddy's number; times are checkinEnd's.
  /** To the buddy: who asked (by the name the member gave), what it means, how to answer. */
  buddyInvite(name: string): string;
  /** `buddyInvite` to a number that is a discreet member's: it arrives unasked, on her lock screen, so it names no buddy, no date, nor the line, yet says what accepting means. */
  discreetBuddyInvite(name: string): string;
  /** The hint, to someone whose invitation to be a buddy waits and who is no member there: how to answer it (plain: a discreet member's phone may read it). */
  buddyAnswerHint(): string;
  buddyAsked(ending: string): string;
  buddyAlreadyAsked(ending: string): string;
  buddyLimit(max: number): string;
  /** BUDDY past the day's invitations (INVITES_PER_DAY): nothing was sent. */
  buddyInvitesToday(max: number): string;
  /** BUDDY to a number that DECLINEd her over that channel within `days` days (she was told): nothing was sent. */
  buddyDeclinedBefore(ending: string, days: number): string;
  /** BUDDY without a usable number or name. */
  buddyUsage(ex?: LineExamples): string;
  /** BUDDY with a name that holds a link, an @ or a number: refused, nothing sent (the name is shown to a stranger, from the line's number). */
  buddyNameRefused(ex?: LineExamples): string;
  buddyOwnNumber(): string;
  buddyList(items: Array<{ ending: string; status: 'invited' | 'accepted' | 'stopped' }>): string;
  buddyNone(ex?: LineExamples): string;
  buddiesRemoved(count: number): string;
  /** To an accepted buddy the member removed. */
  buddyDropped(name: string): string;
  /** `buddyDropped` to a buddy who is a discreet member: it arrives unasked, on her lock screen, so it names no buddy, no check-in, nor the line. */
  discreetBuddyDropped(name: string): string;
  /** To the buddy who sent ACCEPT. */
  /** Names no member: the reply is kept where her DELETE cannot reach (a webhook's stored reply, the buddy's own outbox row). */
  buddyAccepted(): string;
  buddyAcceptedMember(ending: string): string;
  /** ACCEPT from someone asked by more than one person (picking none of them): who asked, numbered in the order they asked, by the names they gave, and `more` not listed. */
  buddyWhich(names: string[], more: number): string;
  /** ACCEPT with words that are not the name given by the one person waiting (`name`): nothing is accepted; a bare ACCEPT does. */
  buddyWaiting(name: string): string;
  /**
   * ACCEPT or DECLINE over Signal from an account hiding its number: the line
   * cannot tell which invitations went to it (and takes no one's word for a
   * number). Says to answer by SMS if asked there (one asked over Signal by
   * number shows it to the line); never to show her number to everyone on
   * Signal, every contact and group. The same for everyone hiding theirs, whatever waits.
   */
  buddyNumberHidden(answer: 'accept' | 'decline'): string;
  /** `buddyNumberHidden` on a line with no SMS: there is nowhere else to answer, so it says what becomes of the invitation. */
  buddyNumberHiddenNoSms(answer: 'accept' | 'decline'): string;
  /**
   * ACCEPT from someone nobody asked over the channel it came by (`via`):
   * says to ACCEPT on the other channel, whatever is held there (naming an
   * invitation there would tell a recycled number's new holder of it); on a
   * line that does not send on the other channel (`otherSends` false), only
   * that no one asked.
   */
  buddyNoInviteHere(via: Channel, otherSends?: boolean): string;
  /**
   * DECLINE from someone nobody asked over the channel it came by (`via`):
   * says to DECLINE on the other channel, whatever is held there (naming an
   * invitation there would tell a recycled number's new holder of it); as
   * buddyNoInviteHere on a line without the other channel.
   */
  buddyNotAskedHere(via: Channel, otherSends?: boolean): string;
  /** To the buddy who sent DECLINE over `via`: they are no one's buddy there; says to DECLINE on the other channel too, whatever is held there. */
  buddyDeclined(via: Channel): string;
  buddyDeclinedMember(ending: string): string;
  buddyStoppedMember(ending: string): string;
  /** `buddyAcceptedMember` for a discreet member: it arrives unasked, on her lock screen, so it names no buddy, no check-in, nor the line. */
  discreetContactAccepted(ending: string): string;
  /** `buddyDeclinedMember` (a DECLINE, or an accepted buddy's DELETE) for a discreet member, as plain. */
  discreetContactDeclined(ending: string): string;
  /** `buddyStoppedMember` for a discreet member, as plain. */
  discreetContactStopped(ending: string): string;
  /**
   * Her invitation the provider refused for good over `channel` (a number not
   * on Signal, or no number SMS reaches): it ended, and she is asked for another.
   */
  buddyUnreachedMember(ending: string, channel: Channel): string;
  /** `buddyUnreachedMember` for a discreet member, as plain. */
  discreetContactUnreached(ending: string): string;
  /**
   * Her invitation waited over `gone`, a channel the line no longer sends on
   * (settings removed at a restart): it was never sent and ended. Not her
   * buddy's fault: she is shown how to ask them over the other channel.
   */
  buddyChannelGoneMember(ending: string, gone: Channel): string;
  /** `buddyChannelGoneMember` for a discreet member, as plain. */
  discreetContactChannelGone(ending: string, gone: Channel): string;
  // Check-ins themselves: catalog-checkin-type.ts.
  // Reach (issue 12)
  /** The join question, with the line's areas when they are few enough to list. */
  joinWhichAreaListed(codes: string[]): string;
  /**
   * A word that names none of the line's areas, with their list (when it is
   * short enough to list). `resend`: the command to send again, when no
   * question waits for the reply; without it, the join question does.
   */
  unknownAreaListed(codes: string[], resend?: AreaCommand): string;
  /** The join question on a line of its own areas, too many to list and none North American: `example` is one of them. */
  joinWhichAreaNamed(example: string): string;
  /** `unknownArea` on such a line: `example` is one of its areas (for LEAVE, one of hers); `resend` as there. */
  unknownAreaNamed(token: string, example: string, resend?: AreaCommand): string;
  /** DISCREET turned on (or already on) for the membership on `via`; names the other channel whatever is held there (as STOP's). */
  discreetOn(via: Channel): string;
  /** DISCREET turned off (or already off) for the membership on `via`: the other channel's, if on, stays on until DISCREET OFF there. */
  discreetOff(via: Channel): string;
  /** DISCREET with words that say neither on nor off: how the membership on `via` stands, and the words that set it. */
  discreetState(on: boolean, via: Channel): string;
  /** DISCREET from a membership on `via` that sent STOP: the setting, kept for when she comes back, and how to come back (no alert comes now). */
  discreetWhenBack(on: boolean, via: Channel): string;
  /** What a discreet member gets instead of an alert: nothing of its subject, not even what the line is. */
  discreetNotice(areas: string[]): string;
  /** READ with nothing unread. */
  readNone(): string;
  /** One unread alert in a READ answer. */
  readItem(areas: string[], text: string, day: Date): string;
  /** Ends a READ answer that could not carry every unread alert. */
  readMore(count: number): string;
  /** `admitted` for a discreet member: it arrives unasked, so it names nothing of the line either. */
  discreetAdmitted(areas: string[]): string;
  // Reports (issue 11)
  /** The guided report's questions, one SMS segment each. */
  /** `example`: an area of the line for the "where" question's example (415 unless told). */
  reportAsk(step: Exclude<Step, 'review'>, example?: string, ex?: LineExamples): string;
  /** Said before a question asked again (after BACK) that she answered before: what she said (clipped to fit), and that SKIP keeps it. */
  reportYouSaid(answer: string): string;
  /** The report read back before DONE (`body` is what the alert would say), its words clipped to `segments` (2 unless told); `areas` empty: it has none yet. */
  reportReview(areas: string[], body: string, segments?: number): string;
  /** After the leading plates or contacts of a long list in the read-back: how many more it holds. */
  reportMore(count: number): string;
  /** Said before the next question: her answer was longer than a report keeps, and only its first `kept` characters were kept. */
  reportAnswerCut(kept: number): string;
  /** The answer to "what happened" was not numbers from the list. */
  reportAskAgain(): string;
  /** DONE before anything was answered. */
  reportNothingYet(): string;
  /** CANCEL (or CANCELAR) threw the draft away. */
  reportCancelled(): string;
  /** A draft left unanswered for 30 minutes was filed with what it had, for `areas`. */
  reportDraftFiled(ref: string, areas: string[]): string;
  /** A draft left unanswered for 30 minutes said nothing of what happened: dropped. */
  reportDraftDropped(): string;
  /** A draft left unanswered for 30 minutes named no area (and the sender's number and subscriptions gave none): dropped; `example`: an area of the line (415 unless told). */
  reportDraftNoArea(example?: string): string;
  /** `reportDraftFiled` for a discreet member: it arrives unasked, so it names no report, nor the line, nor the areas (where she was). */
  discreetDraftFiled(ref: string): string;
  /** The lapsed draft was not filed (nothing of what happened, no area, the day's limit), for a discreet member, as plain. */
  discreetDraftDropped(): string;
  /** What happened, as words: "violence, robbery or didn't pay". */
  categoryNames(list: Category[]): string;
  /** The alert text of a guided report, from its fields. */
  alertBody(f: AlertFields): string;
}

/** What a catalogue calls a guided report's fields in an alert ("When", "Cuando", …). */
export interface FieldLabels {
  when: string;
  where: string;
  person: string;
  vehicle: string;
  contact: string;
}
