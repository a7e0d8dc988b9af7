/**
 * Start-up's catch-up. What waited while the server was down (every message
 * parked to be tried again, due or not: InboundPath.retryAllParked; the
 * Signal messages signal-cli held) is handled before the jobs that act by
 * the clock or send start: the check-in timers, the draft lapse, the fan-out
 * planner and the dispatcher. Started first,
 * they would escalate a check-in she had ended with an OK sent before her
 * deadline, or send her an alert after a STOP she sent before it existed.
 * The wait is bounded here, whatever holds it (a receiver that failed to
 * start, a fault in the parked messages): done() comes `boundMs` after
 * waiting began at the latest. Twilio's webhooks are taken meanwhile.
 */
import type { Logger } from '../log/logger';
import { runGuarded } from '../jobs/guarded';

export class CatchUp {
  private state: 'waiting' | 'done' | 'closed' = 'waiting';
  private readonly starts: Array<{ what: string; start: () => void }> = [];
  private bound: NodeJS.Timeout | null = null;

  constructor(
    private readonly log: Logger,
    private readonly boundMs: number,
  ) {}

  /** Waiting begins: caught up or not, what waits starts `boundMs` from now. */
  begin(): void {
    if (this.state !== 'waiting' || this.bound) return;
    this.bound = setTimeout(() => {
      if (this.state !== 'waiting') return;
      this.log.warn({ waitedMs: this.boundMs }, 'start-up did not catch up in time: check-in timers and sending start now');
      this.done();
    }, this.boundMs);
    // Not what keeps the process alive: a server closing before it runs ends it (close()).
    this.bound.unref();
  }

  /** Whether what waited while the server was down is still being handled (a message handled now may have waited at Signal). */
  get waiting(): boolean {
    return this.state === 'waiting';
  }

  /** Runs `start` once caught up (at once when already); never once the server is closing. */
  whenDone(what: string, start: () => void): void {
    if (this.state === 'done') runGuarded(this.log, what, start);
    else if (this.state === 'waiting') this.starts.push({ what, start });
  }

  /** Caught up: what waited starts, in the order it asked (one that fails does not keep the others back). */
  done(): void {
    if (this.state !== 'waiting') return;
    this.state = 'done';
    if (this.bound) clearTimeout(this.bound);
    for (const { what, start } of this.starts.splice(0)) runGuarded(this.log, what, start);
  }

  /** The server is closing: nothing that still waits starts. */
  close(): void {
    this.state = 'closed';
    if (this.bound) clearTimeout(this.bound);
    this.starts.length = 0;
  }
}
