/** Commands any sender can use about their own membership: JOIN, LEAVE, STOP, AREAS, DELETE, LANG. */
import { areaCodeOf } from '../phone/numbers';
import { forgetSenderReplies } from '../store/inbound-log';
import { dropSenderItems } from '../store/inbound-retry';
import { forgetReporter } from '../store/reports';
import { forgetSenderLimits } from '../store/sender-limits';
import { deleteMember, insertMember, setMemberLang, setMemberStatus, type MemberRow } from '../store/members';
import { closeRequestOf, requestJoin } from '../store/member-requests';
import { listAreas, subscribe, unsubscribe, unsubscribeAll } from '../store/subscriptions';
import { catalog } from './catalog';
import type { Lang } from './commands';
import { DEFAULT_MAX_AREAS, type Ctx } from './context';
import { notifyModerators } from './notify';

/** The sender's member row, created if needed (pending under SUBSCRIBE_MODE=approval). */
export function memberOf(ctx: Ctx): MemberRow {
  if (ctx.member) return ctx.member;
  const status = ctx.deps.subscribeMode === 'approval' ? 'pending' : 'active';
  // act() already looked this sender up and found no row.
  ctx.member = insertMember(ctx.deps.db, ctx.deps.vault, ctx.sender, ctx.lang, ctx.now, status);
  return ctx.member;
}

export function join(ctx: Ctx, tokens: string[]): string {
  let npas: string[];
  if (tokens.length === 0) {
    const own = ctx.sender.phone ? areaCodeOf(ctx.sender.phone) : null;
    if (!own) return ctx.t.joinNeedsArea();
    npas = [own];
  } else {
    const resolved = ctx.deps.regions.resolve(tokens);
    if (!resolved.ok) return ctx.t.unknownArea(resolved.bad);
    npas = resolved.npas;
  }
  const { db } = ctx.deps;
  const maxAreas = ctx.deps.maxAreas ?? DEFAULT_MAX_AREAS;
  if (npas.length > maxAreas) return ctx.t.tooManyAreas(maxAreas);
  const member = memberOf(ctx);
  const approval = ctx.deps.subscribeMode === 'approval';
  if (member.status === 'stopped' || member.status === 'invalid') {
    member.status = approval ? 'pending' : 'active';
    setMemberStatus(db, member.id, member.status);
  }
  const held = listAreas(db, member.id);
  const adding = npas.filter((npa) => !held.includes(npa));
  if (held.length + adding.length > maxAreas) return ctx.t.tooManyAreas(maxAreas);
  // Under approval, every new area waits for a moderator, after admission as before it.
  if (member.status === 'pending' || (approval && adding.length > 0)) {
    const request = requestJoin(db, member.id, adding, ctx.now, maxAreas - held.length);
    if (!request) return ctx.t.tooManyAreas(maxAreas);
    // A request notifies once, however often the applicant repeats JOIN.
    if (request.created) notifyModerators(ctx, { kind: 'join' }, (t) => t.modJoinRequest(`#${request.ref}`, request.npas));
    return ctx.t.joinPending(request.npas);
  }
  subscribe(db, member.id, adding, ctx.now);
  return ctx.t.joined(listAreas(db, member.id));
}

export function leave(ctx: Ctx, tokens: string[]): string {
  if (!ctx.member) return ctx.t.notMember();
  const resolved = ctx.deps.regions.resolve(tokens);
  if (!resolved.ok) return ctx.t.unknownArea(resolved.bad);
  const remaining = unsubscribe(ctx.deps.db, ctx.member.id, resolved.npas);
  return ctx.t.left(resolved.npas, remaining);
}

export function stop(ctx: Ctx): string {
  if (ctx.member) {
    unsubscribeAll(ctx.deps.db, ctx.member.id);
    closeRequestOf(ctx.deps.db, ctx.member.id);
    setMemberStatus(ctx.deps.db, ctx.member.id, 'stopped');
  }
  return ctx.t.stopped();
}

export function areas(ctx: Ctx): string {
  if (!ctx.member) return ctx.t.notMember();
  return ctx.t.areas(listAreas(ctx.deps.db, ctx.member.id));
}

/**
 * DELETE: erases everything keyed to the sender: their member row (with its
 * subscriptions, join request and queued messages), the link to their
 * reports, their rate-limit counters, the replies stored for their retried
 * webhooks and their parked Signal messages. A block stays (it keys nothing
 * else). The WAL is truncated after the commit, so no copy stays there.
 */
export function erase(ctx: Ctx): string {
  const { db } = ctx.deps;
  if (ctx.member) deleteMember(db, ctx.member.id);
  forgetReporter(db, ctx.reporterKey);
  forgetSenderLimits(db, ctx.senderKey);
  forgetSenderReplies(db, ctx.senderKey);
  dropSenderItems(db, ctx.senderKey);
  db.eraseSoon();
  ctx.member = undefined;
  return ctx.t.deleted();
}

export function setLang(ctx: Ctx, lang: Lang): string {
  const member = memberOf(ctx);
  setMemberLang(ctx.deps.db, member.id, lang);
  member.lang = lang;
  return catalog(lang).langSet();
}
