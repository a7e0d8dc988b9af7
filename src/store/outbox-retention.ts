/**
 * Retention's share of the outbox: the addresses and texts of sent SMS
 * forgotten once no retry can come, and rows no lane will ever claim erased.
 */
import type { Db } from './db';
import { PRIORITY } from './outbox-rows';

/**
 * Which sent SMS no status report can still need (SQL; @before, @limitedBefore):
 * sent before `before` (updated_at, its send time until a report moves it on:
 * every final status comes within Twilio's validity period of the send, and an
 * SMS queued in an outage is sent late), and, for one a daily cap made due
 * again (63038, retried while under a day old; daily_capped), also queued before
 * `limitedBefore`, or its next re-send would find nothing and fail for good.
 */
const DONE_WITH = 'updated_at < @before AND (daily_capped = 0 OR created_at < @limitedBefore)';

/**
 * Forgets the addresses of SMS sent straight to them once no report can send
 * them again: a line whose status callbacks never arrive keeps none past the
 * unreachable retry's window after the send. Returns how many.
 */
export function forgetSentAddresses(db: Db, before: number, limitedBefore: number): number {
  return db
    .stmt(`UPDATE outbox INDEXED BY outbox_sent_addressed SET address_ct = NULL WHERE state = 'sent' AND address_ct IS NOT NULL AND ${DONE_WITH}`)
    .run({ before, limitedBefore }).changes;
}

/**
 * Forgets the texts of SMS sent once no report can send them again: a
 * message whose final status never arrives keeps its text as long as its
 * address (forgetSentAddresses). Returns how many.
 */
export function forgetSentTexts(db: Db, before: number, limitedBefore: number): number {
  return db
    .stmt(`UPDATE outbox INDEXED BY outbox_sent_texts SET body_ct = NULL WHERE state = 'sent' AND body_ct IS NOT NULL AND ${DONE_WITH}`)
    .run({ before, limitedBefore }).changes;
}

/**
 * Erases at most `limit` rows still waiting whose due time is before
 * `before`: rows no lane ever claimed (their channel is no longer
 * configured). A claim or a retry moves a row's due time, and a running lane
 * fails a row for good within hours, so nothing a lane is working on is
 * this old. Found through the lane index. Returns how many.
 */
export function eraseStranded(db: Db, before: number, limit: number): number {
  const erase = db.stmt(
    "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_lane WHERE channel = ? AND priority = ? AND state = 'pending' AND due_at < ? LIMIT +?)",
  );
  let erased = 0;
  for (const channel of ['sms', 'signal'] as const) {
    for (const priority of [PRIORITY.urgent, PRIORITY.bulk]) erased += erase.run(channel, priority, before, limit - erased).changes;
  }
  return erased;
}
