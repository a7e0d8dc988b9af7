/** Where each moderator's notices go: the server and the operator's console tell the same moderators. */
import { isSignalUuid, type Channel, type Sender } from '../phone/identity';
import type { Config, Secrets } from './env';
import { adminCommand } from '../util/admin-command';

/**
 * The address book entry moderators are reached at, from their MODERATORS
 * form: a UUID over Signal; a number by SMS, or over Signal (which takes
 * numbers as recipients) when only Signal sends (no Twilio: her notices
 * reach her, though her answers are not taken, unheardModerators).
 */
function moderatorContact(id: string, sends: (channel: Channel) => boolean): Sender {
  if (isSignalUuid(id)) return { channel: 'signal', address: id };
  return !sends('sms') && sends('signal') ? { channel: 'signal', address: id, phone: id } : { channel: 'sms', address: id, phone: id };
}

/** Each moderator's address, on the channels the line sends through (`sends`) only. */
export function moderatorContacts(config: Config, sends: (channel: Channel) => boolean): Sender[] {
  return config.moderators.map((id) => moderatorContact(id, sends)).filter((c) => sends(c.channel));
}

/**
 * What is wrong with moderators listed by number on a line where only Signal
 * sends: her notices reach her number over Signal, but over Signal a
 * moderator is known by her UUID only (the number an envelope shows is no
 * proof), so none of her answers is taken as a moderator's. Warned at start
 * and failed by doctor in these words, by position, never the number; not
 * refused (that took a running line down at upgrade). Null when none is.
 */
export function unheardModerators(config: Config, sends: (channel: Channel) => boolean): string | null {
  if (sends('sms') || !sends('signal')) return null;
  const positions = config.moderators.flatMap((id, i) => (isSignalUuid(id) ? [] : [i + 1]));
  if (positions.length === 0) return null;
  const which = positions.length === 1 ? `entry ${positions[0]} is a number` : `entries ${positions.join(', ')} are numbers`;
  return (
    `MODERATORS: ${which}, but without Twilio moderators are on Signal, listed by their Signal UUID: ` +
    "her notices reach her number over Signal, but no answer of hers is taken as a moderator's. " +
    `Have her message the bot, then run ${adminCommand('signal-uuid')} with her number: it prints her UUID (docs/signal.md)`
  );
}

/**
 * Whether SMS goes to the console: outside production, on a line with no
 * provider at all. Never beside Signal: a Signal escalation falling back "by
 * SMS" would be printed and counted as sent, and she never told.
 */
export function consoleSms(config: Config, secrets: Secrets): boolean {
  return config.nodeEnv !== 'production' && config.signal === undefined && !(config.twilio !== undefined && secrets.twilioAuthToken !== undefined);
}

/** Whether the server sends through a channel with this configuration: Twilio (or the console, consoleSms) for SMS; Signal when configured. */
export function serverSends(config: Config, secrets: Secrets, channel: Channel): boolean {
  if (channel === 'signal') return config.signal !== undefined;
  return (config.twilio !== undefined && secrets.twilioAuthToken !== undefined) || consoleSms(config, secrets);
}
