/**
 * Sets the disappearing-messages timer of a Signal member's conversation
 * after DISCREET (issue 12). The call is made after the commit that asked
 * for it, and tried again a few times on failure; a timer that could not be
 * set is logged (without the member) and left: the member's discreet alerts
 * still arrive as notices, and they can set the timer in their own app.
 */
import type { Logger } from '../../log/logger';
import { safeError } from '../../log/safe-error';

/** Waits before each further try: 5 s, 1 min, 10 min. */
export const TIMER_RETRIES_MS = [5_000, 60_000, 600_000];

/** What is wanted for one contact: the latest value asked, its failed tries, and whether a call is out. */
interface Wanted {
  seconds: number;
  failures: number;
  inFlight: boolean;
  retry?: NodeJS.Timeout;
}

export class DisappearingTimer {
  /**
   * Per contact, only the latest value is set, one call at a time: a retry
   * (or a slow call) of an earlier DISCREET must never undo a later one.
   */
  private readonly wanted = new Map<string, Wanted>();
  private closed = false;

  constructor(
    private readonly setExpiration: (recipient: string, seconds: number) => Promise<void>,
    private readonly log: Logger,
    private readonly retriesMs: readonly number[] = TIMER_RETRIES_MS,
  ) {}

  /** Sets the timer of the conversation with `address` to `seconds` (0: off), in the background. */
  set(address: string, seconds: number): void {
    if (this.closed) return;
    const w = this.wanted.get(address);
    if (w) {
      if (w.retry) clearTimeout(w.retry);
      w.retry = undefined;
      w.seconds = seconds;
      w.failures = 0;
      // A call already out picks the new value up when it ends.
      if (w.inFlight) return;
    } else {
      this.wanted.set(address, { seconds, failures: 0, inFlight: false });
    }
    this.call(address);
  }

  private call(address: string): void {
    const w = this.wanted.get(address);
    if (!w || this.closed) return;
    const seconds = w.seconds;
    w.inFlight = true;
    this.setExpiration(address, seconds).then(
      () => {
        w.inFlight = false;
        if (w.seconds !== seconds) return this.call(address);
        this.wanted.delete(address);
        this.log.debug({ seconds }, 'Signal disappearing-messages timer set');
      },
      (err: unknown) => {
        w.inFlight = false;
        if (w.seconds !== seconds) return this.call(address);
        const wait = this.retriesMs[w.failures];
        if (wait === undefined || this.closed) {
          this.wanted.delete(address);
          this.log.warn({ err: safeError(err), seconds }, 'could not set a Signal disappearing-messages timer; gave up');
          return;
        }
        w.failures++;
        w.retry = setTimeout(() => {
          w.retry = undefined;
          this.call(address);
        }, wait);
        w.retry.unref();
      },
    );
  }

  close(): void {
    this.closed = true;
    for (const w of this.wanted.values()) if (w.retry) clearTimeout(w.retry);
    this.wanted.clear();
  }
}
