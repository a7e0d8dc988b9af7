/**
 * When a message is judged to have been sent, where timing decides her fate
 * (an OK or LATER against her deadline, an answer against its question's
 * lapse): when the provider's server received it, for a message that waited
 * there (Signal's serverReceivedTimestamp; signal-cli holds what arrives
 * while Heads Up is down), else when it is handled. SMS has no such stamp:
 * Twilio posts at once. The stamp is taken only when it is a safe integer no
 * later than now and no more than a day back: a future or broken stamp must
 * not move anything later than handling would. Outside a catch-up the
 * stamp comes here already moved by this clock's offset from Signal's
 * (signal-skew.ts): the two may disagree (a hardware clock kept in local
 * time), and a live CHECKIN 60 counted from a stamp an hour behind would
 * escalate at once.
 */
import type { Inbound } from './inbound';

/** Oldest stamp believed: a message older than this is judged as it is handled. */
export const MAX_HELD_MS = 24 * 3_600_000;

export function heardAt(msg: Pick<Inbound, 'serverReceivedAt'>, now: number): number {
  const at = msg.serverReceivedAt;
  return typeof at === 'number' && Number.isSafeInteger(at) && at <= now && now - at <= MAX_HELD_MS ? at : now;
}
