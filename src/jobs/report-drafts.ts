/**
 * Guided reports left unanswered: a draft lapses 30 minutes after its last
 * answer. If it says what happened it is filed with what it has (and the
 * moderators told, as for any report); otherwise, or when it has no area to
 * go to, it is dropped. Either way the member is told why, in the draft's
 * language: nothing is lost silently; a member who chose DISCREET, as
 * plainly as her alerts (the notice arrives unasked).
 */
import { catalog } from '../bot/catalog';
import { DEFAULT_NOTICE_LIMIT } from '../bot/context';
import type { Store } from '../bot/handler';
import type { LineRules } from '../bot/line-rules';
import { notifyModerators } from '../bot/notify';
import { draftFiler, fileDraft } from '../bot/report-commands';
import { draftOf } from '../bot/report-dialogue';
import { reportRules } from '../bot/run-command';
import type { Channel } from '../domain/channel';
import { isBlocked } from '../store/blocks';
import { memberDiscreet, otherChannelMember } from '../store/members';
import { endConversation, lapsedConversations } from '../store/conversations';
import { enqueueMessage, enqueueReply } from '../store/outbox';

/** Drafts handled per run; the rest wait for the next minute. */
const BATCH = 100;

/** Files or drops every lapsed report draft (or `only` that sender's), in the caller's transaction; returns the counts. */
export function expireReportDrafts(store: Store, rules: LineRules, now: number, only: Buffer | null = null): { filed: number; dropped: number } {
  const { db, vault } = store;
  let filed = 0;
  let dropped = 0;
  let queued = false;
  for (const { key, conversation } of lapsedConversations(db, vault, now, BATCH, only)) {
    endConversation(db, key);
    // One that will not open tells us nothing, not even whom to tell: it is only erased.
    if (conversation?.topic !== 'report') continue;
    const t = catalog(conversation.lang);
    const draft = draftOf(conversation);
    const filer = draftFiler(conversation);
    // A sender blocked since they started: dropped silently, as their messages are.
    if (filer && isBlocked(db, filer.reporterKey)) {
      dropped++;
      continue;
    }
    let reply = t.reportDraftDropped();
    let filedRef: string | undefined;
    if (draft && filer && draft.categories.length > 0) {
      const result = fileDraft(store, reportRules(rules), filer, draft, now);
      if ('ref' in result) {
        reply = t.reportDraftFiled(result.ref);
        filedRef = result.ref;
        queued = notifyModerators(store, rules.moderatorContacts, rules.limits.notices ?? DEFAULT_NOTICE_LIMIT, result.notify, now) || queued;
        filed++;
      } else {
        reply = result.why === 'limit' ? t.reportLimit() : t.reportDraftNoArea();
        dropped++;
      }
    } else {
      dropped++;
    }
    const a = conversation.answers;
    const memberId = filer?.memberId ?? null;
    const member = memberId !== null && db.stmt('SELECT 1 FROM members WHERE id = ?').get(memberId) !== undefined;
    // Unasked, half an hour on, perhaps beside the client: as plain as her alerts. Written from a channel she
    // has no membership on, her number showing: her other channel's (one person, one phone), as check-ins do.
    const channel = a.channel === 'sms' || a.channel === 'signal' ? (a.channel as Channel) : undefined;
    const twin = !member && channel && filer?.phone ? otherChannelMember(db, vault, { channel, address: a.address ?? '', phone: filer.phone }) : undefined;
    const person = member ? (memberId as number) : twin;
    if (person !== undefined && memberDiscreet(db, person)) reply = filedRef ? t.discreetDraftFiled(filedRef) : t.discreetDraftDropped();
    if (member) enqueueMessage(db, vault, memberId as number, reply, now);
    else if ((a.channel === 'sms' || a.channel === 'signal') && a.address) enqueueReply(db, vault, { channel: a.channel as Channel, address: a.address }, reply, now);
    queued = true;
  }
  if (queued) db.onCommit(rules.onQueued);
  if (filed + dropped > 0) db.eraseSoon();
  return { filed, dropped };
}
