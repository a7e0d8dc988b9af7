/**
 * The provider's copy: once a message is finished, its body is redacted at
 * the provider (sent messages) or the message is deleted (handled inbound
 * ones). A small worker of its own, one call at a time at a low rate, so it
 * never takes a place an alert or a reply needs; failures wait by the shared
 * backoff and give up after a bounded number of tries. Nothing here touches
 * members: a failed cleanup says nothing about the recipient.
 */
import { SendError } from '../channels/types';
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import type { Db } from '../store/db';
import {
  claimProviderTasks,
  enqueueProviderTask,
  enqueueProviderTasks,
  finishProviderTask,
  nextProviderTaskDue,
  releaseProviderLeases,
  retryProviderTask,
  type ProviderTask,
} from '../store/provider-tasks';
import type { Vault } from '../store/vault';
import { backoffDelay } from '../util/backoff';
import type { BackoffPolicy } from './backoff';
import { Pacer } from './pacer';
import { WakeableSleep } from '../util/wakeable-sleep';

/** What the provider adapter offers; both throw a SendError on failure. */
export interface ProviderCleaner {
  /** Empties the body of a finished sent message. */
  redact(sid: string): Promise<void>;
  /** Deletes a message (a handled inbound one). */
  remove(sid: string): Promise<void>;
  /** Whether an error says the message is not there (nothing left to clean). */
  isGone(err: SendError): boolean;
}

export interface CleanupOptions {
  /** Most calls per second: well below SEND_RATE, so sends keep the account's API capacity. */
  rate: number;
  /** How long a claim holds a task. */
  leaseMs: number;
  /** How often the worker looks for due tasks when nothing wakes it. */
  pollMs: number;
  /** Wait after an inbound message is handled before it is deleted (the webhook's answer is on its way). */
  inboundDelayMs: number;
  /** Longest an inbound message's id waits in memory before its deletion is written. */
  inboundBatchMs: number;
  backoff: BackoffPolicy;
}

/** 2 calls a second; 8 tries, 30 s doubling up to 1 h (about 2 hours in all). */
export const DEFAULT_CLEANUP: CleanupOptions = {
  rate: 2,
  leaseMs: 120_000,
  pollMs: 5_000,
  inboundDelayMs: 10_000,
  inboundBatchMs: 200,
  backoff: { baseMs: 30_000, maxMs: 3600_000, maxAttempts: 8 },
};

/** Most inbound deletions written in one transaction (a few milliseconds of work). */
const INBOUND_BATCH = 256;

export class ProviderCleanup {
  private readonly pacer: Pacer;
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly alarm = new WakeableSleep();

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly cleaner: ProviderCleaner,
    private readonly log: Logger,
    private readonly opts: CleanupOptions = DEFAULT_CLEANUP,
    private readonly now: () => number = Date.now,
  ) {
    this.pacer = new Pacer(opts.rate, now);
  }

  /** Queues the redaction of sent message `sid` (call inside the transaction that records its final status). */
  redact(sid: string): void {
    if (enqueueProviderTask(this.db, this.vault, 'redact', sid, this.now()) !== null) this.db.onCommit(() => this.wake());
  }

  /**
   * Queues the deletion of handled inbound message `sid`. Ids wait in memory
   * for at most `inboundBatchMs` (or until `INBOUND_BATCH` are waiting) and
   * are written in one transaction: a commit per webhook cost a HELP that
   * Twilio answered about half its speed. A crash in that window leaves
   * those few messages at Twilio (their handling is not affected).
   */
  deleteInbound(sid: string): void {
    this.inboundSids.push(sid);
    if (this.inboundSids.length >= INBOUND_BATCH) this.writeInbound();
    else this.inboundTimer ??= setTimeout(() => this.writeInbound(), this.opts.inboundBatchMs);
  }

  private inboundSids: string[] = [];
  private inboundTimer: NodeJS.Timeout | null = null;

  /** Writes the queued deletions in one transaction. */
  private writeInbound(): void {
    if (this.inboundTimer) clearTimeout(this.inboundTimer);
    this.inboundTimer = null;
    const sids = this.inboundSids;
    if (sids.length === 0) return;
    this.inboundSids = [];
    const dueAt = this.now() + this.opts.inboundDelayMs;
    try {
      enqueueProviderTasks(this.db, this.vault, 'delete', sids, dueAt);
    } catch (err) {
      // Only Twilio's copy is at stake (the messages were handled): logged, not retried.
      this.log.error({ err: safeError(err), messages: sids.length }, 'could not queue the deletion of handled messages at Twilio');
    }
  }

  start(): void {
    if (this.running) return;
    const released = releaseProviderLeases(this.db, this.now());
    if (released) this.log.warn({ released }, 'provider tasks claimed before the last stop are due again');
    this.running = this.loop();
  }

  wake(): void {
    this.alarm.wake();
  }

  /** Stops after the call in flight. */
  async stop(): Promise<void> {
    this.writeInbound();
    this.stopping = true;
    this.alarm.halt();
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.step();
      } catch (err) {
        this.log.error({ err: safeError(err) }, 'provider cleanup failed; trying again');
        await this.alarm.sleep(this.opts.pollMs);
      }
    }
  }

  private async step(): Promise<void> {
    const wait = this.pacer.waitMs();
    if (wait > 0) return this.alarm.sleep(wait);
    this.alarm.clear();
    const t = this.now();
    const [task] = claimProviderTasks(this.db, this.vault, t, 1, t + this.opts.leaseMs);
    if (!task) {
      const due = nextProviderTaskDue(this.db);
      return this.alarm.sleep(due === null ? this.opts.pollMs : Math.min(this.opts.pollMs, Math.max(1, due - t)));
    }
    this.pacer.take();
    await this.run(task);
  }

  private async run(task: ProviderTask): Promise<void> {
    const { backoff } = this.opts;
    try {
      if (task.kind === 'redact') await this.cleaner.redact(task.sid);
      else await this.cleaner.remove(task.sid);
      this.pacer.observe(false);
      finishProviderTask(this.db, task.id);
      return;
    } catch (err) {
      const e = err instanceof SendError ? err : new SendError('server', 'internal');
      if (!(err instanceof SendError)) this.log.error({ err: safeError(err), task: task.id }, 'unexpected provider cleanup failure');
      this.pacer.observe(e.kind === 'throttled');
      const reason = `${e.kind}${e.code ? `:${e.code}` : ''}`;
      if (this.cleaner.isGone(e)) {
        // Already deleted (or never stored): nothing of it is left to clean.
        finishProviderTask(this.db, task.id);
      } else if (task.attempts < backoff.maxAttempts) {
        this.log.warn({ task: task.id, kind: task.kind, reason, attempts: task.attempts }, 'provider cleanup failed; will retry');
        retryProviderTask(this.db, task.id, this.now() + Math.max(backoffDelay(backoff, task.attempts), e.retryAfterMs ?? 0));
      } else {
        this.log.warn({ task: task.id, kind: task.kind, reason, attempts: task.attempts }, 'provider cleanup gave up; the provider keeps this message');
        finishProviderTask(this.db, task.id);
      }
    }
  }

}
