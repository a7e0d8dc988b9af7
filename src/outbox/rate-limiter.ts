/**
 * A token bucket per channel: at most `rate` sends per second, with a burst
 * of one second's worth. `pauseFor` stops a channel entirely (a provider
 * asked us to slow down).
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private released = false;

  constructor(
    private readonly rate: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = Math.max(1, rate);
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(Math.max(1, this.rate), this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }

  /** Waits until a send is allowed, then takes its token. */
  async take(): Promise<void> {
    for (;;) {
      if (this.released) return;
      const wait = this.pausedUntil - this.now();
      if (wait > 0) {
        // In slices, so that release() ends a long pause (shutdown) promptly.
        await sleep(Math.min(wait, MAX_SLEEP_MS));
        continue;
      }
      if (!Number.isFinite(this.rate)) return;
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }

  /** Lets every waiting and future take() return at once: the dispatcher is stopping and sends nothing more. */
  release(): void {
    this.released = true;
  }

  /** Stops sends until `ms` from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Whether the channel is paused now. */
  get paused(): boolean {
    return this.pausedUntil > this.now();
  }
}

const MAX_SLEEP_MS = 250;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
