/** Commands for moderators: PENDING, APPROVE, REJECT, EDIT, ALERT, BLOCK, STATS. */
import { issueAlert } from '../alerts/alert-service';
import { countAlerts } from '../store/alerts';
import { blockSender } from '../store/blocks';
import { closeRequest, countRequests, findRequest, listRequests } from '../store/member-requests';
import { deleteMember, memberLang, setMemberStatus } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { countPendingReports, decideReport, findReport, listPendingReports, reporterOf, setReportText } from '../store/reports';
import { membersByArea, subscribe } from '../store/subscriptions';
import { catalog } from './catalog';
import type { Command } from './commands';
import type { Ctx } from './context';

const LIST_LIMIT = 10;

function alertDeps(ctx: Ctx) {
  return { db: ctx.deps.db, vault: ctx.deps.vault, regions: ctx.deps.regions, onAlert: ctx.deps.onAlert };
}

function pending(ctx: Ctx): string {
  const reports = listPendingReports(ctx.deps.db, LIST_LIMIT).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'report' as const }));
  const members = listRequests(ctx.deps.db, LIST_LIMIT).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'member' as const }));
  return ctx.t.modPending([...reports, ...members]);
}

function admit(ctx: Ctx, ref: string, request: { id: number; memberId: number; npas: string[] }): string {
  const { db, vault } = ctx.deps;
  setMemberStatus(db, request.memberId, 'active');
  subscribe(db, request.memberId, request.npas, ctx.now);
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
  decideReport(db, found.id, 'approved', ctx.now);
  issueAlert(alertDeps(ctx), { reportId: found.id, npas, text: found.text }, ctx.now);
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
  return ctx.t.modRejected(`#${ref}`);
}

function edit(ctx: Ctx, ref: string, text: string): string {
  const found = findReport(ctx.deps.db, ctx.deps.vault, ref);
  if (!found) return ctx.t.modNoSuchRef(`#${ref}`);
  if (found.status !== 'pending') return ctx.t.modAlreadyDecided(`#${ref}`);
  setReportText(ctx.deps.db, ctx.deps.vault, found.id, text);
  return ctx.t.modEdited(`#${ref}`);
}

function alert(ctx: Ctx, tokens: string[], text: string): string {
  const resolved = ctx.deps.regions.resolve(tokens);
  if (!resolved.ok) return ctx.t.unknownArea(resolved.bad);
  issueAlert(alertDeps(ctx), { npas: resolved.npas, text }, ctx.now);
  return ctx.t.modAlertQueued(resolved.npas);
}

function block(ctx: Ctx, ref: string): string {
  const reporter = reporterOf(ctx.deps.db, ref);
  if (!reporter) return ctx.t.modNoSuchRef(`#${ref}`);
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
    case 'stats':
      return stats(ctx);
    default:
      return null;
  }
}
