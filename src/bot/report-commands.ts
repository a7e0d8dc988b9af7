/** REPORT and CHECK: what members send in and look up. */
import { alertSegments, cleanAlertText, MAX_ALERT_SEGMENTS, renderAlert } from '../alerts/alert-text';
import { areaCodeOf, isAreaCode, toE164 } from '../phone/numbers';
import { lookupNumber } from '../store/screening';
import { createReport } from '../store/reports';
import { takeLimit } from '../store/sender-limits';
import { listAreas } from '../store/subscriptions';
import { DEFAULT_MAX_AREAS, type Ctx } from './context';
import { notifyModerators } from './notify';

/** Longest report text kept; providers cap a message at 1,600 characters anyway. */
export const MAX_REPORT_TEXT = 1600;

export function report(ctx: Ctx, given: string[], text: string): string {
  const { db, vault, limits } = ctx.deps;
  const bad = given.find((npa) => !isAreaCode(npa));
  if (bad) return ctx.t.unknownArea(bad);
  let npas = [...new Set(given)].sort();
  const maxAreas = ctx.deps.maxAreas ?? DEFAULT_MAX_AREAS;
  if (npas.length > maxAreas) return ctx.t.tooManyAreas(maxAreas);
  if (npas.length === 0 && ctx.member) npas = listAreas(db, ctx.member.id);
  if (npas.length === 0) {
    const own = ctx.sender.phone ? areaCodeOf(ctx.sender.phone) : null;
    if (!own) return ctx.t.reportNeedsArea();
    npas = [own];
  }
  // Kept as members would read it: no invisible characters, so what the
  // moderator sees, what goes out and what CHECK finds are the same text.
  const body = Array.from(cleanAlertText(text)).slice(0, MAX_REPORT_TEXT).join('');
  if (body === '') return ctx.t.reportNeedsText();
  if (!takeLimit(db, ctx.senderKey, 'report', limits.reports.max, limits.reports.windowMs, ctx.now)) return ctx.t.reportLimit();
  const { id, ref } = createReport(db, vault, { npas, text: body, reporterKey: ctx.reporterKey }, ctx.now);
  const segments = alertSegments(npas, body);
  notifyModerators(ctx, { kind: 'report', reportId: id }, (t, lang) =>
    segments <= MAX_ALERT_SEGMENTS
      ? t.modNotice(`#${ref}`, renderAlert(lang, npas, body), segments)
      : t.modNoticeTooLong(`#${ref}`, npas, segments, body),
  );
  return ctx.t.reportReceived(`#${ref}`);
}

export function check(ctx: Ctx, query: string): string {
  const { db, vault, limits } = ctx.deps;
  if (!ctx.member || ctx.member.status !== 'active' || listAreas(db, ctx.member.id).length === 0) return ctx.t.membersOnly();
  const e164 = toE164(cleanAlertText(query).slice(0, 40));
  if (!e164) return ctx.t.checkNeedsNumber();
  if (!takeLimit(db, ctx.senderKey, 'check', limits.checks.max, limits.checks.windowMs, ctx.now)) return ctx.t.checkLimit();
  const since = ctx.now - ctx.deps.retentionDays * 86_400_000;
  const found = lookupNumber(db, vault, e164, since);
  return found ? ctx.t.checkFound(found) : ctx.t.checkNone();
}
