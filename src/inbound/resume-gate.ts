/**
 * The resume's catch-up. A laptop that slept (or a clock stepped forward)
 * wakes with deadlines past while the messages sent before them still wait
 * at Signal: her OK sent in time, a report's answer. Start-up waits for
 * those (catch-up.ts); this waits likewise after a leap, so that what acts
 * by the clock against members (check-in reminders and escalations, a
 * question's or a draft's lapse) does not act before them.
 *
 * A leap: the wall clock read `LEAP_MS` later than the last read of a job
 * that reads it every second (or of a message handled meanwhile). It is
 * caught up once one receive begun after the leap was seen has been handled
 * (polling: what signal-cli took from Signal after waking), at the latest
 * `boundMs` after it was seen (as start-up's bound); a further leap while
 * waiting neither restarts nor extends the wait. The websocket says
 * nothing of a receive: it waits the bound. With no Signal nothing waits.
 * The fan-out and delivery do not wait: an alert sooner is better, even if a
 * STOP she sent while the laptop slept is read just after it.
 */
import type { Logger } from '../log/logger';

/** A jump of the wall clock this far beyond a second's tick is a sleep, or a step forward. */
export const LEAP_MS = 30_000;

export interface ResumeGateOptions {
  log: Logger;
  boundMs: number;
  /** How Signal is received; null without Signal (nothing to wait for). */
  signal: 'poll' | 'websocket' | null;
  /** A monotonic clock in ms (the bound, and when a receive began); performance.now by default. */
  mono?: () => number;
}

export class ResumeGate {
  /** The wall clock's last read. */
  private last: number | null = null;
  /** When (monotonic) the leap being caught up with was seen; null when none is. */
  private seenAt: number | null = null;

  constructor(private readonly opts: ResumeGateOptions) {}

  private mono(): number {
    return this.opts.mono ? this.opts.mono() : performance.now();
  }

  /**
   * Reads the wall clock (the timed jobs every second, the inbound path for
   * each batch); whether what acts by the clock may act now, or waits for
   * what Signal held through a leap.
   */
  mayAct(now: number): boolean {
    const at = this.mono();
    // A leap while already waiting does not extend the wait: leaps again and again (a clock stepped
    // repeatedly, a loop stalled) would otherwise hold every check-in for ever. The bound counts from the first.
    if (this.last !== null && now - this.last > LEAP_MS && this.opts.signal !== null && this.seenAt === null) {
      this.opts.log.info({ leapMs: now - this.last }, 'the clock leapt forward (the machine slept?): check-in timers and lapses wait for the Signal messages held meanwhile');
      this.seenAt = at;
    }
    this.last = now;
    if (this.seenAt !== null && at - this.seenAt >= this.opts.boundMs) {
      this.opts.log.warn({ waitedMs: this.opts.boundMs }, 'Signal messages held while the clock leapt were not received in time: check-in timers and lapses go on now');
      this.seenAt = null;
    }
    return this.seenAt === null;
  }

  /** A receive begun at `startedAt` (monotonic) answered, and what it held was handled, none left waiting. */
  received(startedAt: number): void {
    if (this.seenAt === null || startedAt < this.seenAt) return;
    this.seenAt = null;
    this.opts.log.info('the Signal messages held through the leap were handled: check-in timers and lapses go on');
  }

  /** Whether a leap is being caught up with (a message handled now may have waited at Signal). */
  get catchingUp(): boolean {
    return this.seenAt !== null;
  }
}
