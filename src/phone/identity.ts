/**
 * Canonical identities. A person is reached over a channel at an address:
 * an E.164 number for SMS, a Signal UUID (with a number when they show it)
 * for Signal. Blind indexes are computed over these canonical strings.
 */
import type { Channel } from '../domain/channel';
import { toE164 } from './numbers';

export type { Channel };

/** Who sent a message, as the channel adapter could establish it. */
export interface Sender {
  channel: Channel;
  /** E.164 for SMS; lower-case UUID for Signal. */
  address: string;
  /** The sender's E.164 number where known (always for SMS, sometimes for Signal). */
  phone?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a string is a Signal service id (a UUID). */
export function isSignalUuid(s: string): boolean {
  return UUID.test(s.toLowerCase());
}

/** The canonical form of a MODERATORS entry (E.164 or lower-case UUID), or null. */
export function canonicalModerator(entry: string): string | null {
  if (isSignalUuid(entry)) return entry.toLowerCase();
  if (!entry.startsWith('+')) return null;
  return toE164(entry);
}

/** The string a member's blind index is computed over: unique per channel and address. */
export function memberKey(sender: Pick<Sender, 'channel' | 'address'>): string {
  return `${sender.channel}:${sender.address}`;
}

/**
 * The string a sender's number is known by on both channels: an SMS sender's
 * own key, and a Signal sender's when their number shows. BLOCK and the
 * per-sender limits hold it, as the line treats the two channels of one
 * number as one person. A Signal sender hiding their number has only their own.
 */
export function numberKey(sender: Sender): string {
  return sender.phone ? memberKey({ channel: 'sms', address: sender.phone }) : memberKey(sender);
}
