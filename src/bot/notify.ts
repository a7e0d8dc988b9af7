/**
 * Queues notices to every moderator, each in their own language, never
 * naming the sender. Notices are capped per period, reports and join
 * requests each on their own (a flood of join requests must not hold back a
 * report's notice): past the cap, they are counted into one digest per
 * moderator, sent at the end of the period ("7 more reports waiting; text
 * PENDING"), so a flood cannot become a flood of texts on the moderators' phones.
 */
import type { Sender } from '../phone/identity';
import { findMember, moderatorMember, personMemberIds } from '../store/members';
import { reachableModerators } from '../store/moderator-identities';
import { dropQueued, dropSettledDigests, holdDigest, holdForDigest, linkJoinNotice, linkNotice, openDigest, takeNoticeSlot } from '../store/moderator-notices';
import { enqueueMessage } from '../store/outbox';
import { catalog } from './catalog';
import type { Limit } from './context';
import type { Notice, Store } from './handler';

export type { NoticeSubject } from './handler';

/**
 * Queues one message per moderator (or updates their digest) inside the
 * caller's transaction; returns whether anything was queued.
 */
export function notifyModerators(store: Store, contacts: readonly Sender[], limit: Limit, notice: Notice, now: number): boolean {
  const { db, vault } = store;
  const self = isSelf(store, notice.except);
  const reachable = reachableModerators(db, vault, contacts).filter((c) => !self(c));
  if (reachable.length === 0) return false;
  const held = notice.uncapped ? null : takeNoticeSlot(db, notice.subject.kind, limit.max, limit.windowMs, now, notice.digestOnly);
  // The digest knows what it counted: it is dropped once each of those is decided or closed.
  if (held) holdForDigest(db, held.periodStart, notice.subject);
  for (const contact of reachable) {
    const member = moderatorMember(store.db, store.vault, contact, now);
    const t = catalog(member.lang);
    if (held) {
      // One digest per moderator and period, re-queued with the new count.
      const previous = openDigest(db, member.id, held.periodStart);
      if (previous !== undefined) dropQueued(db, previous);
      const id = enqueueMessage(db, vault, member.id, t.modDigest(held.heldReports, held.heldJoins), now);
      holdDigest(db, id, member.id, held.periodStart, held.periodStart + limit.windowMs);
      continue;
    }
    const id = enqueueMessage(db, vault, member.id, notice.text(t, member.lang), now);
    if (notice.subject.reportId !== undefined) linkNotice(db, id, notice.subject.reportId);
    if (notice.subject.requestId !== undefined) linkJoinNotice(db, id, notice.subject.requestId);
  }
  return true;
}

/**
 * Whether a contact is the moderator a notice leaves out: her address, or her
 * other membership (listed by her number and by her Signal UUID, her number
 * shown there: one person on one phone, README).
 */
function isSelf({ db, vault }: Store, except: Sender | undefined): (contact: Sender) => boolean {
  if (!except) return () => false;
  const me = findMember(db, vault, except);
  const mine = me ? personMemberIds(db, me.id) : [];
  return (contact) => contact.address === except.address || (mine.length > 1 && mine.includes(findMember(db, vault, contact)?.id ?? 0));
}

/**
 * A report or request decided, or closed by its sender: a digest still queued whose reports and requests are all
 * decided or closed would tell of none (others, notified one by one and still waiting, are not what it counted).
 */
export function dropDigestsIfNothingWaits(db: Store['db']): void {
  dropSettledDigests(db);
}
