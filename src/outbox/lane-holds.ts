/**
 * When a lane stops for a while, and what goes by SMS meanwhile: a hold for
 * a fault of the line's own (its credentials or sender refused), a
 * provider's pause of the whole account (Signal's 429 naming its wait; kept
 * across a restart: store/provider-pauses.ts), and, while the Signal lane is
 * held or paused, the alerts for people also on SMS and buddies' check-in
 * escalations moved to SMS (outbox/lane.ts sends; this decides).
 */
import type { Channel } from '../domain/channel';
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import { moveTwinAlertBatch, TWIN_START, type TwinCursor } from '../store/alerts';
import type { Db } from '../store/db';
import { moveEscalationsToSms } from '../store/escalation-sms';
import type { ClaimedRow } from '../store/outbox';
import { clearLanePause, readLanePause, writeLanePause } from '../store/provider-pauses';
import type { Vault } from '../store/vault';
import { backoffDelay } from '../util/backoff';
import type { DispatcherOptions, DispatchObserver } from './dispatcher';
import type { Recorded } from './outcome-writer';
import type { Pacer } from './pacer';

/**
 * A fault that comes and goes (a Messaging Service not taking messages, 21702) begins a hold at
 * each return: it is raised as an error once within this while, the holds after it as warnings,
 * so the operator is not paged again and again for the same fault.
 */
const REALARM_MS = 60 * 60_000;

/** What the holds (and a lane's failures, lane-failures.ts) read and write: the lane's store, options, clock and observer. */
export interface LaneHoldDeps {
  db: Db;
  vault: Vault;
  log: Logger;
  opts: DispatcherOptions;
  observer?: DispatchObserver;
  now: () => number;
  /**
   * Whether the line sends SMS (false: its Twilio configuration removed, the
   * database kept): nothing is moved to SMS, and a Signal copy's person on
   * both channels is never handed to an SMS membership no lane would send to.
   */
  smsSends?: boolean;
}

export class LaneHolds {
  /** Holds in a row for a fault of the line's own (0: none); while any, a single message at a time tries. */
  private lineFaults = 0;
  /** When the current hold ends: answers of sends made before it began do not lengthen it. */
  private heldUntil = 0;
  /** When the current provider pause (an account-wide 429's) ends. */
  private pausedUntil = 0;
  /** When a held or paused Signal lane next moves the alerts planned meanwhile for people also on SMS. */
  private nextSweep = 0;
  /** Where the pass of moving them has come to (null: the next pass starts afresh); one batch per sweep. */
  private twinCursor: TwinCursor | null = null;
  /** The last hold raised as an error: when, and for what (another fault is raised at once). */
  private alarm: { at: number; reason: string } | null = null;

  constructor(
    private readonly channel: Channel,
    private readonly pacer: Pacer,
    private readonly deps: LaneHoldDeps,
  ) {
    this.restorePause();
  }

  /** A pause on record from before a restart: the lane keeps to what is left of it (never more than was asked). */
  private restorePause(): void {
    const { db, now } = this.deps;
    const stored = readLanePause(db, this.channel);
    if (!stored) return;
    const left = Math.min(stored.until - now(), stored.ms);
    if (left <= 0) return clearLanePause(db, this.channel);
    this.pausedUntil = now() + left;
    this.pacer.pauseFor(left);
  }

  /** Records the pause (or its end), so that a restart keeps to it; a busy database only costs that. */
  private recordPause(pause: { until: number; ms: number } | null): void {
    try {
      if (pause) writeLanePause(this.deps.db, this.channel, pause);
      else clearLanePause(this.deps.db, this.channel);
    } catch (err) {
      this.deps.log.error({ err: safeError(err), channel: this.channel }, "recording the provider's pause failed: a restart now would not keep to it");
    }
  }

  /** Whether the lane is held for the line's own fault (one message at a time finds out whether it is fixed). */
  get held(): boolean {
    return this.lineFaults > 0;
  }

  /**
   * The wall clock stepped back by `step`: a hold, a pause and the next sweep keep their distance
   * from now, as waiting messages do. A hold ending an hour ahead would make every refusal "the
   * same hold", and the held row be tried back to back.
   */
  clockSteppedBack(step: number): void {
    this.heldUntil = Math.max(0, this.heldUntil - step);
    this.pausedUntil = Math.max(0, this.pausedUntil - step);
    this.nextSweep = Math.max(0, this.nextSweep - step);
    if (this.alarm) this.alarm.at -= step;
  }

  /** A pause or hold was cut short (a Signal captcha solved): a refusal after this starts a new one. */
  cutShort(): void {
    this.heldUntil = 0;
    this.pausedUntil = 0;
    this.recordPause(null);
  }

  /**
   * The provider paused the line's account for a message sent beside the
   * lane (a Signal remote delete answered 429): the lane pauses as for a
   * send's 429, and people on SMS too get the alerts waiting here by SMS.
   */
  providerPause(ms: number): void {
    if (!this.beginPause(ms)) return;
    // The sweep moves them now (a first batch), and again while the pause lasts.
    this.nextSweep = 0;
    this.twinCursor = null;
    this.sweep();
  }

  /** Pauses the lane for `ms` (a provider's 429 naming its wait); true when this starts a pause rather than meets one running. */
  beginPause(ms: number): boolean {
    const fresh = this.deps.now() >= this.pausedUntil;
    this.pausedUntil = this.deps.now() + ms;
    this.pacer.pauseFor(ms);
    this.recordPause({ until: this.pausedUntil, ms });
    return fresh;
  }

  /**
   * The provider refused the line's own credentials or sender: every message
   * would fail alike, and none is the recipient's fault. The row goes back
   * without using a try, the lane pauses by the backoff, then one message
   * tries; only the operator's fix (or a restart with it) ends the hold.
   */
  hold(row: ClaimedRow, reason: string, fault?: string): Recorded {
    const { opts, log, observer, now } = this.deps;
    const fresh = now() >= this.heldUntil;
    if (fresh) {
      this.lineFaults++;
      const holdMs = backoffDelay(opts.lineBackoff, this.lineFaults);
      this.heldUntil = now() + holdMs;
      this.pacer.pauseFor(holdMs);
      const fields = { channel: row.channel, reason, holdMs, holds: this.lineFaults };
      const what = fault ?? 'its credentials or sender (see `doctor`)';
      if (this.lineFaults === 1) {
        const msg = `the provider refuses the line's own setup: ${what}: sending on this channel is held until the operator fixes it; no message is lost`;
        if (this.alarm?.reason === reason && now() - this.alarm.at < REALARM_MS) log.warn(fields, `${msg} (again within the hour)`);
        else {
          log.error(fields, msg);
          this.alarm = { at: now(), reason };
        }
      } else log.warn(fields, `the provider still refuses the line's own setup: ${what}; sending stays held`);
    }
    observer?.outcome(row.channel, 'held', reason);
    const held: Recorded = { outcome: { id: row.id, kind: 'held', error: reason } };
    return fresh ? this.twinsToSms(held) : held;
  }

  /** A message went through after a hold: the line is fixed. */
  unhold(): void {
    this.deps.log.info({ channel: this.channel, holds: this.lineFaults }, 'the provider accepts the line again: sending resumes');
    this.lineFaults = 0;
    this.heldUntil = 0;
  }

  /**
   * A hold or pause of the Signal lane begins, for how long no one knows:
   * buddies' check-in escalations go by SMS, and
   * people on SMS too get the alerts waiting for them here by SMS now (with
   * this outcome, so the row it names is back in line first), and, while it
   * lasts, those planned since (sweep). An alert that arrives late can cost a
   * life; an SMS costs a few cents.
   */
  twinsToSms(recorded: Recorded): Recorded {
    if (this.channel !== 'signal' || this.deps.smsSends === false) return recorded;
    this.nextSweep = this.deps.now() + this.deps.opts.twinSweepMs;
    // A fresh pass: what the last one had left is looked at again.
    this.twinCursor = null;
    recorded.effect = () => this.moveTwins();
    return recorded;
  }

  /**
   * While the Signal lane is held or paused: the alerts planned since for
   * people also on SMS go by SMS, every twinSweepMs, a batch per call; a pass
   * not done yet goes on at the next call. Returns how soon to call again.
   */
  sweep(): number {
    const { db, now, log } = this.deps;
    const every = this.deps.opts.twinSweepMs;
    // Only while held or paused: a lane merely keeping to SEND_RATE also waits, and its twins stay on Signal.
    const stopped = now() < this.heldUntil || now() < this.pausedUntil;
    if (this.channel !== 'signal' || this.deps.smsSends === false || !stopped) return every;
    if (now() < this.nextSweep) return this.nextSweep - now();
    this.nextSweep = now() + every;
    try {
      db.transaction(() => this.moveTwins());
    } catch (err) {
      // A busy database: the next sweep tries again.
      log.error({ err: safeError(err) }, 'moving alerts waiting on Signal to SMS failed');
    }
    return Math.max(0, this.nextSweep - now());
  }

  /** One batch of the pass; a pass not done has the next sweep come at once (the lane yields between). */
  private moveTwins(): void {
    const { db, vault, now, log } = this.deps;
    const fresh = this.twinCursor === null;
    const { moved, next } = moveTwinAlertBatch(db, now(), this.twinCursor ?? TWIN_START);
    this.twinCursor = next;
    if (next) this.nextSweep = 0;
    if (moved > 0) log.warn({ moved }, 'Signal sending is held or paused: alerts waiting there for people also on SMS go by SMS');
    if (!fresh) return;
    // A missed check-in's escalation waits less well than anything: to the buddy's number by SMS too.
    const escalations = moveEscalationsToSms(db, vault, now());
    if (escalations > 0) log.warn({ moved: escalations }, "Signal sending is held or paused: buddies' check-in escalations waiting there go by SMS");
  }
}
