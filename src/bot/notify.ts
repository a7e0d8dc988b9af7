/**
 * Queues notices to every moderator, each in their own language, never
 * naming the sender. Notices are capped per period: past the cap, reports
 * and join requests are counted into one digest per moderator, sent at the
 * end of the period ("7 more reports waiting; text PENDING"), so a flood of
 * reports cannot become a flood of texts on the moderators' phones.
 */
import { ensureMember } from '../store/members';
import { dropQueued, holdDigest, linkNotice, openDigest, takeNoticeSlot } from '../store/moderator-notices';
import { enqueueMessage } from '../store/outbox';
import { catalog, type Catalog } from './catalog';
import type { Lang } from './commands';
import { DEFAULT_NOTICE_LIMIT, type Ctx } from './context';

export interface NoticeSubject {
  kind: 'report' | 'join';
  /** The report a notice quotes: the notice is erased once the report is decided or edited. */
  reportId?: number;
}

/** Queues one message per moderator (or updates their digest); the dispatcher sends them after the commit. */
export function notifyModerators(ctx: Ctx, subject: NoticeSubject, text: (t: Catalog, lang: Lang) => string): void {
  const { db, vault, moderatorContacts } = ctx.deps;
  if (moderatorContacts.length === 0) return;
  const limit = ctx.deps.limits.notices ?? DEFAULT_NOTICE_LIMIT;
  const held = takeNoticeSlot(db, subject.kind, limit.max, limit.windowMs, ctx.now);
  for (const contact of moderatorContacts) {
    const member = ensureMember(db, vault, contact, 'en', ctx.now, 'active');
    const t = catalog(member.lang);
    if (held) {
      // One digest per moderator and period, re-queued with the new count.
      const previous = openDigest(db, member.id, held.periodStart);
      if (previous !== undefined) dropQueued(db, previous);
      const id = enqueueMessage(db, vault, member.id, t.modDigest(held.heldReports, held.heldJoins), ctx.now);
      holdDigest(db, id, member.id, held.periodStart, held.periodStart + limit.windowMs);
      continue;
    }
    const id = enqueueMessage(db, vault, member.id, text(t, member.lang), ctx.now);
    if (subject.reportId !== undefined) linkNotice(db, id, subject.reportId);
  }
  db.onCommit(ctx.deps.onQueued);
}
