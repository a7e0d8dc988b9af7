/**
 * Follows the wall clock for a job that keeps due times written by it (the
 * outbox's lanes, the check-in timers, the report drafts' lapse). A step
 * back (NTP correcting a fast clock, a VM restored) would leave what was due
 * by the old clock waiting for the new one to catch up: an escalation an
 * hour late. Each read is compared with the last; a step back is handed to the job, which moves its
 * waiting due times back by as much. The check-in timers and the drafts job
 * share theirs with the messages that write their deadlines
 * (jobs/deadline-clocks.ts): one follower per kind of row, or a step would
 * be taken twice.
 */

/** The wall clock read this much earlier than before is a step back, not two reads a moment apart. */
export const CLOCK_STEP_MS = 1_000;

export class ClockFollower {
  /** The time last read (at first: the latest time the job's rows hold, so a step while the server was down is seen too). */
  private last = 0;

  /**
   * `latest`, the latest time the job's rows hold, is read once, at the
   * first read of the clock (whoever reads it first: the job, or a message
   * about to write a deadline).
   */
  constructor(
    private readonly onStepBack: (stepMs: number, now: number) => void,
    private latest?: () => number,
  ) {}

  /** Reads `now`; a step back is handed on first (should that throw, the next read sees the step again). */
  follow(now: number): void {
    if (this.latest) {
      this.last = Math.max(this.last, this.latest());
      this.latest = undefined;
    }
    const step = this.last - now;
    if (step > CLOCK_STEP_MS) this.onStepBack(step, now);
    this.last = now;
  }
}
