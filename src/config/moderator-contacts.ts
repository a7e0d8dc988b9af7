/** Where each moderator's notices go: the server and the operator's console tell the same moderators. */
import { isSignalUuid, type Channel, type Sender } from '../phone/identity';
import type { Config, Secrets } from './env';

/**
 * The address book entry moderators are reached at, from their MODERATORS
 * form: a UUID over Signal, a number by SMS (readConfig refuses a number on
 * a line with Signal and no Twilio: her answers there come by UUID).
 */
function moderatorContact(id: string): Sender {
  return isSignalUuid(id) ? { channel: 'signal', address: id } : { channel: 'sms', address: id, phone: id };
}

/** Each moderator's address, on the channels the line sends through (`sends`) only. */
export function moderatorContacts(config: Config, sends: (channel: Channel) => boolean): Sender[] {
  return config.moderators.map(moderatorContact).filter((c) => sends(c.channel));
}

/** Whether the server sends through a channel with this configuration: Twilio (or, outside production, the console) for SMS; Signal when configured. */
export function serverSends(config: Config, secrets: Secrets, channel: Channel): boolean {
  if (channel === 'signal') return config.signal !== undefined;
  return (config.twilio !== undefined && secrets.twilioAuthToken !== undefined) || config.nodeEnv !== 'production';
}
