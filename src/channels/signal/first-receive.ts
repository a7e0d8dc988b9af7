/**
 * When the receiver has caught up with what signal-cli held when it started
 * (start-up waits for it before the timed jobs and sending start:
 * inbound/catch-up.ts). Polling: once a receive answers less than a full
 * batch and its messages are handled. The websocket: at once (the receiver
 * says so), since in json-rpc mode signal-cli keeps nothing for a client
 * that is not connected. A batch whose handling started something that makes
 * signal-cli hand over more (trusting a changed safety number: her message
 * comes on a later receive) is not the end: caught up once that has settled
 * and a receive begun after it answers. No later than `boundMs` after start:
 * a signal-cli that is down or slow must not hold alerts and escalations back.
 */
import type { Logger } from '../../log/logger';

export interface FirstReceiveTuning {
  /** Caught up at the latest this long after start, whatever signal-cli does. */
  boundMs: number;
}

export class FirstReceive {
  /** Resolves once caught up (never rejects). */
  readonly done: Promise<void>;
  private resolve: () => void = () => undefined;
  private finished = false;
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

  /** A poll's answer was handled: caught up unless the batch was `full` (more wait at signal-cli). */
  polled(full: boolean): void {
    if (full || this.pending > 0) return;
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

  /** Caught up (or stopping): whoever waits goes on. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.boundTimer) clearTimeout(this.boundTimer);
    this.resolve();
  }
}
