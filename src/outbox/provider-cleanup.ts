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
import { firstSeen } from '../store/inbound-log';
import {
  claimProviderTasks,
  enqueueProviderTask,
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
  /**
   * Wait after an inbound message is handled before it is deleted: Twilio refuses the DELETE of a
   * message it has not completed (20009), and its documentation asks for a minute at least.
   */
  inboundDelayMs: number;
  /** Longest an inbound message's id waits in memory before its deletion is written. */
  inboundBatchMs: number;
  backoff: BackoffPolicy;
}

/**
 * 2 calls a second; an inbound message deleted 2 minutes after it was handled (twice the minute
 * Twilio asks for); 8 tries, 30 s doubling (about an hour in all, with jitter 30 to 65 minutes).
 * The wait costs no memory: the ids wait in the database (provider_tasks), sealed.
 */
export const DEFAULT_CLEANUP: CleanupOptions = {
  rate: 2,
  leaseMs: 120_000,
  pollMs: 5_000,
  inboundDelayMs: 120_000,
  inboundBatchMs: 200,
  backoff: { baseMs: 30_000, maxMs: 3600_000, maxAttempts: 8 },
};

/** Most inbound deletions written in one transaction (about a millisecond of work). */
const INBOUND_BATCH = 1024;

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

  /**
   * Queues the redaction of sent message `sid` (call inside the transaction
   * that records its final status), once: a final status posted again (a
   * replay, as Twilio's signature has no nonce) matches no row, like a TwiML
   * reply's, so only the sid's index, kept for RETENTION_DAYS, tells them apart.
   */
  redact(sid: string): void {
    this.db.transaction(() => {
      if (!firstSeen(this.db, this.vault.index('inbound', `sms-final:${sid}`), this.now())) return;
      if (enqueueProviderTask(this.db, this.vault, 'redact', [sid], this.now()) !== null) this.db.onCommit(() => this.wake());
    });
  }

  /**
   * Queues the deletion of handled inbound message `sid`. Ids wait in memory
   * for at most `inboundBatchMs` (or until `INBOUND_BATCH` are waiting) and
   * are written as one task: a commit per webhook cost a HELP that Twilio
   * answered about half its speed, and a sealed row per message still a
   * fifth. A crash in that window leaves those few messages at Twilio
   * (their handling is not affected).
   */
  deleteInbound(sid: string): void {
    this.inboundSids.push(sid);
    if (this.inboundSids.length >= INBOUND_BATCH) this.writeInbound();
    else this.inboundTimer ??= setTimeout(() => this.writeInbound(), this.opts.inboundBatchMs);
  }

  private inboundSids: string[] = [];
  private inboundTimer: NodeJS.Timeout | null = null;

  /** Writes the queued deletions as one task. */
  private writeInbound(): void {
    if (this.inboundTimer) clearTimeout(this.inboundTimer);
    this.inboundTimer = null;
    const sids = this.inboundSids;
    if (sids.length === 0) return;
    this.inboundSids = [];
    const dueAt = this.now() + this.opts.inboundDelayMs;
    try {
      enqueueProviderTask(this.db, this.vault, 'delete', sids, dueAt);
      // An idle worker looks at least every pollMs, then sleeps until the task is due: only a
      // shorter delay needs it woken (under load, a wake per batch cost a claim per batch).
      if (this.opts.inboundDelayMs < this.opts.pollMs) this.wake();
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
    this.alarm.clear();
    const t = this.now();
    const [task] = claimProviderTasks(this.db, this.vault, t, 1, t + this.opts.leaseMs);
    if (!task) {
      const due = nextProviderTaskDue(this.db);
      return this.alarm.sleep(due === null ? this.opts.pollMs : Math.min(this.opts.pollMs, Math.max(1, due - t)));
    }
    await this.run(task);
  }

  /** Waits for the pacer's next slot; false if the worker is stopping. */
  private async slot(): Promise<boolean> {
    for (let wait = this.pacer.waitMs(); wait > 0 && !this.stopping; wait = this.pacer.waitMs()) await this.alarm.sleep(wait);
    if (this.stopping) return false;
    this.pacer.take();
    return true;
  }

  /**
   * One call per message id of the task, paced. What failed is kept in the
   * task for a later try by the backoff; what a stop left untried is kept
   * too (with the failures' wait when there were any, at once otherwise).
   */
  private async run(task: ProviderTask): Promise<void> {
    const { backoff } = this.opts;
    const failed: string[] = [];
    let untried: string[] = [];
    let wait = 0;
    let reason = '';
    for (const [i, sid] of task.sids.entries()) {
      if (!(await this.slot())) {
        untried = task.sids.slice(i);
        break;
      }
      try {
        if (task.kind === 'redact') await this.cleaner.redact(sid);
        else await this.cleaner.remove(sid);
        this.pacer.observe(false);
      } catch (err) {
        const e = err instanceof SendError ? err : new SendError('server', 'internal');
        if (!(err instanceof SendError)) this.log.error({ err: safeError(err), task: task.id }, 'unexpected provider cleanup failure');
        this.pacer.observe(e.kind === 'throttled');
        // Already deleted (or never stored): nothing of it is left to clean.
        if (this.cleaner.isGone(e)) continue;
        failed.push(sid);
        reason = `${e.kind}${e.code ? `:${e.code}` : ''}`;
        wait = Math.max(wait, backoffDelay(backoff, task.attempts), e.retryAfterMs ?? 0);
      }
    }
    const log = { task: task.id, kind: task.kind, reason, attempts: task.attempts, failed: failed.length };
    if (failed.length > 0 && task.attempts >= backoff.maxAttempts) {
      this.log.warn(log, 'provider cleanup gave up; the provider keeps these messages');
      failed.length = 0;
    } else if (failed.length > 0) {
      this.log.warn(log, 'provider cleanup failed; will retry');
    }
    const keep = [...failed, ...untried];
    if (keep.length === 0) finishProviderTask(this.db, task.id);
    // A task only stopped, not failed, has not used up a try.
    else if (failed.length === 0) retryProviderTask(this.db, this.vault, task.id, keep, task.attempts - 1, this.now());
    else retryProviderTask(this.db, this.vault, task.id, keep, task.attempts, this.now() + wait);
  }
}
