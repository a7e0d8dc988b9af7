/**
 * When the receiver has caught up with what signal-cli held when it started
 * (start-up waits for it before the timed jobs and sending start:
 * inbound/catch-up.ts). Polling: once a receive answers less than a full
 * batch and its messages are handled. The websocket: once the connection
 * has carried nothing for `quietMs` (what arrives at once on connecting)
 * and that is handled. A batch whose handling started something that makes
 * signal-cli hand over more (trusting a changed safety number: her message
 * comes on a later receive) is not the end: caught up once that has settled
 * and a receive begun after it answers. Either way no later than `boundMs` after start: a
 * signal-cli that is down or slow must not hold alerts and escalations back.
 */
import type { Logger } from '../../log/logger';

export interface FirstReceiveTuning {
  /** Websocket: caught up once the connection has been this quiet. */
  quietMs: number;
  /** Caught up at the latest this long after start, whatever signal-cli does. */
  boundMs: number;
}

export class FirstReceive {
  /** Resolves once caught up (never rejects). */
  readonly done: Promise<void>;
  private resolve: () => void = () => undefined;
  private finished = false;
  private quietTimer: NodeJS.Timeout | null = null;
  private boundTimer: NodeJS.Timeout | null = null;
  /** What must settle before catching up (trusts under way). */
  private pending = 0;
  /** Polls still to answer under a full batch before catching up: one begun after the last of those settled. */
  private receivesOwed = 0;

  constructor(
    private readonly tuning: FirstReceiveTuning,
    private readonly log: Logger,
  ) {
    this.done = new Promise<void>((resolve) => (this.resolve = resolve));
  }

  /** Receiving started: the bound runs from now. */
  start(): void {
    if (this.finished || this.boundTimer) return;
    this.boundTimer = setTimeout(() => {
      if (this.finished) return;
      this.log.warn({ waitedMs: this.tuning.boundMs }, 'Signal messages held while the server was down were not received in time: check-in timers and sending start now');
      this.finish();
    }, this.tuning.boundMs);
  }

  /** A poll answered `count` items, all handled: caught up unless the batch was full (more wait at signal-cli). */
  polled(count: number, batch: number): void {
    if (count >= batch || this.pending > 0) return;
    // The poll that answers first after a settle may have begun before it: only the one after counts.
    if (this.receivesOwed > 0) {
      this.receivesOwed--;
      return;
    }
    this.finish();
  }

  /** Handling an item started `settled`, after which signal-cli hands over more: not caught up before it and a later receive. */
  awaitMore(settled: Promise<void>): void {
    if (this.finished) return;
    this.pending++;
    const after = () => {
      this.pending--;
      this.receivesOwed = 1;
    };
    void settled.then(after, after);
  }

  /** The websocket opened or carried a frame: caught up once it has been quiet a while and what came is handled. */
  heard(handled: () => Promise<void>): void {
    if (this.finished) return;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => void handled().then(() => this.finish()), this.tuning.quietMs);
  }

  /** Caught up (or stopping): whoever waits goes on. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.boundTimer) clearTimeout(this.boundTimer);
    this.resolve();
  }
}
