/**
 * Where an operator looks when a channel's provider answers yet fails every send (an outage): its own
 * status, not the line's setup. One wording for the log's warning (outbox/outage-watch.ts) and doctor's FAIL.
 */
import type { Channel } from '../domain/channel';

export const WHERE_TO_LOOK: Record<Channel, string> = {
  sms: "check status.twilio.com and the Twilio console's error log",
  signal: "check signal-cli-rest-api's logs (docker logs) and that it reaches Signal's servers",
};
