/**
 * The outbox dispatcher: one lane per channel (see lane.ts), each claiming
 * and sending on its own, urgent rows first, at its own rate. Outcomes are
 * recorded as they happen (outcome-writer.ts). A crash loses nothing (rows
 * stay pending) and repeats at most the sends that were in flight.
 */
import { AlertRenderer } from '../alerts/render-alert';
import type { ChannelSender } from '../channels/types';
import type { Logger } from '../log/logger';
import type { Channel } from '../domain/channel';
import type { Db } from '../store/db';
import type { Outcome } from '../store/outbox';
import type { Vault } from '../store/vault';
import type { Backoff } from '../util/backoff';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { SendPace } from './pacer';
import { moveTwinAlertBatch, TWIN_START, type TwinCursor } from '../store/alerts';
import { Lane } from './lane';
import { OutcomeWriter } from './outcome-writer';
import { RemovedChannel } from './removed-channel';

export interface DispatcherOptions {
  /** Most sends in flight at once per lane (the lane derives its own number from rate and latency, up to this). */
  maxInFlight: number;
  /** How long a claim holds a row before another claim may take it. */
  leaseMs: number;
  /** How often a lane looks for due rows when nothing wakes it. */
  pollMs: number;
  /** Alerts older than this are not sent any more: a stale warning misleads. Any message failing in an outage is tried until this old. */
  maxAgeMs: number;
  /** Retries of failed sends. */
  backoff: BackoffPolicy;
  /** Retries of a message the provider throttled (429), unless it said how long to wait. */
  throttleBackoff: Backoff;
  /** How long a lane holds after the provider refused the line's own credentials or sender, before one message tries again. */
  lineBackoff: Backoff;
  /** Most sends per second per channel; Infinity for none (benchmarks). */
  sendRate: number;
  /** How often a held or paused Signal lane hands the alerts planned meanwhile for people also on SMS to SMS. */
  twinSweepMs: number;
  /** How long every try failing as an outage (5xx, time-outs), messages waiting, makes the channel not ready (/readyz: sending_failing). */
  failingAfterMs: number;
  /** How long from its start a stop keeps trying to record the outcomes not yet written (a full disk), within the 45 s main.ts gives a stop. */
  stopFlushMs: number;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  maxInFlight: 256,
  leaseMs: 120_000,
  pollMs: 1_000,
  maxAgeMs: 24 * 3600_000,
  backoff: DEFAULT_BACKOFF,
  throttleBackoff: { baseMs: 250, maxMs: 60_000 },
  // At most two minutes between tries: a fix made at the provider (a number given SMS) is seen soon, for one call a try.
  lineBackoff: { baseMs: 15_000, maxMs: 120_000 },
  sendRate: 10,
  twinSweepMs: 30_000,
  // A blip and the backoff's first tries pass well within a minute; longer, the operator should look.
  failingAfterMs: 60_000,
  stopFlushMs: 30_000,
};

/** How often a stop tries again to record what it could not. */
const STOP_FLUSH_RETRY_MS = 250;

/** Counters the dispatcher reports to; metrics plug in here. */
export interface DispatchObserver {
  outcome(channel: Channel, kind: Outcome['kind'], reason?: string): void;
}

export class Dispatcher {
  private readonly lanes = new Map<Channel, Lane>();
  /** The channels the line no longer sends on (their settings removed): what waits there is settled, not left for ever. */
  private readonly removed: RemovedChannel[] = [];
  private readonly writer: OutcomeWriter;
  /** The shutdown's deadline (stopBy); none until a stop sets it. */
  private stopDeadline = Infinity;

  constructor(
    private readonly db: Db,
    vault: Vault,
    senders: Map<Channel, ChannelSender>,
    private readonly log: Logger,
    private readonly opts: DispatcherOptions = DEFAULT_DISPATCHER,
    observer?: DispatchObserver,
    private readonly now: () => number = Date.now,
  ) {
    this.writer = new OutcomeWriter(db, log, now);
    const renderer = new AlertRenderer(db, vault);
    for (const [channel, sender] of senders) {
      this.lanes.set(channel, new Lane(sender, { db, vault, log, opts, writer: this.writer, renderer, observer, now, smsSends: senders.has('sms') }));
    }
    for (const channel of ['sms', 'signal'] as const) {
      if (senders.has(channel)) continue;
      const other = channel === 'sms' ? 'signal' : 'sms';
      this.removed.push(new RemovedChannel(channel, senders.has(other) ? other : null, { db, vault, log, now, pollMs: opts.pollMs }));
    }
  }

  /**
   * Starts every lane (idempotent). A line that no longer sends on Signal
   * (its settings removed, the database kept) first hands the alerts waiting
   * there for people also on SMS to their SMS membership; what else waits on
   * a channel no longer configured is settled (RemovedChannel).
   */
  start(): void {
    if (this.lanes.has('sms') && !this.lanes.has('signal')) {
      // A transaction per batch: a webhook's write waits for one batch at most (this runs before any lane does).
      let moved = 0;
      for (let from: TwinCursor | null = TWIN_START; from; ) {
        const at: TwinCursor = from;
        const batch: { moved: number; next: TwinCursor | null } = this.db.transaction(() => moveTwinAlertBatch(this.db, this.now(), at));
        moved += batch.moved;
        from = batch.next;
      }
      if (moved) this.log.warn({ moved }, 'Signal is not configured: alerts waiting there for people also on SMS go by SMS');
    }
    for (const r of this.removed) r.start();
    for (const lane of this.lanes.values()) lane.start();
  }

  /** Has every lane look for work now rather than at its next poll. */
  wake(): void {
    for (const lane of this.lanes.values()) lane.wake();
    for (const r of this.removed) r.wake();
  }

  /** A channel's pace (SEND_RATE and the provider's pauses), shared with what else sends through it (Signal remote deletes). */
  pace(channel: Channel): SendPace | undefined {
    const lane = this.lanes.get(channel);
    if (!lane) return undefined;
    return { waitMs: () => lane.pacer.waitMs(), busy: () => lane.hasDue(), take: () => lane.pacer.take(), pauseFor: (ms) => lane.providerPause(ms) };
  }

  /** Whether a channel's sending is held for the line's own fault (its credentials, sender or account refused) with messages waiting (Lane.held). */
  held(channel: Channel): boolean {
    return this.lanes.get(channel)?.held ?? false;
  }

  /** Whether one channel's sends have all failed as an outage for a while, messages waiting (see Lane.failing). */
  failing(channel: Channel): boolean {
    return this.lanes.get(channel)?.failing ?? false;
  }

  /** Ends one channel's provider pause now (its limit was lifted) and sends what is due. */
  resume(channel: Channel): void {
    this.lanes.get(channel)?.resume();
  }

  /**
   * When the whole shutdown must be done by (performance.now() time), set as
   * it begins: past it, main's forced exit cuts the stop before its error
   * line is written.
   */
  stopBy(deadline: number): void {
    this.stopDeadline = deadline;
  }

  /**
   * Stops claiming, waits for sends in flight and records them. A record
   * refused (a full disk) is tried again until stopFlushMs from the stop's
   * start, or the shutdown's deadline if sooner (stopBy): a send taken by the provider but not recorded goes again at the
   * next start, a second copy to every member. Still refused, it says how many.
   */
  async stop(): Promise<void> {
    // Not past the whole stop's deadline: parts closed before this one (a Signal receive in flight) may have used most of it.
    const until = Math.min(performance.now() + this.opts.stopFlushMs, this.stopDeadline);
    for (const r of this.removed) r.stop();
    await Promise.all([...this.lanes.values()].map((l) => l.stop()));
    while (!this.writer.flush()) {
      if (performance.now() >= until) {
        this.writer.stop();
        const [sent, outcomes] = [this.writer.unrecordedSends(), this.writer.unrecorded()];
        this.log.error({ sent, outcomes }, `${sent} messages already sent could not be recorded (the database refuses writes: a full disk?) and will be sent again at the next start; free space in DATA_DIR before starting`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, STOP_FLUSH_RETRY_MS));
    }
  }
}
