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

export class DisappearingTimer {
  private readonly pending = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly setExpiration: (recipient: string, seconds: number) => Promise<void>,
    private readonly log: Logger,
    private readonly retriesMs: readonly number[] = TIMER_RETRIES_MS,
  ) {}

  /** Sets the timer of the conversation with `address` to `seconds` (0: off), in the background. */
  set(address: string, seconds: number, attempt = 0): void {
    if (this.closed) return;
    this.setExpiration(address, seconds).then(
      () => this.log.debug({ seconds }, 'Signal disappearing-messages timer set'),
      (err: unknown) => {
        const wait = this.retriesMs[attempt];
        if (wait === undefined || this.closed) {
          this.log.warn({ err: safeError(err), seconds }, 'could not set a Signal disappearing-messages timer; gave up');
          return;
        }
        const timer = setTimeout(() => {
          this.pending.delete(timer);
          this.set(address, seconds, attempt + 1);
        }, wait);
        timer.unref();
        this.pending.add(timer);
      },
    );
  }

  close(): void {
    this.closed = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}
