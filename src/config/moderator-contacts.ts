/** Where each moderator's notices go: the server and the operator's console tell the same moderators. */
import { isSignalUuid, type Channel, type Sender } from '../phone/identity';
import type { Config, Secrets } from './env';

/**
 * The address book entry moderators are reached at, from their MODERATORS
 * form: a UUID over Signal; a number by SMS, or over Signal (which takes
 * numbers as recipients) when only Signal is configured. A moderator on both
 * who wants notices on Signal lists their UUID instead of their number.
 */
function moderatorContact(id: string, config: Config): Sender {
  if (isSignalUuid(id)) return { channel: 'signal', address: id };
  return !config.twilio && config.signal ? { channel: 'signal', address: id, phone: id } : { channel: 'sms', address: id, phone: id };
}

/** Each moderator's address, on the channels the line sends through (`sends`) only. */
export function moderatorContacts(config: Config, sends: (channel: Channel) => boolean): Sender[] {
  return config.moderators.map((id) => moderatorContact(id, config)).filter((c) => sends(c.channel));
}

/** Whether the server sends through a channel with this configuration: Twilio (or, outside production, the console) for SMS; Signal when configured. */
export function serverSends(config: Config, secrets: Secrets, channel: Channel): boolean {
  if (channel === 'signal') return config.signal !== undefined;
  return (config.twilio !== undefined && secrets.twilioAuthToken !== undefined) || config.nodeEnv !== 'production';
}
