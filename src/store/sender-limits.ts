/**
 * The per-sender limiter: fixed-window counters per sender and kind, for
 * every limit the line sets (messages, reports, CHECKs, hints, buddy
 * invitations, join notices, a sender's full notices to the moderators). Windows are
 * aligned to the clock (a report limit's window is the line's day, from
 * midnight in its TZ as "try again tomorrow" says; a CHECK limit's the
 * hour), so a stored start says no more than the window does,
 * never the moment of the first event. Events past the limit are not
 * counted, so a flood does not extend its own ban. Keys are blind indexes,
 * never addresses.
 *
 * One rule, two places for the counts: the message limit is checked on
 * every inbound message, and a row written per message halved the speed of
 * a webhook we answer (npm run bench:webhook), so its counts stay in memory
 * (a restart forgives a flood for one window); the other kinds are rare and
 * must survive a restart (a day's report limit), so they are rows.
 */
import { startOfLocalDay } from '../bot/clock-time';
import type { Db } from './db';
import { RepeatMarks } from './repeat-marks';

/** At most `max` events per `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

const DAY_MS = 86_400_000;

/** No limit's window is longer than a day, 25 hours the day clocks go back: a window that started longer ago has ended. */
export const LONGEST_WINDOW_MS = 25 * 3_600_000;

/**
 * Where the window holding `now` starts: a day's at midnight where the line is (a row kept from before, of a UTC
 * day, is another window: replaced at her next take, or erased once a day old); shorter ones on the UTC clock.
 */
function windowStart(now: number, windowMs: number): number {
  return windowMs === DAY_MS ? startOfLocalDay(now) : now - (now % windowMs);
}

/** What is limited. */
export type LimitKind =
  | 'message'
  | 'opt_out'
  | 'report'
  | 'check'
  | 'hint'
  | 'moderator_hint'
  | 'buddy_invite'
  | 'buddy_invite_back'
  | 'join_notice'
  | 'checkin_moderators'
  | 'still_runs'
  | 'edit';

/** Kinds counted in memory. */
const IN_MEMORY: ReadonlySet<LimitKind> = new Set(['message', 'opt_out']);

interface Window {
  start: number;
  count: number;
}

export class SenderLimits {
  private readonly memory = new Map<string, Window>();
  /** Each sender's last message and its answer, under the same key: a repeat is answered twice an hour at most. */
  readonly repeats: RepeatMarks;

  constructor(
    private readonly db: Db,
    /** Most senders counted in memory; past it, ended windows are dropped, then the oldest. */
    private readonly maxMemoryKeys = 100_000,
  ) {
    this.repeats = new RepeatMarks(db, maxMemoryKeys);
  }

  /**
   * Counts `count` events of `kind` from `senderKey` (one CHECK of a sentence is one per identifier); false, counting
   * none, when they would pass `limit` in this window: a request refused whole uses up nothing she had left.
   */
  take(senderKey: Buffer, kind: LimitKind, limit: Limit, now: number, count = 1): boolean {
    const start = windowStart(now, limit.windowMs);
    return IN_MEMORY.has(kind)
      ? this.takeInMemory(`${kind}:${senderKey.toString('base64')}`, start, limit.max, count)
      : this.takeStored(senderKey, kind, start, limit.max, count);
  }

  /** Whether `senderKey` has used up `limit` for `kind` in this window (counts nothing). */
  reached(senderKey: Buffer, kind: LimitKind, limit: Limit, now: number): boolean {
    const start = windowStart(now, limit.windowMs);
    const w = IN_MEMORY.has(kind)
      ? this.memory.get(`${kind}:${senderKey.toString('base64')}`)
      : (this.db.stmt('SELECT window_start AS start, count FROM sender_limits WHERE sender_bidx = ? AND kind = ?').get(senderKey, kind) as Window | undefined);
    return w !== undefined && w.start === start && w.count >= limit.max;
  }

  /** Whether a stored count of `kind` under `senderKey` is of this window (counts nothing). */
  counting(senderKey: Buffer, kind: LimitKind, limit: Limit, now: number): boolean {
    const w = this.db.stmt('SELECT window_start AS start FROM sender_limits WHERE sender_bidx = ? AND kind = ?').get(senderKey, kind) as { start: number } | undefined;
    return w?.start === windowStart(now, limit.windowMs);
  }

  /**
   * Gives back one stored event of `kind` taken at `takenAt` (an invitation that reached no one), if that window is
   * still this one and counts it; the give-backs themselves are counted as `back` under the same limit, so that
   * events given back cannot make the limit endless. Whether one was given back.
   */
  giveBack(senderKey: Buffer, kind: LimitKind, back: LimitKind, limit: Limit, takenAt: number, now: number): boolean {
    const start = windowStart(now, limit.windowMs);
    if (IN_MEMORY.has(kind) || windowStart(takenAt, limit.windowMs) !== start) return false;
    const { db } = this;
    return db.transaction(() => {
      const row = db.stmt('SELECT window_start, count FROM sender_limits WHERE sender_bidx = ? AND kind = ?').get(senderKey, kind) as
        | { window_start: number; count: number }
        | undefined;
      if (!row || row.window_start !== start || row.count < 1 || !this.takeStored(senderKey, back, start, limit.max, 1)) return false;
      db.stmt('UPDATE sender_limits SET count = count - 1 WHERE sender_bidx = ? AND kind = ?').run(senderKey, kind);
      return true;
    });
  }

  /**
   * Erases a sender's stored counts whose window began a day or more ago,
   * so has ended (DELETE; windows are not stored with their length). Those
   * of the last day stay until retention takes them: BLOCK cannot reach a
   * troll who DELETEs after his reports, and were DELETE to reset the counts, DELETE and JOIN again would give a phone
   * five more reports, CHECKs and buddy invitations as often as it liked.
   * The message count stays in memory until its window ends, for the same
   * reason (each answer is a message the line pays for). Her last message's mark goes: it keys what she sent.
   */
  forget(senderKey: Buffer, now: number): void {
    this.repeats.forget(senderKey);
    this.db.stmt('DELETE FROM sender_limits WHERE sender_bidx = ? AND window_start <= ?').run(senderKey, now - LONGEST_WINDOW_MS);
  }

  private takeInMemory(key: string, start: number, max: number, count: number): boolean {
    let w = this.memory.get(key);
    if (!w || w.start !== start) {
      if (count > max) return false;
      if (!w && this.memory.size >= this.maxMemoryKeys) this.prune(start);
      w = { start, count };
      this.memory.set(key, w);
    } else {
      if (w.count + count > max) return false;
      w.count += count;
    }
    // A message whose handling is undone was not answered: it is given back. A Signal message the full disk
    // refused is offered again and again, and counted each time it used up her hour and was dropped unanswered.
    const taken = w;
    this.db.onRollback(() => {
      taken.count = Math.max(0, taken.count - count);
    });
    return true;
  }

  private takeStored(senderKey: Buffer, kind: LimitKind, start: number, max: number, count: number): boolean {
    const { db } = this;
    return db.transaction(() => {
      const row = db.stmt('SELECT window_start, count FROM sender_limits WHERE sender_bidx = ? AND kind = ?').get(senderKey, kind) as
        | { window_start: number; count: number }
        | undefined;
      if (!row || row.window_start !== start) {
        if (count > max) return false;
        db.stmt('INSERT OR REPLACE INTO sender_limits (sender_bidx, kind, window_start, count) VALUES (?, ?, ?, ?)').run(senderKey, kind, start, count);
        return true;
      }
      if (row.count + count > max) return false;
      db.stmt('UPDATE sender_limits SET count = count + ? WHERE sender_bidx = ? AND kind = ?').run(count, senderKey, kind);
      return true;
    });
  }

  /** Makes room: windows that ended go first; if all are live, the oldest tenth is forgotten rather than grow without bound. */
  private prune(start: number): void {
    for (const [k, w] of this.memory) if (w.start < start) this.memory.delete(k);
    let drop = this.memory.size >= this.maxMemoryKeys ? Math.ceil(this.maxMemoryKeys / 10) : 0;
    for (const k of this.memory.keys()) {
      if (drop-- <= 0) break;
      this.memory.delete(k);
    }
  }
}
