/**
 * A lane's pace: at most the lane's current rate in any second (a sliding
 * window), never above SEND_RATE. Throttling by the provider slows the lane only when it
 * persists (more than a fifth of a second's answers, three at least, are
 * 429s: the rate halves); the rate then recovers step by step. A provider
 * that pauses the whole account for a wait it names (Signal's rate limit)
 * pauses the lane; Twilio's Retry-After is one request's, not the lane's.
 */

/** The share of 429s in a one-second window above which the lane halves its rate. */
const THROTTLED_SHARE = 0.2;
const THROTTLED_MIN = 3;
const WINDOW_MS = 1_000;
/** Recovery: each calm second gives back this share of SEND_RATE. */
const RECOVER_STEP = 1 / 8;

/** What else sends through a lane's channel (Signal remote deletes) keeps to: its place under SEND_RATE, and its pauses. */
export interface SendPace {
  waitMs(): number;
  /** Whether the lane has messages due: they go first (a new alert must not wait behind a clean-up). */
  busy(): boolean;
  take(): void;
  /** The provider paused the account: the lane pauses as for a send's 429. */
  pauseFor(ms: number): void;
}

export class Pacer {
  private rate: number;
  /** When the most recent sends started, oldest first (at most one second's worth). */
  private readonly sent: number[] = [];
  private pausedUntil = 0;
  /** How long the current pause was asked for: a clock stepped back never makes it longer. */
  private pausedFor = 0;
  private windowStart: number;
  private answers = 0;
  private throttled = 0;

  constructor(
    /** SEND_RATE: most sends per second; Infinity for none. */
    readonly maxRate: number,
    private readonly now: () => number = Date.now,
  ) {
    this.rate = maxRate;
    this.windowStart = now();
  }

  /** The rate the lane sends at now (SEND_RATE, or less while throttled). */
  get currentRate(): number {
    return this.rate;
  }

  // A sliding window: at most k sends in any second, k the whole part of the rate (8.75 a second
  // while recovering sends 8: 8 in every k / rate seconds had let 16 through in one second);
  // below one a second, one send per 1 / rate seconds. Timer lateness is caught up within the window.
  private k(): number {
    return Math.max(1, Math.floor(this.rate));
  }

  private periodMs(): number {
    return this.rate >= 1 ? 1000 : 1000 / this.rate;
  }

  /**
   * The time now. A wall clock stepped back (NTP, a resumed VM) must not make
   * the lane wait out the step: sends "in the future" count as sent now (so
   * the rate still holds), a pause ends no later than it would have, and the
   * throttle window starts again.
   */
  private clock(): number {
    const t = this.now();
    for (let i = this.sent.length - 1; i >= 0 && (this.sent[i] as number) > t; i--) this.sent[i] = t;
    if (this.pausedUntil > t + this.pausedFor) this.pausedUntil = t + this.pausedFor;
    if (this.windowStart > t) {
      this.windowStart = t;
      this.answers = 0;
      this.throttled = 0;
    }
    return t;
  }

  /** How long until the next send may start (0: now). */
  waitMs(): number {
    const t = this.clock();
    if (this.pausedUntil > t) return this.pausedUntil - t;
    if (!Number.isFinite(this.rate)) return 0;
    const k = this.k();
    if (this.sent.length < k) return 0;
    return Math.max(0, Math.ceil((this.sent[this.sent.length - k] as number) + this.periodMs() - t));
  }

  /** Sends allowed right now. */
  available(): number {
    const t = this.clock();
    if (this.pausedUntil > t) return 0;
    if (!Number.isFinite(this.rate)) return Number.MAX_SAFE_INTEGER;
    const k = this.k();
    const since = t - this.periodMs();
    let recent = 0;
    for (let i = this.sent.length - 1; i >= 0 && recent < k && (this.sent[i] as number) > since; i--) recent++;
    return k - recent;
  }

  /** Takes one send's place in the window. */
  take(): void {
    if (!Number.isFinite(this.rate)) return;
    this.sent.push(this.now());
    // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression: when old sends are forgotten bounds only memory; the last k, all the window reads, are always kept
    if (this.sent.length > 2 * Math.max(1, Math.floor(this.maxRate))) this.sent.splice(0, this.sent.length - this.k());
  }

  /** Stops sends until `ms` from now. */
  pauseFor(ms: number): void {
    const until = this.now() + ms;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.pausedFor = ms;
    }
  }

  /** Ends a pause now (the provider's limit was lifted). */
  resume(): void {
    this.pausedUntil = 0;
  }

  /** Whether the lane is paused now. */
  get paused(): boolean {
    return this.pausedUntil > this.clock();
  }

  /** Counts one answer from the provider; at the end of each window, slows down or recovers. */
  observe(throttled: boolean): void {
    const t = this.clock();
    if (t - this.windowStart >= WINDOW_MS) {
      if (this.throttled >= THROTTLED_MIN && this.throttled > this.answers * THROTTLED_SHARE) {
        this.rate = Math.max(this.maxRate / 64, this.rate / 2);
      // Stryker disable next-line EqualityOperator: at SEND_RATE the recovery below is capped at SEND_RATE, so <= changes nothing
      } else if (this.rate < this.maxRate) {
        this.rate = Math.min(this.maxRate, this.rate + this.maxRate * RECOVER_STEP);
      }
      this.windowStart = t;
      this.answers = 0;
      this.throttled = 0;
    }
    this.answers++;
    if (throttled) this.throttled++;
  }
}
