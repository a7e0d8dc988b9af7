/**
 * What a lane's tries say of its provider over time: since when every try
 * has failed as an outage (for /readyz's `sending_failing`), or been
 * throttled (429), and the operator's log of it. One warning per episode
 * once it has lasted failingAfterMs, again at most hourly while it lasts,
 * and an info line when it ends: an outage during a fan-out once logged a
 * warning per message per try (120,000 alike for 10,000 members), enough
 * to fill a disk, none saying the provider was down or what to do.
 */
import type { SendError } from '../channels/types';
import { WHERE_TO_LOOK } from '../channels/where-to-look';
import type { Channel } from '../domain/channel';
import type { Logger } from '../log/logger';
import { countPendingOn } from '../store/outbox';
import type { Db } from '../store/db';

/** A warning while an episode lasts is repeated no more often than this. */
const REWARN_MS = 3_600_000;

const THROTTLED_TODO: Record<Channel, string> = {
  sms: "the Twilio account's sending rate is lower than SEND_RATE: lower SEND_RATE or add senders (a Messaging Service)",
  signal: 'Signal rate-limits the account: run doctor (a captcha may be waiting)',
};

/** One kind of episode (an outage, or throttling): since when, its latest failed try, and when it was last warned of. */
class Episode {
  since: number | null = null;
  lastAt: number | null = null;
  warnedAt: number | null = null;
}

export class OutageWatch {
  private readonly outage = new Episode();
  private readonly throttled = new Episode();

  constructor(
    private readonly channel: Channel,
    private readonly deps: { db: Db; log: Logger; now: () => number; opts: { failingAfterMs: number; backoff: { maxMs: number } } },
  ) {}

  /** Whether every try for failingAfterMs or more has failed as an outage, the latest recently enough that it goes on (see go). */
  failing(now: number): boolean {
    const { since, lastAt } = this.outage;
    if (since === null || lastAt === null || now - lastAt > this.stale) return false;
    return now - since >= this.deps.opts.failingAfterMs;
  }

  /** A waiting message is tried again within the longest backoff: a longer silence means none waited. */
  private get stale(): number {
    return this.deps.opts.backoff.maxMs + this.deps.opts.failingAfterMs;
  }

  /** The provider took a message: both kinds of episode end. True when tries were failing as an outage until now. */
  taken(): boolean {
    const wasDown = this.outage.since !== null;
    this.end(this.outage, 'outage');
    this.end(this.throttled, 'throttled');
    return wasDown;
  }

  /**
   * A try `started` then failed with `e`. A 429 neither starts nor ends an outage. A refusal of one recipient
   * (21211, 21610) neither starts nor ends either: the provider answered, but took nothing.
   */
  failed(started: number, e: SendError, reason: string): void {
    if (e.providerDown) this.go(this.outage, started, reason);
    else if (e.kind === 'throttled') this.go(this.throttled, started, reason);
  }

  /** The wall clock stepped back by `step`: an episode keeps its length. */
  shift(step: number): void {
    for (const e of [this.outage, this.throttled]) {
      if (e.since !== null) e.since -= step;
      if (e.lastAt !== null) e.lastAt -= step;
      if (e.warnedAt !== null) e.warnedAt -= step;
    }
  }

  private go(e: Episode, started: number, reason: string): void {
    // Silent longer than a retry waits: every message was given up or retracted, and that episode ended unseen.
    if (e.lastAt !== null && started - e.lastAt > this.stale) this.reset(e);
    e.since ??= started;
    e.lastAt = Math.max(e.lastAt ?? started, started);
    const now = this.deps.now();
    const lasted = now - e.since;
    if (lasted < this.deps.opts.failingAfterMs || (e.warnedAt !== null && now - e.warnedAt < REWARN_MS)) return;
    e.warnedAt = now;
    const fields = { channel: this.channel, reason, failingMs: lasted, waiting: countPendingOn(this.deps.db, this.channel) };
    if (e === this.outage) {
      this.deps.log.warn(fields, `${this.channel} sending is failing: the provider fails every send (an outage); ${WHERE_TO_LOOK[this.channel]}; messages wait and will go when it recovers`);
    } else {
      this.deps.log.warn(fields, `${this.channel} sending is throttled: the provider answers 429 to every send; ${THROTTLED_TODO[this.channel]}; messages wait and go at the pace it allows`);
    }
  }

  private end(e: Episode, kind: 'outage' | 'throttled'): void {
    // Only an episode the operator was told of is told ended: a blip is logged at debug only, per message.
    if (e.warnedAt !== null && e.since !== null) {
      const fields = { channel: this.channel, failedMs: this.deps.now() - e.since, waiting: countPendingOn(this.deps.db, this.channel) };
      this.deps.log.info(fields, kind === 'outage' ? `${this.channel} sending works again after an outage` : `${this.channel} sending is no longer throttled`);
    }
    this.reset(e);
  }

  private reset(e: Episode): void {
    e.since = null;
    e.lastAt = null;
    e.warnedAt = null;
  }
}
