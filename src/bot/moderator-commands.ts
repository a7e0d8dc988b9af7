/** Commands for moderators: PENDING, APPROVE, REJECT, EDIT, ALERT, BLOCK, SHOW, STATS. */
import { issueAlert } from '../alerts/alert-service';
import { alertSegments, cleanAlertText, MAX_ALERT_SEGMENTS, renderAlert } from '../alerts/alert-text';
import { countAlerts } from '../store/alerts';
import { blockSender } from '../store/blocks';
import { closeRequest, countRequests, findRequest, listRequests } from '../store/member-requests';
import { eraseReportNotices } from '../store/moderator-notices';
import { deleteMember, memberLang, setMemberStatus } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { countPendingReports, decideReport, findReport, listPendingReports, reportExists, reporterOf, setReportText } from '../store/reports';
import { listAreas, membersByArea, subscribe } from '../store/subscriptions';
import { catalog } from './catalog';
import type { Command } from './commands';
import { DEFAULT_MAX_AREAS, type Ctx } from './context';

const LIST_LIMIT = 10;

function alertDeps(ctx: Ctx) {
  return { db: ctx.deps.db, vault: ctx.deps.vault, regions: ctx.deps.regions, onAlert: ctx.deps.onAlert };
}

function pending(ctx: Ctx): string {
  const { db } = ctx.deps;
  const reports = listPendingReports(db, LIST_LIMIT).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'report' as const }));
  const members = listRequests(db, LIST_LIMIT).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'member' as const }));
  // Items past the first LIST_LIMIT of each kind are counted, not listed: the reply says "+N more".
  const more = countPendingReports(db) - reports.length + (countRequests(db) - members.length);
  return ctx.t.modPending([...reports, ...members], more);
}

/** Erases the notices quoting a report; the WAL is truncated after the commit so no copy stays there. */
function eraseNotices(ctx: Ctx, reportId: number): void {
  if (eraseReportNotices(ctx.deps.db, reportId, ctx.now) > 0) ctx.deps.db.eraseSoon();
}

function admit(ctx: Ctx, ref: string, request: { id: number; memberId: number; npas: string[] }): string {
  const { db, vault } = ctx.deps;
  setMemberStatus(db, request.memberId, 'active');
  // The request was bounded when filed; a member never passes MAX_AREAS by admission either.
  const room = (ctx.deps.maxAreas ?? DEFAULT_MAX_AREAS) - listAreas(db, request.memberId).length;
  subscribe(db, request.memberId, request.npas.slice(0, Math.max(0, room)), ctx.now);
  closeRequest(db, request.id);
  enqueueMessage(db, vault, request.memberId, catalog(memberLang(db, request.memberId)).admitted(request.npas), ctx.now);
  db.onCommit(ctx.deps.onQueued);
  return ctx.t.modAdmitted(`#${ref}`);
}

function approve(ctx: Ctx, ref: string, tokens: string[]): string {
  const { db, vault, regions } = ctx.deps;
  const request = findRequest(db, ref);
  if (request) return admit(ctx, ref, request);
  const found = findReport(db, vault, ref);
  if (!found) return ctx.t.modNoSuchRef(`#${ref}`);
  if (found.status !== 'pending') return ctx.t.modAlreadyDecided(`#${ref}`);
  let npas = found.npas;
  if (tokens.length) {
    const resolved = regions.resolve(tokens);
    if (!resolved.ok) return ctx.t.unknownArea(resolved.bad);
    npas = resolved.npas;
  }
  // Exactly what the notice and SHOW preview, or nothing: a report too long waits for an EDIT.
  const text = cleanAlertText(found.text);
  const segments = alertSegments(npas, text);
  if (segments > MAX_ALERT_SEGMENTS) return ctx.t.modTooLong(`#${ref}`, segments);
  decideReport(db, found.id, 'approved', ctx.now);
  eraseNotices(ctx, found.id);
  issueAlert(alertDeps(ctx), { reportId: found.id, npas, text }, ctx.now);
  return ctx.t.modApproved(`#${ref}`, npas);
}

function reject(ctx: Ctx, ref: string): string {
  const { db, vault } = ctx.deps;
  const request = findRequest(db, ref);
  if (request) {
    // A refused join request leaves nothing behind.
    deleteMember(db, request.memberId);
    return ctx.t.modRejected(`#${ref}`);
  }
  const found = findReport(db, vault, ref);
  if (!found) return ctx.t.modNoSuchRef(`#${ref}`);
  if (!decideReport(db, found.id, 'rejected', ctx.now)) return ctx.t.modAlreadyDecided(`#${ref}`);
  eraseNotices(ctx, found.id);
  return ctx.t.modRejected(`#${ref}`);
}

function edit(ctx: Ctx, ref: string, raw: string): string {
  const found = findReport(ctx.deps.db, ctx.deps.vault, ref);
  if (!found) return ctx.t.modNoSuchRef(`#${ref}`);
  if (found.status !== 'pending') return ctx.t.modAlreadyDecided(`#${ref}`);
  const text = cleanAlertText(raw);
  setReportText(ctx.deps.db, ctx.deps.vault, found.id, text);
  // The notices quote the text this edit replaces.
  eraseNotices(ctx, found.id);
  const segments = alertSegments(found.npas, text);
  return ctx.t.modEdited(`#${ref}`, segments, segments <= MAX_ALERT_SEGMENTS);
}

function show(ctx: Ctx, ref: string): string {
  const found = findReport(ctx.deps.db, ctx.deps.vault, ref);
  if (!found) return ctx.t.modNoSuchRef(`#${ref}`);
  if (found.status !== 'pending') return ctx.t.modAlreadyDecided(`#${ref}`);
  const text = cleanAlertText(found.text);
  const segments = alertSegments(found.npas, text);
  if (segments > MAX_ALERT_SEGMENTS) return ctx.t.modShowTooLong(`#${ref}`, segments, text);
  return ctx.t.modShow(`#${ref}`, renderAlert(ctx.lang, found.npas, text), segments);
}

function alert(ctx: Ctx, tokens: string[], raw: string): string {
  const resolved = ctx.deps.regions.resolve(tokens);
  if (!resolved.ok) return ctx.t.unknownArea(resolved.bad);
  const text = cleanAlertText(raw);
  const segments = alertSegments(resolved.npas, text);
  if (segments > MAX_ALERT_SEGMENTS) return ctx.t.modAlertTooLong(segments);
  issueAlert(alertDeps(ctx), { npas: resolved.npas, text }, ctx.now);
  return ctx.t.modAlertQueued(resolved.npas);
}

function block(ctx: Ctx, ref: string): string {
  const reporter = reporterOf(ctx.deps.db, ref);
  if (!reporter) return reportExists(ctx.deps.db, ref) ? ctx.t.modSenderErased(`#${ref}`) : ctx.t.modNoSuchRef(`#${ref}`);
  blockSender(ctx.deps.db, reporter, ctx.now);
  return ctx.t.modBlocked(`#${ref}`);
}

function stats(ctx: Ctx): string {
  const { db } = ctx.deps;
  return ctx.t.modStats({
    membersByArea: membersByArea(db, 12), pendingReports: countPendingReports(db), pendingMembers: countRequests(db), alertsSent: countAlerts(db) });
}

/** Runs a moderator command (the caller has checked the sender is a moderator). */
export function runModeratorCommand(ctx: Ctx, command: Command): string | null {
  switch (command.kind) {
    case 'pending':
      return pending(ctx);
    case 'approve':
      return approve(ctx, command.ref, command.areas);
    case 'reject':
      return reject(ctx, command.ref);
    case 'edit':
      return edit(ctx, command.ref, command.text);
    case 'alert':
      return alert(ctx, command.areas, command.text);
    case 'block':
      return block(ctx, command.ref);
    case 'show':
      return show(ctx, command.ref);
    case 'stats':
      return stats(ctx);
    default:
      return null;
  }
}
