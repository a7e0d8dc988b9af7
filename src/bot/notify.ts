/** Queues notices to every moderator, each in their own language, never naming the sender. */
import { ensureMember } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { catalog, type Catalog } from './catalog';
import type { Ctx } from './context';

/** Queues one message per moderator; the dispatcher sends them after the commit. */
export function notifyModerators(ctx: Ctx, text: (t: Catalog) => string): void {
  const { db, vault } = ctx.deps;
  for (const contact of ctx.deps.moderatorContacts) {
    const member = ensureMember(db, vault, contact, 'en', ctx.now, 'active');
    enqueueMessage(db, vault, member.id, text(catalog(member.lang)), ctx.now);
  }
  if (ctx.deps.moderatorContacts.length) db.onCommit(ctx.deps.onQueued);
}
