/**
 * doctor's look at a channel not configured with people or messages on it
 * (its settings removed, the database kept): a warning in the start's words
 * (config/unconfigured-channel.ts), counts only. A warning, as at start: the
 * operator may have meant to drop the channel.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../domain/channel';
import { unconfiguredChannel, type OnChannel } from '../config/unconfigured-channel';
import { onChannel } from '../store/channel-removed';
import { warn, type CheckResult } from './doctor-check';

/** A warning for each channel the line does not send on (`sends`) that people or messages are on. */
export function checkChannels(db: Database.Database, sends: (channel: Channel) => boolean): CheckResult[] {
  return (['sms', 'signal'] as const).flatMap((channel) => {
    if (sends(channel)) return [];
    let counts: OnChannel;
    try {
      counts = onChannel(db, channel);
    } catch (err) {
      // A schema older than buddies or the outbox's lanes has nothing to count: the migrations check names it.
      if (/no such (table|column|index)/.test((err as Error).message)) return [];
      throw err;
    }
    const words = unconfiguredChannel(channel, counts, sends(channel === 'sms' ? 'signal' : 'sms'));
    return words ? [warn('channels', words)] : [];
  });
}
