/**
 * Plans alert fan-outs in the background, one member-id range per
 * transaction, yielding to the event loop between ranges so webhooks keep
 * being answered. Alerts left half-planned by a crash are resumed at start.
 */
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import { planNextRange, unplannedAlerts } from '../store/alerts';
import type { Db } from '../store/db';
import { everyGuarded, runGuarded } from '../jobs/guarded';

export class FanoutPlanner {
  private readonly queue = new Set<number>();
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    /** Called after each range commits, so the dispatcher can start sending. */
    private readonly onPlanned: () => void,
    private readonly now: () => number = Date.now,
    /** Whether the line sends over Signal (planNextRange: a person on both channels is then sent her alert there). */
    private readonly signalSends = true,
  ) {}

  /** Queues every alert not fully planned (call once at start-up). */
  resume(): void {
    runGuarded(this.log, 'fan-out planning', () => {
      for (const id of unplannedAlerts(this.db)) this.plan(id);
    });
  }

  /**
   * Looks for unplanned alerts every `everyMs` (alerts approved from the
   * admin command line are written by another process). Returns a stop function.
   */
  watch(everyMs = 5_000): () => void {
    return everyGuarded(this.log, 'fan-out planning', everyMs, () => this.resume());
  }

  /** Queues one alert's planning; it starts on a later turn of the event loop, never inside the caller's request. */
  plan(alertId: number): void {
    if (this.stopping) return;
    this.queue.add(alertId);
    if (!this.running) this.running = this.drain().finally(() => (this.running = null));
  }

  /** Resolves when the queue is empty (tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the current range; unplanned ranges resume at the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    // Let the request that approved the alert be answered first.
    await new Promise((resolve) => setImmediate(resolve));
    for (const id of this.queue) {
      this.queue.delete(id);
      let total = 0;
      try {
        for (;;) {
          if (this.stopping) return;
          const { written, done } = planNextRange(this.db, id, this.now(), this.signalSends);
          total += written;
          this.onPlanned();
          if (done) break;
          await new Promise((resolve) => setImmediate(resolve));
        }
        this.log.info({ alertId: id, recipients: total }, 'alert fan-out planned');
      } catch (err) {
        this.log.error({ err: safeError(err), alertId: id }, 'planning an alert failed; it resumes at the next start');
      }
    }
  }
}
