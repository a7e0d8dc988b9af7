/** Commands any sender can use about their own membership: JOIN, LEAVE, STOP, AREAS, DELETE, LANG. */
import { areaCodeOf } from '../phone/numbers';
import { forgetReporter } from '../store/reports';
import { endConversation, saveConversation } from '../store/conversations';
import { deleteMember, insertMember, memberIndex, setMemberLang, setMemberStatus, type MemberRow } from '../store/members';
import { closeRequestOf, requestJoin } from '../store/member-requests';
import { listAreas, subscribe, unsubscribe, unsubscribeAll } from '../store/subscriptions';
import { catalog } from './catalog';
import type { Lang } from './commands';
import type { Ctx } from './context';
import { joinAreaQuestion } from './dialogues';
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
    if (!own) {
      // No number, or one outside North America: ask, and the answer completes the join.
      saveConversation(ctx.deps.db, ctx.deps.vault, memberIndex(ctx.deps.vault, ctx.sender), joinAreaQuestion(ctx.lang, ctx.now), ctx.now);
      return ctx.t.joinWhichArea();
    }
    npas = [own];
  } else {
    const resolved = ctx.deps.regions.resolve(tokens);
    if (!resolved.ok) return ctx.t.unknownArea(resolved.bad);
    npas = resolved.npas;
  }
  const { db } = ctx.deps;
  const member = memberOf(ctx);
  if (member.status === 'stopped' || member.status === 'invalid') {
    member.status = ctx.deps.subscribeMode === 'approval' ? 'pending' : 'active';
    setMemberStatus(db, member.id, member.status);
  }
  if (member.status === 'pending') {
    const ref = requestJoin(db, member.id, npas, ctx.now);
    notifyModerators(ctx, (t) => t.modJoinRequest(`#${ref}`, npas));
    return ctx.t.joinPending(npas);
  }
  subscribe(db, member.id, npas, ctx.now);
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
  endConversation(ctx.deps.db, memberIndex(ctx.deps.vault, ctx.sender));
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

export function erase(ctx: Ctx): string {
  if (ctx.member) deleteMember(ctx.deps.db, ctx.member.id);
  forgetReporter(ctx.deps.db, ctx.reporterKey);
  endConversation(ctx.deps.db, memberIndex(ctx.deps.vault, ctx.sender));
  ctx.deps.db.eraseSoon();
  ctx.member = undefined;
  return ctx.t.deleted();
}

export function setLang(ctx: Ctx, lang: Lang): string {
  const member = memberOf(ctx);
  setMemberLang(ctx.deps.db, member.id, lang);
  member.lang = lang;
  return catalog(lang).langSet();
}
