/**
 * Check-in escalations withdrawn from a buddy link that ended (the member's
 * BUDDY OFF, the buddy's DECLINE, DELETE or STOP): apart from buddies.ts and
 * buddy-erasure.ts, which both withdraw, so that neither imports the other.
 */
import type { Db } from './db';

/**
 * The check-in escalations of these links (`links`, ids or a query of
 * them), by whatever lane they go (a Signal link's copy by SMS is the
 * link's): one still waiting to go to someone no longer her buddy fails,
 * withdrawn, its text and address erased (not the row: the timers tell her,
 * as for a buddy who refused for good, that it reached no one); one sent
 * but not yet final keeps their address, to go again if "undelivered": it
 * is forgotten. Returns how many rows changed.
 */
export function withdrawEscalations(db: Db, links: string, keys: Array<number | Buffer | string>): number {
  const escalations = `SELECT outbox_id FROM checkin_messages WHERE kind = 'escalation' AND buddy_id IN (${links})`;
  const withdrawn = db
    .stmt(`UPDATE outbox SET state = 'failed', error = 'withdrawn', body_ct = NULL, address_ct = NULL, lease_until = 0 WHERE state = 'pending' AND id IN (${escalations})`)
    .run(...keys).changes;
  return withdrawn + db.stmt(`UPDATE outbox SET address_ct = NULL WHERE state = 'sent' AND address_ct IS NOT NULL AND id IN (${escalations})`).run(...keys).changes;
}
