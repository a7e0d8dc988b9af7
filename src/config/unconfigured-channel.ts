/**
 * The words for a channel not configured with people or messages on it (its
 * settings removed, the database kept): the start warns in them
 * (parts/channels.ts) and doctor too (cli/doctor-channels.ts), in counts
 * only, naming what to set.
 */
import type { Channel } from '../domain/channel';

/** Who is on a channel, in counts (store/channel-removed.ts onChannel). */
export interface OnChannel {
  members: number;
  buddies: number;
  waiting: number;
}

/** What sets each channel up, as the operator writes it in .env. */
const SETTINGS: Record<Channel, { name: string; variables: string }> = {
  sms: { name: 'SMS', variables: 'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER (or TWILIO_MESSAGING_SERVICE_SID)' },
  signal: { name: 'Signal', variables: 'SIGNAL_API_URL and SIGNAL_NUMBER' },
};

/**
 * The warning for `channel`, not configured, with these on it; null when no
 * one is. `otherSends`: the line still sends on the other channel, which then
 * takes buddies' check-in escalations.
 */
export function unconfiguredChannel(channel: Channel, { members, buddies, waiting }: OnChannel, otherSends: boolean): string | null {
  const parts = [
    [members, 'member', 'members'],
    [buddies, 'buddy', 'buddies'],
    [waiting, 'waiting message', 'waiting messages'],
  ] as const;
  const named = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  if (named.length === 0) return null;
  const who = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  const verb = named.length === 1 && members + buddies + waiting === 1 ? 'is' : 'are';
  const { name, variables } = SETTINGS[channel];
  const other = SETTINGS[channel === 'sms' ? 'signal' : 'sms'].name;
  const fail = 'messages but alerts fail at once';
  const rest = otherSends ? `a check-in escalation goes ${channel === 'sms' ? 'over' : 'by'} ${other} if it can, other ${fail}` : fail;
  return `${name} is not configured, yet ${who} ${verb} on it: they get nothing there until ${variables} are set (${rest})`;
}
