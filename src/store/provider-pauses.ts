/**
 * A provider's pauses that outlive a restart (line_settings): when a lane's
 * pause of the whole account ends, and how many Signal rate-limit windows
 * came in a row. A server restarting in a loop must neither send a batch
 * straight into the limit nor start the growing pause again at its first
 * step (a longer limit, a captcha). What is read back is bounded: a value
 * that does not parse is no pause.
 */
import type { Channel } from '../domain/channel';
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import type { Db } from './db';
import { clearLineSetting, readLineSetting, writeLineSetting } from './line-settings';

/** A pause: when it ends, and how long it was asked for (a clock stepped back never makes it longer). */
export interface StoredPause {
  until: number;
  ms: number;
}

const pauseName = (channel: Channel) => (channel === 'sms' ? 'sms_paused_until' : 'signal_paused_until');

/** The lane's pause on record, or null for none (or one that does not parse). */
export function readLanePause(db: Db, channel: Channel): StoredPause | null {
  const m = /^(\d{1,16}):(\d{1,10})$/.exec(readLineSetting(db, pauseName(channel)) ?? '');
  return m ? { until: Number(m[1]), ms: Number(m[2]) } : null;
}

export function writeLanePause(db: Db, channel: Channel, pause: StoredPause): void {
  writeLineSetting(db, pauseName(channel), `${Math.round(pause.until)}:${Math.round(pause.ms)}`);
}

export function clearLanePause(db: Db, channel: Channel): void {
  clearLineSetting(db, pauseName(channel));
}

/** Past this many windows in a row the pause is at its cap whatever the count (util/backoff.ts). */
const MAX_LEVEL = 40;

/**
 * Signal's rate-limit windows in a row, as the Signal sender's rate limit
 * keeps them (channels/signal/signal-rate-limit.ts): read at start, written
 * at each change. A busy database costs only the record, never the send.
 */
export function signalPauseLevels(db: Db, log: Logger): { load(): number; save(level: number): void } {
  return {
    load() {
      const v = readLineSetting(db, 'signal_pause_level') ?? '';
      return /^\d{1,3}$/.test(v) ? Math.min(Number(v), MAX_LEVEL) : 0;
    },
    save(level) {
      try {
        if (level > 0) writeLineSetting(db, 'signal_pause_level', String(level));
        else clearLineSetting(db, 'signal_pause_level');
      } catch (err) {
        log.error({ err: safeError(err) }, "recording Signal's rate-limit windows failed: a restart now would start them again");
      }
    },
  };
}
