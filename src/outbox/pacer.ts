/**
 * A lane's pace: a token bucket at the lane's current rate, never above
 * SEND_RATE. Throttling by the provider slows the lane only when it
 * persists (more than a fifth of a second's answers, three at least, are
 * 429s: the rate halves); the rate then recovers step by step. A provider
 * that names a wait (Signal's rate limit) pauses the lane.
 */

/** The share of 429s in a one-second window above which the lane halves its rate. */
const THROTTLED_SHARE = 0.2;
const THROTTLED_MIN = 3;
const WINDOW_MS = 1_000;
/** Recovery: each calm second gives back this share of SEND_RATE. */
const RECOVER_STEP = 1 / 8;

export class Pacer {
  private rate: number;
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private windowStart: number;
  private answers = 0;
  private throttled = 0;

  constructor(
    /** SEND_RATE: most sends per second; Infinity for none. */
    readonly maxRate: number,
    private readonly now: () => number = Date.now,
  ) {
    this.rate = maxRate;
    this.last = now();
    this.windowStart = this.last;
    this.tokens = this.burst();
  }

  /** The rate the lane sends at now (SEND_RATE, or less while throttled). */
  get currentRate(): number {
    return this.rate;
  }

  // 50 ms of sending: enough to absorb timer lateness, too little to exceed SEND_RATE noticeably over a second.
  private burst(): number {
    return Math.max(1, this.rate * 0.05);
  }

  private refill(): void {
    const t = this.now();
    if (Number.isFinite(this.rate)) this.tokens = Math.min(this.burst(), this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }

  /** How long until the next send may start (0: now). */
  waitMs(): number {
    const pause = this.pausedUntil - this.now();
    if (pause > 0) return pause;
    if (!Number.isFinite(this.rate)) return 0;
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }

  /** Sends allowed right now. */
  available(): number {
    if (this.paused) return 0;
    if (!Number.isFinite(this.rate)) return Number.MAX_SAFE_INTEGER;
    this.refill();
    return Math.floor(this.tokens);
  }

  /** Takes one send's token. */
  take(): void {
    if (Number.isFinite(this.rate)) this.tokens -= 1;
  }

  /** Stops sends until `ms` from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Whether the lane is paused now. */
  get paused(): boolean {
    return this.pausedUntil > this.now();
  }

  /** Counts one answer from the provider; at the end of each window, slows down or recovers. */
  observe(throttled: boolean): void {
    const t = this.now();
    if (t - this.windowStart >= WINDOW_MS) {
      if (this.throttled >= THROTTLED_MIN && this.throttled > this.answers * THROTTLED_SHARE) {
        this.rate = Math.max(this.maxRate / 64, this.rate / 2);
      } else if (this.rate < this.maxRate) {
        this.rate = Math.min(this.maxRate, this.rate + this.maxRate * RECOVER_STEP);
      }
      this.tokens = Math.min(this.tokens, this.burst());
      this.windowStart = t;
      this.answers = 0;
      this.throttled = 0;
    }
    this.answers++;
    if (throttled) this.throttled++;
  }
}
