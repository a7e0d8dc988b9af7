/**
 * The outbox dispatcher: claims due rows in small batches under a lease,
 * opens each recipient only in memory, sends through the member's channel
 * under that channel's rate limit with bounded concurrency, and records the
 * outcome in batches. A crash loses nothing (rows stay pending) and repeats
 * at most what was claimed but not yet recorded.
 */
import { catalog } from '../bot/catalog';
import { SendError, type ChannelSender } from '../channels/types';
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import type { Channel } from '../domain/channel';
import { openAlert } from '../store/alerts';
import type { Db } from '../store/db';
import { openAddress, setMemberStatus } from '../store/members';
import { claimDue, nextDue, openBody, recordOutcomes, type ClaimedRow, type Outcome } from '../store/outbox';
import { unsubscribeAll } from '../store/subscriptions';
import type { Vault } from '../store/vault';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff';
import { RateLimiter } from './rate-limiter';

export interface DispatcherOptions {
  /** Sends in flight at once, across channels. */
  concurrency: number;
  /** Most rows claimed at once (also bounded by two seconds of each channel's rate). */
  batchSize: number;
  /** How long a claim holds a row before another claim may take it. */
  leaseMs: number;
  /** How often to look for due rows when nothing wakes the dispatcher. */
  pollMs: number;
  /** Alerts older than this are not sent any more: a stale warning misleads. */
  maxAgeMs: number;
  backoff: BackoffPolicy;
  /** How long a channel pauses after the provider throttles us, unless it said how long. */
  throttlePauseMs: number;
  /** Most sends per second per channel; Infinity for none (benchmarks). */
  sendRate: number;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  concurrency: 16,
  batchSize: 256,
  leaseMs: 120_000,
  pollMs: 1_000,
  maxAgeMs: 24 * 3600_000,
  backoff: DEFAULT_BACKOFF,
  throttlePauseMs: 1_000,
  sendRate: 10,
};

/** Counters the dispatcher reports to; metrics plug in here. */
export interface DispatchObserver {
  outcome(channel: Channel, kind: Outcome['kind'], reason?: string): void;
}

/** Longest alert text sent: Twilio and carriers cap a message at 1,600 characters. */
const MAX_BODY = 1600;

export class Dispatcher {
  private readonly limiters = new Map<Channel, RateLimiter>();
  private readonly alertCache = new Map<number, { npas: string[]; text: string } | null>();
  private running: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private pending: Outcome[] = [];

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly senders: Map<Channel, ChannelSender>,
    private readonly log: Logger,
    private readonly opts: DispatcherOptions = DEFAULT_DISPATCHER,
    private readonly observer?: DispatchObserver,
    private readonly now: () => number = Date.now,
  ) {
    for (const channel of senders.keys()) this.limiters.set(channel, new RateLimiter(opts.sendRate, now));
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (!this.running) this.running = this.loop();
  }

  /** Looks for work now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops claiming, waits for sends in flight and records them. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Sends waiting on a paused channel give their rows back (sendOne checks `stopping`).
    for (const limiter of this.limiters.values()) limiter.release();
    this.wake();
    await this.running;
    this.running = null;
  }

  /** The limiter of a channel (the Signal adapter pauses it on 429). */
  limiter(channel: Channel): RateLimiter | undefined {
    return this.limiters.get(channel);
  }

  private claimSize(): number {
    // Two seconds of sending at the configured rates: few rows in flight, so few duplicates after a crash.
    const perSecond = this.opts.sendRate * this.senders.size;
    return Math.max(this.opts.concurrency, Math.min(this.opts.batchSize, Math.ceil(perSecond * 2)));
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        this.woken = false;
        const now = this.now();
        const paused = [...this.limiters].filter(([, l]) => l.paused).map(([c]) => c);
        const rows = claimDue(this.db, now, this.claimSize(), now + this.opts.leaseMs, paused);
        if (rows.length === 0) {
          await this.idle(paused.length > 0);
          continue;
        }
        await this.sendAll(rows);
      } catch (err) {
        this.log.error({ err: safeError(err) }, 'dispatcher loop failed; retrying');
        await this.idle(true);
      }
    }
  }

  private idle(soon: boolean): Promise<void> {
    if (this.woken || this.stopping) return Promise.resolve();
    const due = nextDue(this.db);
    const untilDue = due === null ? this.opts.pollMs : Math.max(0, due - this.now());
    const ms = Math.min(this.opts.pollMs, soon ? 200 : untilDue);
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async sendAll(rows: ClaimedRow[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++] as ClaimedRow;
        // Await first: `this.pending.push(await …)` would read the array before the
        // await and push into one that another worker has already flushed.
        const outcome = await this.sendOne(row);
        this.pending.push(outcome);
        if (this.pending.length >= 64) this.flush();
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, rows.length) }, worker));
    this.flush();
  }

  private flush(): void {
    const outcomes = this.pending;
    if (outcomes.length === 0) return;
    this.pending = [];
    recordOutcomes(this.db, outcomes, this.now());
  }

  private body(row: ClaimedRow): string | null {
    if (row.alert_id === null) return openBody(this.vault, row);
    let alert = this.alertCache.get(row.alert_id);
    if (alert === undefined) {
      if (this.alertCache.size > 64) this.alertCache.clear();
      alert = openAlert(this.db, this.vault, row.alert_id) ?? null;
      this.alertCache.set(row.alert_id, alert);
    }
    if (!alert) return null;
    const full = catalog(row.lang).alert(alert.npas, alert.text);
    return full.length <= MAX_BODY ? full : `${full.slice(0, MAX_BODY - 3)}...`;
  }

  private async sendOne(row: ClaimedRow): Promise<Outcome> {
    const fail = (error: string): Outcome => {
      this.observer?.outcome(row.channel, 'failed', error);
      return { id: row.id, kind: 'failed', error };
    };
    if (row.member_status === 'stopped' || row.member_status === 'invalid') return fail(`recipient_${row.member_status}`);
    if (row.alert_id !== null && this.now() - row.created_at > this.opts.maxAgeMs) return fail('expired');
    const sender = this.senders.get(row.channel);
    const limiter = this.limiters.get(row.channel);
    if (!sender || !limiter) return fail('no_channel');
    await limiter.take();
    if (this.stopping) return { id: row.id, kind: 'retry', dueAt: this.now(), error: 'shutdown' };
    try {
      const body = this.body(row);
      if (body === null) return fail('alert_gone');
      const { providerId } = await sender.send(openAddress(this.vault, { id: row.member_id, address_ct: row.address_ct, key_version: row.address_kv }), body);
      this.observer?.outcome(row.channel, 'sent');
      return { id: row.id, kind: 'sent', providerId };
    } catch (err) {
      return this.onError(row, err, limiter);
    }
  }

  private onError(row: ClaimedRow, err: unknown, limiter: RateLimiter): Outcome {
    const e = err instanceof SendError ? err : new SendError('server', 'internal');
    if (!(err instanceof SendError)) this.log.error({ err: safeError(err), outboxId: row.id }, 'unexpected send failure');
    const reason = `${e.kind}${e.code ? `:${e.code}` : ''}`;
    if (e.retryable && row.attempts < this.opts.backoff.maxAttempts) {
      if (e.kind === 'throttled') limiter.pauseFor(e.retryAfterMs ?? this.opts.throttlePauseMs);
      this.observer?.outcome(row.channel, 'retry', e.kind);
      this.log.warn({ outboxId: row.id, channel: row.channel, reason, attempts: row.attempts }, 'send failed; will retry');
      return { id: row.id, kind: 'retry', dueAt: this.now() + retryDelay(this.opts.backoff, row.attempts), error: reason };
    }
    if (e.kind === 'stopped' || e.kind === 'invalid') {
      // The provider will refuse every later message too: stop queuing for this member.
      this.db.transaction(() => {
        setMemberStatus(this.db, row.member_id, e.kind === 'stopped' ? 'stopped' : 'invalid');
        unsubscribeAll(this.db, row.member_id);
      });
    }
    this.log.warn({ outboxId: row.id, channel: row.channel, reason, attempts: row.attempts }, 'send failed for good');
    this.observer?.outcome(row.channel, 'failed', e.kind);
    return { id: row.id, kind: 'failed', error: e.retryable ? `gave_up:${reason}` : reason };
  }
}
