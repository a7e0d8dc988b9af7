/**
 * A buddy's escalation over Signal that went to her number by SMS instead
 * (Signal held or failing: escalation-sms.ts), and that number then stopped
 * SMS (its STOP, perhaps spoofed or a recycled number's, or a carrier
 * opt-out, met perhaps by that very copy): SMS would refuse it, and her link
 * over Signal still stands, so it goes back to Signal.
 */
import { linkCheckinMessage } from './checkins';
import type { Db } from './db';
import { enqueueReply } from './outbox';
import { openCopy } from './outbox-rows';
import type { Vault } from './vault';

/**
 * The SMS copy that met the number's carrier opt-out itself (refused at
 * send, or reported after it): its row id, and its text, read before the
 * failure erased it from the row.
 */
export interface OptedOutCopy {
  id: number;
  body: string;
}

/**
 * The escalation an SMS copy carries for a link of this number's accepted over Signal, unless Signal
 * refused that escalation for good (she left Signal, or it refuses her identity): back there it would
 * be refused again, and her member told "we're still trying" of a message nothing can carry. Only those
 * two refusals (channels/signal/signal-errors.ts): a `rejected:<status>` is a 400 whose text Heads Up
 * does not know, which may not come again.
 */
const SIGNAL_LINK = `JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' JOIN buddies b ON b.id = c.buddy_id
  WHERE o.channel = 'sms' AND b.id IN (SELECT value FROM json_each(?)) AND b.channel = 'signal' AND b.status = 'accepted'
    AND NOT EXISTS (SELECT 1 FROM checkin_messages cs JOIN outbox os ON os.id = cs.outbox_id
      WHERE cs.checkin_id = c.checkin_id AND cs.buddy_id = c.buddy_id AND cs.kind = 'escalation' AND os.channel = 'signal' AND os.state = 'failed'
        AND os.error IN ('invalid:unregistered', 'rejected:untrusted_identity'))`;

/**
 * The SMS copies still waiting of the escalations of this number's links
 * accepted over Signal (`links`: the ids of her links, buddy-numbers.ts) are queued
 * again over Signal, linked to the check-in as they were; each copy fails
 * as 'signal_instead', its text and address erased. One in flight is left
 * to its answer; one that will not open stays (SMS refuses it). `optedOut`,
 * the copy that met the opt-out, goes back too whatever its state or lease
 * (already failed, or leased by the send Twilio refused): it will not be
 * tried again by SMS, and her member would hear she could not be reached
 * while her link over Signal stands; not one withdrawn meanwhile, nor any
 * copy of an escalation Signal refused for good (SIGNAL_LINK). Returns how
 * many went back.
 */
export function escalationsBackToSignal(db: Db, vault: Vault, links: number[], now: number, optedOut?: OptedOutCopy & { address: string }): number {
  const listed = JSON.stringify(links);
  const waiting = db
    .stmt(`SELECT o.id, o.address_ct, o.body_ct, o.key_version, c.checkin_id, c.buddy_id FROM outbox o ${SIGNAL_LINK} AND o.state = 'pending' AND o.lease_until <= ? AND o.id IS NOT ?`)
    .all(listed, now, optedOut?.id ?? null) as Array<{ id: number; address_ct: Buffer | null; body_ct: Buffer | null; key_version: number; checkin_id: number; buddy_id: number }>;
  let n = 0;
  for (const copy of waiting) {
    const opened = openCopy(vault, copy);
    if (!opened) continue;
    backToSignal(db, vault, copy, opened.address, opened.body, now);
    n++;
  }
  if (optedOut) {
    const copy = db
      .stmt(`SELECT o.id, c.checkin_id, c.buddy_id FROM outbox o ${SIGNAL_LINK} AND o.id = ? AND coalesce(o.error, '') <> 'withdrawn'`)
      .get(listed, optedOut.id) as { id: number; checkin_id: number; buddy_id: number } | undefined;
    if (copy) {
      backToSignal(db, vault, copy, optedOut.address, optedOut.body, now);
      n++;
    }
  }
  return n;
}

/** Queues the copy's escalation over Signal, linked as it was; the copy fails as 'signal_instead', its text and address erased. */
function backToSignal(db: Db, vault: Vault, copy: { id: number; checkin_id: number; buddy_id: number }, address: string, body: string, now: number): void {
  linkCheckinMessage(db, enqueueReply(db, vault, { channel: 'signal', address }, body, now), copy.checkin_id, 'escalation', copy.buddy_id);
  db.stmt("UPDATE outbox SET state = 'failed', error = 'signal_instead', lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = ? WHERE id = ?").run(now, copy.id);
}
