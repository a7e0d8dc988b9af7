/** Moderators' decisions on a reference: APPROVE, REJECT, EDIT, SHOW and RETRACT of a report or a join request (BLOCK: moderator-block). */
import type { CountryCode } from 'libphonenumber-js';
import { issueAlert } from '../alerts/alert-service';
import { alertSegments, cleanAlertText, fittedReportText, MAX_ALERT_SEGMENTS } from '../alerts/alert-text';
import { identifiersIn } from '../alerts/identifiers';
import { bodySegments, previewedBody, renderBody, unclippedSegments, type AlertBody } from '../alerts/report-template';
import type { Sender } from '../phone/identity';
import { alertByRef } from '../store/alerts';
import { memberBlocked } from '../store/blocks';
import { eraseBuddyLinksOf, eraseBuddyMessagesOf } from '../store/buddy-erasure';
import { eraseCheckinsOf } from '../store/checkins';
import { closeRequest, decidedRequest, findRequest } from '../store/member-requests';
import { handOverToTwin } from '../store/membership-handover';
import { eraseReportNotices, forgetReportViewOf, forgetReportViews, linkNotice, operatorShown, recordOperatorShown, recordReportShown, reportReadBy, reportShownTo, withdrawUnsentNotices } from '../store/moderator-notices';
import { deleteMember, ensureMember, findMember, memberDiscreet, memberLang, memberSender, memberStatus, personMemberIds, setMemberStatus } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { decideReport, findReport, reportBody, reportExists, setReportText, type Report } from '../store/reports';
import { dropFromWaitingReads } from '../store/read-quotes';
import { retractAlert } from '../store/retractions';
import { reindexReportIdentifiers } from '../store/screening';
import { anyoneSubscribed, listAreas, subscribe } from '../store/subscriptions';
import { catalog } from './catalog';
import { failed, say, type Outcome, type Store } from './handler';
import { eraseSenderTraces, unknownArea } from './member-commands';
import { showCheckin } from './moderator-checkins';
import { MAX_MESSAGE_CHARS, splitBetweenWords } from './sms-segments';
import type { ModerationRules, Moderator } from './moderator-commands';

/** Erases the notices quoting a report, and who was shown it; the WAL is truncated after the commit so no copy stays there. */
export function eraseNotices({ db }: Store, reportId: number, now: number): void {
  forgetReportViews(db, reportId);
  if (eraseReportNotices(db, reportId, now) > 0) db.eraseSoon();
}

/**
 * Records that the moderator was shown the report's text as it reads now (SHOW, her EDIT); the operator's is
 * kept apart, as she has no member row. Returns her member row's id.
 */
function shown(store: Store, mod: Moderator, reportId: number, now: number): number | undefined {
  if (mod.operator) return void recordOperatorShown(store.db, reportId);
  const memberId = ensureMember(store.db, store.vault, mod.sender, mod.lang, now, 'active').id;
  recordReportShown(store.db, reportId, memberId);
  return memberId;
}

function admit(store: Store, mod: Moderator, rules: ModerationRules, ref: string, request: { id: number; memberId: number; npas: string[] }, now: number): Outcome {
  const { db, vault } = store;
  // Blocked since she asked (BLOCK of her report knows her by its index alone, so her request stayed open): never let in.
  if (memberBlocked(db, vault, request.memberId)) {
    refuse(store, request, now);
    return say(mod.t.modJoinBlocked(`#${ref}`));
  }
  setMemberStatus(db, request.memberId, 'active');
  // The request was bounded when filed; a member never passes MAX_AREAS by admission either.
  const room = rules.maxAreas - listAreas(db, request.memberId).length;
  subscribe(db, request.memberId, request.npas.slice(0, Math.max(0, room)), now);
  // The other moderators' notices still waiting (which would ask them to decide what is decided) go with it.
  closeRequest(db, request.id, now, true);
  const t = catalog(memberLang(db, request.memberId));
  // The areas they now hold: when MAX_AREAS was lowered since the request, fewer than it asked for.
  const areas = listAreas(db, request.memberId);
  // Sent unasked, to a lock screen: a discreet member's names nothing of the line.
  enqueueMessage(db, vault, request.memberId, memberDiscreet(db, request.memberId) ? t.discreetAdmitted(areas) : t.admitted(areas), now);
  return { say: mod.t.modAdmitted(`#${ref}`), queued: true };
}

export function approve(store: Store, mod: Moderator, rules: ModerationRules, ref: string, tokens: string[], now: number): Outcome {
  const { db, vault } = store;
  const request = findRequest(db, ref);
  if (request) {
    if (!tokens.length) return admit(store, mod, rules, ref, request, now);
    const resolved = rules.regions.resolve(tokens);
    if (!resolved.ok) return failed(unknownArea(mod.t, rules.regions, resolved.bad, 'approve'));
    // Areas named admit the applicant to those of the areas asked only: a moderator narrows a request, never widens it.
    if (!resolved.npas.every((npa) => request.npas.includes(npa))) return failed(mod.t.modJoinRequest(`#${ref}`, request.npas));
    return admit(store, mod, rules, ref, { ...request, npas: resolved.npas }, now);
  }
  const found = findReport(db, vault, ref);
  if (!found) return failed(notPending(store, mod, ref, now));
  if (found.status !== 'pending') return failed(mod.t.modAlreadyDecided(`#${ref}`));
  let npas = found.npas;
  if (tokens.length) {
    const resolved = rules.regions.resolve(tokens);
    if (!resolved.ok) return failed(unknownArea(mod.t, rules.regions, resolved.bad, 'approve'));
    npas = resolved.npas;
  }
  // Exactly what the notice and SHOW preview, or nothing: a report too long waits for an EDIT. Areas
  // named here change the areas the alert names, never its text: a guided report keeps the clipping
  // previewed with the report's own areas (fitted to others, members would read more or less than that).
  const body = approvedBody(found, rules.regions.country);
  const sent = previewedBody(found.npas, body, rules.regions.country);
  // Too long with its own areas, its notice showed it clipped: fewer areas named here would send words no one read.
  const own = unclippedSegments(found.npas, sent);
  const segments = Math.max(own, unclippedSegments(npas, sent));
  if (segments > MAX_ALERT_SEGMENTS) return failed(mod.t.modTooLong(`#${ref}`, segments));
  // Another moderator's EDIT whose notice is still on its way to her, or whose showing she may have missed (a
  // retry of her APPROVE after this answer was lost forgot it): she approves a text that is no longer what
  // would go. It is shown to her now instead (her notices still waiting go), and her next APPROVE once that answer
  // has reached her sends it (over Signal it is queued: SHOW's or APPROVE's answer still waiting is not read).
  // Read on either of her memberships is read: listed by number and by Signal UUID, she is one person on one phone.
  // The operator too: the console prints at once, so her SHOW since the last EDIT (or this answer) is her read.
  const approver = found.edited && !mod.operator ? findMember(db, vault, mod.sender) : undefined;
  const hers = approver ? personMemberIds(db, approver.id) : [];
  const unread = mod.operator ? found.edited && !operatorShown(db, found.id) : approver !== undefined && !reportReadBy(db, found.id, hers);
  if (unread) {
    for (const id of hers) withdrawUnsentNotices(db, found.id, id, now);
    shown(store, mod, found.id, now);
    return { ...failed(mod.t.modApproveUnread(`#${ref}`, renderBody(mod.lang, found.npas, sent, rules.regions.country), own)), quotesReport: true };
  }
  // A report no notice showed her (held in a digest past the notice cap; PENDING lists references only) is not
  // approved unread: a flood of junk reports would push a malicious one there. The operator at the console is
  // not asked: no notice ever goes to her, and she holds the key to every report anyway.
  if (!mod.operator) {
    const reader = findMember(db, vault, mod.sender);
    // Shown to her on either channel: one listed by number and by Signal UUID is one person on one phone.
    if (!reader || !personMemberIds(db, reader.id).some((id) => reportShownTo(db, found.id, id))) return failed(mod.t.modShowFirst(`#${ref}`));
  }
  decideReport(db, found.id, 'approved', now);
  eraseNotices(store, found.id, now);
  // After an EDIT the text is the moderator's: the reporter's categories no longer describe it (CHECK counts them).
  const categories = found.edited ? undefined : found.fields?.alert.categories;
  const alertId = issueAlert({ ...store, regions: rules.regions }, { reportId: found.id, npas, body: sent, unclipped: 'fields' in body ? body.fields : undefined, categories }, now);
  // Kept even when it reaches no one (CHECK finds what it names), but she must not take it for sent: 212 typed for 415.
  const reached = anyoneSubscribed(db, rules.regions.expand(npas), rules.sendChannels);
  return { say: reached ? mod.t.modApproved(`#${ref}`, npas) : mod.t.modApprovedNoOne(`#${ref}`, npas), alerts: [alertId] };
}

/**
 * A carrier's retry of her APPROVE whose answer was not kept (it quoted the report's changed text): that
 * answer may never have reached her, so she is no longer counted as shown the text, and her next APPROVE
 * shows it again rather than sending it unread. Answered with a text that quotes nothing.
 */
export function approveRetried({ db, vault }: Store, sender: Sender, ref: string): string {
  const member = findMember(db, vault, sender);
  const found = findReport(db, vault, ref);
  if (member && found) forgetReportViewOf(db, found.id, personMemberIds(db, member.id));
  return catalog(member ? memberLang(db, member.id) : 'en').modApproveRetried(`#${ref}`);
}

/**
 * What approving a report sends: its text as members will read it (the reporter's accents GSM-7 lacks folded when
 * only that makes it fit, as her notice showed it), or its fields' template. A moderator's EDIT goes as she wrote
 * it: she approves it unshown, and her reply to it counted it so.
 */
function approvedBody(found: Report, country: CountryCode): AlertBody {
  const body = reportBody(found);
  if (!('text' in body)) return body;
  const text = cleanAlertText(body.text);
  return { text: found.edited ? text : fittedReportText(found.npas, text, country) };
}

/** RETRACT: withdraws an approved report's alert (the follow-up of sent copies runs in the background, jobs/retractions.ts). */
export function retract(store: Store, mod: Moderator, ref: string, now: number): Outcome {
  const { db, vault } = store;
  const found = alertByRef(db, ref);
  if (!found) return failed(joinRequestText(store, mod, ref) ?? (reportExists(db, ref) ? mod.t.modNotAlert(`#${ref}`) : mod.t.modNoSuchRef(`#${ref}`)));
  if (found.retracted) return failed(mod.t.modAlreadyRetracted(`#${ref}`));
  const { cancelled, planned } = retractAlert(db, found.alertId, now);
  // A discreet member's READ message quoting it that waits goes without it; one left with nothing to say is a copy cancelled.
  const reads = dropFromWaitingReads(db, vault, found.alertId, now);
  db.eraseSoon();
  return { say: planned ? mod.t.modRetracted(`#${ref}`, cancelled + reads) : mod.t.modRetractedUnsent(`#${ref}`), retracted: true };
}

/**
 * Refuses a join request: a refused applicant leaves nothing behind (what
 * DELETE would erase, their member row and all keyed to them); a member
 * refused more areas keeps the ones they have. One admitted on her other
 * channel (one phone showing one number) may have started a check-in and
 * asked buddies from the membership refused: her check-ins and accepted
 * buddies carry on with the one that stays, never dropped unsaid.
 */
export function refuse(store: Store, request: { id: number; memberId: number }, now: number): void {
  const { db, vault } = store;
  closeRequest(db, request.id, now, true);
  if (memberStatus(db, request.memberId) === 'pending') {
    const applicant = memberSender(db, vault, request.memberId);
    const twin = personMemberIds(db, request.memberId).find((id) => id !== request.memberId);
    if (twin !== undefined) handOverToTwin(db, vault, request.memberId, twin);
    // What is left goes as DELETE erases it: check-ins' messages and invitations are addressed to others, not to her row.
    eraseCheckinsOf(db, request.memberId);
    eraseBuddyMessagesOf(db, request.memberId);
    eraseBuddyLinksOf(db, vault, request.memberId);
    deleteMember(db, request.memberId);
    if (applicant) eraseSenderTraces(store, applicant, now, true);
    // Their sealed number must not outlive the refusal in the WAL either.
    store.db.eraseSoon();
  }
}

/** What APPROVE and REJECT answer of a reference that is no report nor open request: a request another moderator decided lately says so. */
function notPending({ db }: Store, mod: Moderator, ref: string, now: number): string {
  return decidedRequest(db, ref, now) ? mod.t.modAlreadyDecided(`#${ref}`) : mod.t.modNoSuchRef(`#${ref}`);
}

/** What SHOW, EDIT and RETRACT answer of a join request: what it is and what can be done with it. */
function joinRequestText({ db }: Store, mod: Moderator, ref: string): string | null {
  const request = findRequest(db, ref);
  return request ? mod.t.modJoinRequest(`#${ref}`, request.npas) : null;
}

export function reject(store: Store, mod: Moderator, ref: string, now: number): Outcome {
  const { db, vault } = store;
  const request = findRequest(db, ref);
  if (request) {
    refuse(store, request, now);
    return say(mod.t.modRejected(`#${ref}`));
  }
  const found = findReport(db, vault, ref);
  if (!found) return failed(notPending(store, mod, ref, now));
  if (!decideReport(db, found.id, 'rejected', now)) return failed(mod.t.modAlreadyDecided(`#${ref}`));
  eraseNotices(store, found.id, now);
  return say(mod.t.modRejected(`#${ref}`));
}

export function edit(store: Store, mod: Moderator, rules: ModerationRules, ref: string, raw: string, now: number): Outcome {
  const found = findReport(store.db, store.vault, ref);
  if (!found) return failed(joinRequestText(store, mod, ref) ?? mod.t.modNoSuchRef(`#${ref}`));
  if (found.status !== 'pending') return failed(mod.t.modAlreadyDecided(`#${ref}`));
  const text = cleanAlertText(raw);
  setReportText(store.db, store.vault, found.id, text);
  // Later reports match this one on what it now says: an identifier the edit removed (a mistyped
  // number, a victim's) must not point moderators at it, one it added must.
  reindexReportIdentifiers(store.db, store.vault, found.id, identifiersIn(text, { country: rules.regions.country }));
  // The notices quote the text this edit replaces: the other moderators get one quoting the new text
  // instead, so none can APPROVE from a notice of a text that is no longer what would go.
  eraseNotices(store, found.id, now);
  // The old text (perhaps a victim's number the edit took out) must not stay in old WAL frames, notice or not.
  store.db.eraseSoon();
  // She wrote the new text: she approves it at once. The others are shown it by the fresh notice.
  shown(store, mod, found.id, now);
  const segments = alertSegments(found.npas, text);
  const fits = segments <= MAX_ALERT_SEGMENTS;
  return {
    say: mod.t.modEdited(`#${ref}`, segments, fits),
    notify: {
      subject: { kind: 'report', reportId: found.id },
      text: (t, lang) => t.modEditedNotice(`#${ref}`, fits ? renderBody(lang, found.npas, { text }) : null, segments),
      except: mod.sender,
      uncapped: true,
    },
  };
}

export function show(store: Store, mod: Moderator, rules: ModerationRules, ref: string, now: number): Outcome {
  const found = findReport(store.db, store.vault, ref);
  if (!found) {
    const request = joinRequestText(store, mod, ref);
    return request ? say(request) : (showCheckin(store, mod, ref, now) ?? failed(mod.t.modNoSuchRef(`#${ref}`)));
  }
  if (found.status === 'rejected') return failed(mod.t.modRejectedDiscarded(`#${ref}`));
  if (found.status !== 'pending') return failed(mod.t.modAlreadyDecided(`#${ref}`));
  const memberId = shown(store, mod, found.id, now);
  const { country } = rules.regions;
  const body = approvedBody(found, country);
  const segments = bodySegments(found.npas, body, country);
  const report = { id: found.id, ref: `#${ref}`, segments };
  if (segments > MAX_ALERT_SEGMENTS) return showWhole(store, mod, report, 'text' in body ? body.text : mod.t.alertBody(body.fields), memberId, now);
  // The reporter's "anything else" whole: the notice clipped it, and an EDIT withdrew the notice.
  return say(mod.t.modShow(`#${ref}`, renderBody(mod.lang, found.npas, body, country), segments, found.fields?.fields.other));
}

/** How long after a SHOW's reply each next part is due: they arrive in order, after it. */
const NEXT_PART_MS = 2_000;

/**
 * SHOW of a report too long for an alert: its text whole, never its end dropped (the client's number put last,
 * which her EDIT must keep), in as many messages as a reply can carry; the reply is the first. The others are
 * queued to her, and go with the report's text once it is decided or edited, as its notices do.
 */
function showWhole(store: Store, mod: Moderator, report: { id: number; ref: string; segments: number }, text: string, memberId: number | undefined, now: number): Outcome {
  const { ref, segments } = report;
  const one = mod.t.modShowTooLong(ref, segments, text, 1);
  if (one.length <= MAX_MESSAGE_CHARS) return say(one);
  const frame = Math.max(mod.t.modShowTooLong(ref, segments, '', 99).length, mod.t.modShowMore(ref, 99, 99, '').length);
  const parts = splitBetweenWords(text, MAX_MESSAGE_CHARS - frame);
  const texts = parts.map((p, i) => (i === 0 ? mod.t.modShowTooLong(ref, segments, p, parts.length) : mod.t.modShowMore(ref, i + 1, parts.length, p)));
  // The operator's console prints any length.
  if (memberId === undefined) return say(texts.join('\n'));
  for (const [i, part] of texts.slice(1).entries()) {
    linkNotice(store.db, enqueueMessage(store.db, store.vault, memberId, part, now, { dueAt: now + NEXT_PART_MS * (i + 1) }), report.id);
  }
  return { say: texts[0] as string, queued: true };
}
