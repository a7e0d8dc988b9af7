/**
 * Step 1: recognise a message handled before. Providers retry (a Twilio
 * webhook whose answer was slow) and redeliver (Signal after a reconnect):
 * the same provider id is acted on once, and answered the way it was then.
 */
import type { InboundLog } from '../../store/inbound-log';
import type { Inbound } from '../inbound';

/** What the record says of a message: its key (when it has a provider id) and the earlier reply, if it was handled. */
export interface Seen {
  key?: Buffer;
  /** undefined: new; null: handled with no reply; a string: the reply given then. */
  previous?: string | null;
}

export function recogniseRetry(log: InboundLog, msg: Inbound, now: number): Seen {
  if (msg.providerId === undefined) return {};
  const key = log.key(msg.sender.channel, msg.providerId);
  return { key, previous: log.previousReply(key, now) };
}
