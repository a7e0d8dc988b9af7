import type { Catalog, CheckResult, ReportNotice, Stats } from '../../src/bot/catalog';
import type { DayTime } from '../../src/bot/clock-time';
import type { Category } from '../../src/bot/report-dialogue';

/**
 * The arguments every reply of a catalogue is built with: catalog.test.ts passes the worst cases it holds to the
 * SMS segment budgets, catalog-translation-length.test.ts ordinary ones, to compare a translation with English.
 * Where a reply takes free text, a list gives the variants it is built with (one reply for each).
 */
export interface ReplyArgs {
  /** A member's areas. */
  areas: string[];
  /** A line's own areas, listed by the replies that name them. */
  ownAreas: string[];
  ref: string;
  /** Free texts quoted back (an unknown area, a moderator's unknown reference, a report under review). */
  texts: string[];
  /** The texts of a report too long for an alert, each its notice's text and "anything else". */
  tooLongReports: string[];
  /** The reporter's "anything else" on a report notice with its alert. */
  longText: string;
  check: CheckResult;
  /** The identifiers a CHECK of several names as found among them. */
  checkNamed: string[];
  categories: Category[];
  matches: ReportNotice['matches'];
  stats: Stats;
  pending: Parameters<Catalog['modPending']>[0];
  /** A guided report's "anything else" a SHOW carries whole. */
  showNote: string;
  /** The alert an APPROVE before the moderator was sent the report as it reads now names, and its segments. */
  approveUnread: { text: string; segments: number };
  /** A buddy's name, and a check-in's details. */
  name: string;
  details: string;
  /** How many more who asked her an ACCEPT's answer does not list, beside the names it lists. */
  buddiesWaiting: number;
  /** A check-in's ends. */
  ends: DayTime[];
}

/** A check-in's end today, and on each day of the week (CHECKIN_MAX_MINUTES may be a week) with a two-digit date. */
export const ENDS: DayTime[] = [{ time: '23:59', day: null }, ...[0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ time: '23:59', day: { weekday, date: 30 } }))];

/** Every reply of a catalogue, each built with the arguments given (several variants where an argument is free text). */
export function everyReply(t: Catalog, a: ReplyArgs): Record<keyof Catalog, string[]> {
  const until = a.ends.map((e) => t.checkinEnd(e));
  return {
    joined: [t.joined(a.areas)],
    joinPending: [t.joinPending(a.areas)],
    joinWhichArea: [t.joinWhichArea()],
    conversationEnded: [t.conversationEnded()],
    unknownArea: [...a.texts.map((x) => t.unknownArea(x)), ...(['leave', 'report'] as const).flatMap((c) => [t.unknownArea('999', c, '415'), t.unknownArea(a.texts[0] ?? '', c, '415')])],
    left: [t.left(a.areas, a.areas), t.left(a.areas, [])],
    leftCovered: [t.leftCovered(a.areas, a.areas, a.areas), t.leftCovered([], ['415'], ['628'])],
    notMember: [t.notMember()],
    stopped: [t.stopped('sms'), t.stopped('sms', true), t.stopped('signal'), t.stopped('signal', true), t.stopped('signal', true, true)],
    help: [t.help(), t.help(undefined, 720), t.help(undefined, 5)],
    areas: [t.areas(a.areas), t.areas([])],
    deleted: [t.deleted('sms'), t.deleted('signal')],
    langSet: [t.langSet()],
    badLang: [t.badLang(['EN', 'ES', 'FR', 'PT', 'DE', 'IT', 'NL', 'PL', 'RO', 'TL', 'VI', 'ZH'])],
    hint: [t.hint()],
    joinWith: [t.joinWith(a.areas), t.joinWith(a.ownAreas)],
    mediaNotRead: [t.mediaNotRead(true), t.mediaNotRead(false)],
    mediaNotKept: [t.mediaNotKept()],
    editNotRead: [t.editNotRead(true), t.editNotRead(false)],
    leaveNeedsArea: [t.leaveNeedsArea()],
    reportReceived: [t.reportReceived(a.ref, a.areas), t.reportReceived(a.ref, a.ownAreas)],
    reportReceivedCut: [t.reportReceivedCut(a.ref, a.areas, 1600), t.reportReceivedCut(a.ref, a.ownAreas, 1600)],
    reportNeedsText: [t.reportNeedsText()],
    reportLimit: [t.reportLimit()],
    reportNeedsArea: [t.reportNeedsArea(null), t.reportNeedsArea(a.ownAreas), t.reportNeedsArea(null, 'AREA1000 / 415')],
    reportDoneNeedsArea: [t.reportDoneNeedsArea(null), t.reportDoneNeedsArea(a.ownAreas), t.reportDoneNeedsArea(null, 'AREA1000 / 415')],
    checkNeedsNumber: [t.checkNeedsNumber()],
    checkFound: [t.checkFound(a.check), t.checkFound({ ...a.check, count: 1 })],
    checkFoundAmong: [t.checkFoundAmong(a.check, a.checkNamed), t.checkFoundAmong({ ...a.check, count: 1 }, ['ABC123'])],
    checkNone: [t.checkNone()],
    checkNumberUnread: [t.checkNumberUnread()],
    checkNoneOfFirst: [t.checkNoneOfFirst(5, false), t.checkNoneOfFirst(4, true), t.checkNoneOfFirst(1, true)],
    checkUnchecked: [t.checkUnchecked(5, false), t.checkUnchecked(4, true), t.checkUnchecked(1, true)],
    checkLimit: [t.checkLimit()],
    membersOnly: [t.membersOnly()],
    requestWaiting: [t.requestWaiting(a.areas)],
    // An alert carries the report's own text (up to 1,600 characters) by design; its frame is checked in catalog.test.ts.
    alert: [t.alert(a.areas, 'grey van, aggressive')],
    // Notices and SHOW carry the exact alert (up to 3 segments) or a long report: checked in catalog.test.ts against Twilio's limit.
    modNotice: [t.modNotice(a.ref, t.alert(a.areas, 'grey van, aggressive'), 1)],
    modNoticeTooLong: a.texts.map((x) => t.modNoticeTooLong(a.ref, a.areas, 24, x)),
    modShow: [t.modShow(a.ref, t.alert(a.areas, 'grey van, aggressive'), 1), t.modShow(a.ref, t.alert(a.areas, 'grey van, aggressive'), 1, a.showNote)],
    modEditedNotice: [t.modEditedNotice(a.ref, t.alert(a.areas, 'grey van, aggressive'), 1), t.modEditedNotice(a.ref, null, 24)],
    modShowTooLong: [t.modShowTooLong(a.ref, 24, 'grey van', 1), t.modShowTooLong(a.ref, 24, 'grey van', 3)],
    modShowMore: [t.modShowMore(a.ref, 3, 3, 'grey van')],
    modTooLong: [t.modTooLong(a.ref, 24)],
    modAlertTooLong: [t.modAlertTooLong(24)],
    modDigest: [t.modDigest(1234, 1234), t.modDigest(7, 0), t.modDigest(0, 1)],
    modSignalCaptcha: [t.modSignalCaptcha()],
    modSenderErased: [t.modSenderErased(a.ref)],
    reportTooManyAreas: [t.reportTooManyAreas(10)],
    tooManyAreas: [t.tooManyAreas(10), t.tooManyAreas(10, []), t.tooManyAreas(10, ['415'])],
    modJoinRequest: [t.modJoinRequest(a.ref, a.areas)],
    // A page as moderator-pending.ts cuts it (the most that fit): some of the items, and how to see the rest.
    modPending: [t.modPending(a.pending.slice(0, 6), 1234, 999), t.modPending([])],
    modApproved: [t.modApproved(a.ref, a.areas)],
    modApprovedNoOne: [t.modApprovedNoOne(a.ref, a.areas), t.modApprovedNoOne(a.ref, a.ownAreas)],
    modAdmitted: [t.modAdmitted(a.ref)],
    modRejected: [t.modRejected(a.ref)],
    modEdited: [t.modEdited(a.ref, 3, true), t.modEdited(a.ref, 24, false)],
    modAlertQueued: a.texts.map((x) => t.modAlertQueued(a.areas, a.ref, x)),
    modAlertNoOne: [t.modAlertNoOne(a.areas, a.ref), t.modAlertNoOne(a.ownAreas, a.ref)],
    modBlocked: [t.modBlocked(a.ref)],
    modBlockedModerator: [t.modBlockedModerator(a.ref)],
    modBlockedDiscarded: [t.modBlockedDiscarded(a.ref, 1), t.modBlockedDiscarded(a.ref, 12345)],
    modJoinBlocked: [t.modJoinBlocked(a.ref)],
    modCheckinNoDetails: [t.modCheckinNoDetails(a.ref)],
    modNoSuchRef: a.texts.map((x) => t.modNoSuchRef(`#${x}`)),
    modAlreadyDecided: [t.modAlreadyDecided(a.ref)],
    modRejectedDiscarded: [t.modRejectedDiscarded(a.ref)],
    modShowFirst: [t.modShowFirst(a.ref)],
    modHelp: [t.modHelp()],
    modHint: [t.modHint()],
    modEditNotRead: [t.modEditNotRead()],
    modNeedsRef: [t.modNeedsRef('RETRACT')],
    modOneRef: [t.modOneRef('RETRACT')],
    modNeedsText: [t.modNeedsText()],
    modEditNeedsText: [t.modEditNeedsText()],
    modNeedsArea: [t.modNeedsArea()],
    modStats: [t.modStats(a.stats), t.modStats({ ...a.stats, moreAreas: 0 })],
    modStatsMore: [t.modStatsMore(2, a.stats.membersByArea, a.stats.moreAreas), t.modStatsMore(999, a.stats.membersByArea, 0)],
    modIdentityChanged: [t.modIdentityChanged(12)],
    modReadmitHeld: [t.modReadmitHeld()],
    modRetractedUnsent: [t.modRetractedUnsent(a.ref)],
    modApproveUnread: [t.modApproveUnread(a.ref, a.approveUnread.text, a.approveUnread.segments)],
    modApproveRetried: [t.modApproveRetried(a.ref)],
    admitted: [t.admitted(a.areas)],
    // Check-ins (issue 13): a name a BUDDY keeps, details a CHECKIN takes, three buddies.
    buddyInvite: [t.buddyInvite(a.name)],
    discreetBuddyInvite: [t.discreetBuddyInvite(a.name)],
    buddyAnswerHint: [t.buddyAnswerHint()],
    buddyAsked: [t.buddyAsked('0100')],
    buddyAlreadyAsked: [t.buddyAlreadyAsked('0100')],
    buddyLimit: [t.buddyLimit(3)],
    buddyInvitesToday: [t.buddyInvitesToday(6)],
    buddyDeclinedBefore: [t.buddyDeclinedBefore('0100', 30)],
    buddyUsage: [t.buddyUsage()],
    buddyNameRefused: [t.buddyNameRefused()],
    buddyOwnNumber: [t.buddyOwnNumber()],
    buddyList: [t.buddyList([{ ending: '0100', status: 'accepted' }, { ending: '0101', status: 'invited' }, { ending: '0102', status: 'stopped' }])],
    buddyNone: [t.buddyNone()],
    buddiesRemoved: [t.buddiesRemoved(3), t.buddiesRemoved(1), t.buddiesRemoved(0)],
    buddyDropped: [t.buddyDropped(a.name)],
    discreetBuddyDropped: [t.discreetBuddyDropped(a.name)],
    buddyAccepted: [t.buddyAccepted()],
    buddyAcceptedMember: [t.buddyAcceptedMember('0100')],
    buddyWhich: [t.buddyWhich([a.name, a.name, a.name], a.buddiesWaiting), t.buddyWhich([a.name], 0)],
    buddyWaiting: [t.buddyWaiting(a.name)],
    buddyNoInviteHere: [t.buddyNoInviteHere('sms'), t.buddyNoInviteHere('signal'), t.buddyNoInviteHere('sms', false), t.buddyNoInviteHere('signal', false)],
    buddyNumberHidden: [t.buddyNumberHidden('accept'), t.buddyNumberHidden('decline')],
    buddyNumberHiddenNoSms: [t.buddyNumberHiddenNoSms('accept'), t.buddyNumberHiddenNoSms('decline')],
    buddyNotAskedHere: [t.buddyNotAskedHere('sms'), t.buddyNotAskedHere('signal'), t.buddyNotAskedHere('sms', false), t.buddyNotAskedHere('signal', false)],
    buddyDeclined: [t.buddyDeclined('sms'), t.buddyDeclined('signal')],
    buddyDeclinedMember: [t.buddyDeclinedMember('0100')],
    buddyStoppedMember: [t.buddyStoppedMember('0100')],
    discreetContactAccepted: [t.discreetContactAccepted('0100')],
    discreetContactDeclined: [t.discreetContactDeclined('0100')],
    discreetContactStopped: [t.discreetContactStopped('0100')],
    buddyUnreachedMember: [t.buddyUnreachedMember('0100', 'signal'), t.buddyUnreachedMember('0100', 'sms')],
    discreetContactUnreached: [t.discreetContactUnreached('0100')],
    buddyChannelGoneMember: [t.buddyChannelGoneMember('0100', 'signal'), t.buddyChannelGoneMember('0100', 'sms')],
    discreetContactChannelGone: [t.discreetContactChannelGone('0100', 'signal'), t.discreetContactChannelGone('0100', 'sms')],
    checkinEnd: until,
    checkinStarted: until.flatMap((u) => [t.checkinStarted(u, 'buddies', true), t.checkinStarted(u, 'moderators', false), t.checkinStarted(u, 'moderators', true, true), t.checkinStarted(u, 'buddies', true, true, 5), t.checkinStarted(u, 'buddies', true, true, null)]),
    checkinNeedsBuddy: [t.checkinNeedsBuddy()],
    checkinUsage: [t.checkinUsage(10, 720), t.checkinUsage(10, 60), t.checkinUsage(120, 10080)],
    checkinDetailsTooLong: [t.checkinDetailsTooLong(200)],
    checkinReminder: until.flatMap((u) => [t.checkinReminder(u), t.checkinReminder(u, 5), t.checkinReminder(u, null)]),
    discreetReminder: until.flatMap((u) => [t.discreetReminder(u), t.discreetReminder(u, 5), t.discreetReminder(u, null)]),
    checkinStillRuns: until.flatMap((u) => [t.checkinStillRuns(u), t.checkinStillRuns(u, 5), t.checkinStillRuns(u, null)]),
    checkinStillMissed: [t.checkinStillMissed('buddies'), t.checkinStillMissed('moderators'), t.checkinStillMissed('nobody')],
    discreetStillMissed: [t.discreetStillMissed('buddies'), t.discreetStillMissed('moderators'), t.discreetStillMissed('nobody')],
    checkinNoOneLeft: [t.checkinNoOneLeft()],
    checkinModeratorsGone: [t.checkinModeratorsGone()],
    discreetNoOneLeft: [t.discreetNoOneLeft()],
    discreetModeratorsGone: [t.discreetModeratorsGone()],
    checkinRestored: until.flatMap((u) => [t.checkinRestored(u, 'buddies'), t.checkinRestored(u, 'moderators'), t.checkinRestored(u, 'nobody')]),
    discreetRestored: until.flatMap((u) => [t.discreetRestored(u), t.discreetRestored(u, 5), t.discreetRestored(u, null)]),
    checkinEscalation: until.flatMap((u) => [t.checkinEscalation(a.name, u, a.details), t.checkinEscalation(a.name, u, '')]),
    discreetBuddyEscalation: until.flatMap((u) => [t.discreetBuddyEscalation(a.name, u, a.details), t.discreetBuddyEscalation(a.name, u, '')]),
    checkinEscalationModerators: until.flatMap((u) => [t.checkinEscalationModerators(a.ref, u, a.details), t.checkinEscalationModerators(a.ref, u, ''), t.checkinEscalationModerators(a.ref, u, a.details, true)]),
    checkinEscalationModeratorsFolded: until.map((u) => t.checkinEscalationModeratorsFolded(a.ref, u, a.ref, 99)),
    checkinEscalationModeratorsFoldedErased: until.map((u) => t.checkinEscalationModeratorsFoldedErased(a.ref, u)),
    checkinDetailsUnreadable: [t.checkinDetailsUnreadable()],
    checkinMemberTold: [t.checkinMemberTold('buddies'), t.checkinMemberTold('moderators'), t.checkinMemberTold('nobody')],
    discreetMemberTold: [t.discreetMemberTold('buddies'), t.discreetMemberTold('moderators'), t.discreetMemberTold('nobody')],
    checkinOk: [t.checkinOk()],
    checkinCancelled: [t.checkinCancelled()],
    checkinOkLate: [t.checkinOkLate()],
    checkinOkUnreached: [t.checkinOkUnreached(1), t.checkinOkUnreached(3)],
    discreetOkUnreached: [t.discreetOkUnreached(1), t.discreetOkUnreached(3)],
    checkinOkBuddy: [t.checkinOkBuddy(a.name), t.checkinOkBuddy('')],
    discreetBuddyOk: [t.discreetBuddyOk(a.name)],
    checkinOkModerators: [t.checkinOkModerators(a.ref), t.checkinOkModerators(`${a.ref}, ${a.ref}`)],
    checkinNone: [t.checkinNone(), t.checkinNone(720)],
    checkinExtended: until.map((u) => t.checkinExtended(u)),
    checkinEscalationWithdrawn: until.map((u) => t.checkinEscalationWithdrawn(u)),
    checkinBuddiesUnreached: [t.checkinBuddiesUnreached(1), t.checkinBuddiesUnreached(3, true), t.checkinBuddiesUnreached(3, true, true)],
    discreetUnreached: [t.discreetUnreached(), t.discreetUnreached(true)],
    checkinBuddiesUnreachedModeratorsTold: [t.checkinBuddiesUnreachedModeratorsTold(1), t.checkinBuddiesUnreachedModeratorsTold(3, true), t.checkinBuddiesUnreachedModeratorsTold(3, true, true)],
    discreetUnreachedModeratorsTold: [t.discreetUnreachedModeratorsTold(), t.discreetUnreachedModeratorsTold(true)],
    checkinModeratorsUnreached: [t.checkinModeratorsUnreached(), t.checkinModeratorsUnreached(true), t.checkinModeratorsUnreached(true, true)],
    discreetModeratorsUnreached: [t.discreetModeratorsUnreached(), t.discreetModeratorsUnreached(true)],
    checkinNoOneReached: [t.checkinNoOneReached(1), t.checkinNoOneReached(2, true), t.checkinNoOneReached(2, true, true)],
    discreetNoOneReached: [t.discreetNoOneReached(), t.discreetNoOneReached(true)],
    checkinUnreachedAfterAll: [t.checkinUnreachedAfterAll(1, false), t.checkinUnreachedAfterAll(3, true), t.checkinUnreachedAfterAll(0, true)],
    discreetUnreachedAfterAll: [t.discreetUnreachedAfterAll(1, false), t.discreetUnreachedAfterAll(2, true), t.discreetUnreachedAfterAll(0, true)],
    laterUsage: [t.laterUsage(720, 10), t.laterUsage(10080, 10, 5), t.laterUsage(10080, 10, null)],
    // Reach (issue 12)
    joinWhichAreaListed: [t.joinWhichAreaListed(a.ownAreas)],
    unknownAreaListed: [t.unknownAreaListed(a.ownAreas), ...(['leave', 'report', 'approve', 'alert'] as const).map((c) => t.unknownAreaListed(a.ownAreas, c))],
    joinWhichAreaNamed: [t.joinWhichAreaNamed('AREA1000')],
    unknownAreaNamed: [...a.texts.map((x) => t.unknownAreaNamed(x, 'AREA1000')), ...(['leave', 'report'] as const).map((c) => t.unknownAreaNamed(a.texts[0] ?? '', 'AREA1000', c))],
    discreetOn: [t.discreetOn('sms'), t.discreetOn('signal')],
    discreetOff: [t.discreetOff('sms'), t.discreetOff('signal')],
    discreetState: [true, false].flatMap((on) => [t.discreetState(on, 'sms'), t.discreetState(on, 'signal')]),
    discreetWhenBack: [true, false].flatMap((on) => [t.discreetWhenBack(on, 'sms'), t.discreetWhenBack(on, 'signal')]),
    discreetNotice: [t.discreetNotice(a.areas)],
    readNone: [t.readNone()],
    // One item carries an alert's whole text (the READ answer packs items by segments): its frame is checked in catalog.test.ts.
    readItem: [t.readItem(a.areas, 'grey van', new Date('2024-12-31T23:00:00Z'))],
    readMore: [t.readMore(1234)],
    discreetAdmitted: [t.discreetAdmitted(a.areas)],
    // Reports (issue 11)
    reportAsk: (['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other'] as const).map((step) => t.reportAsk(step)),
    // Her earlier answer is clipped to fit with the question by earlier-answer.ts: checked there.
    reportYouSaid: [t.reportYouSaid('grey van, plate 7ABC123, 415-555-0177')],
    reportReview: [...a.texts.map((x) => t.reportReview(a.areas, x)), ...a.texts.map((x) => t.reportReview([], x))],
    reportMore: [t.reportMore(1), t.reportMore(38)],
    reportAnswerCut: [t.reportAnswerCut(300)],
    reportAskAgain: [t.reportAskAgain()],
    reportNothingYet: [t.reportNothingYet()],
    reportCancelled: [t.reportCancelled()],
    reportDraftFiled: [t.reportDraftFiled(a.ref, a.areas)],
    reportDraftDropped: [t.reportDraftDropped()],
    reportDraftNoArea: [t.reportDraftNoArea(), t.reportDraftNoArea('AREA1000')],
    discreetDraftFiled: [t.discreetDraftFiled(a.ref)],
    discreetDraftDropped: [t.discreetDraftDropped()],
    categoryNames: [t.categoryNames(a.categories)],
    // An alert body carries the report's fields (fitted to the alert bound by report-template.ts): checked there.
    alertBody: [t.alertBody({ categories: ['violence'], when: 'fri', where: 'Motel 6', person: 'tall', vehicle: 'grey van', contact: '+14155550187' })],
    modReportNotice: [
      t.modReportNotice({ ref: a.ref, categories: a.categories, areas: a.areas, alert: t.alert(a.areas, 'grey van, aggressive'), segments: 1, matches: a.matches, note: a.longText }),
      t.modReportNotice({
        ...{ ref: a.ref, categories: a.categories, areas: a.areas, alert: t.alert(a.areas, 'grey van, aggressive'), segments: 3, matches: a.matches, note: a.longText },
        leftOut: { fields: ['when', 'where'], shortened: ['person', 'vehicle', 'contact'], categories: 5, contacts: 12 },
      }),
      ...a.tooLongReports.map((x) => t.modReportNotice({ ref: a.ref, categories: [], areas: a.areas, alert: null, segments: 24, text: x, matches: a.matches, note: x })),
    ],
    modRetracted: [t.modRetracted(a.ref, 123456), t.modRetracted(a.ref, 1)],
    modNotAlert: [t.modNotAlert(a.ref)],
    modAlreadyRetracted: [t.modAlreadyRetracted(a.ref)],
    alertRetracted: a.ends.flatMap((e) => [t.alertRetracted(a.areas, e, ''), t.alertRetracted(a.areas, e, 'white pickup, choked a worker on...')]),
    discreetRetracted: a.ends.map((e) => t.discreetRetracted(a.areas, e)),
  };
}
