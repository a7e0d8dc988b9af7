/**
 * The Signal receiver's queue: each received item goes to `onItem` in the
 * order received, one at a time. An item `onItem` could not take (it
 * rejects: the database refused both to handle the message and to park it,
 * a full disk) stays at the head, in memory, and is offered again with
 * backoff, the items behind it waiting, until it is taken: signal-cli has
 * already handed it over and keeps no copy.
 *
 * Polling adds a batch and takes no new one until the queue is empty
 * (signal-receiver.ts), so it holds at most a batch and the rest wait at
 * signal-cli: nothing is lost. The websocket cannot be paused (signal-cli
 * keeps nothing for a client that is not connected): what arrives while
 * `maxItems` items or `maxBytes` of frames wait is lost, and said so.
 * Stopping offers each waiting item once more, with no wait; what the
 * database still refuses then is lost, and said so.
 */
import { safeError } from '../../log/safe-error';
import type { Logger } from '../../log/logger';
import { backoffDelay, type Backoff } from '../../util/backoff';

export interface ReceiveQueueOptions {
  /** Takes one item; rejects when it could not be stored, to be offered again. */
  onItem: (item: unknown) => void | Promise<void>;
  log: Logger;
  /** The wait before each new offer of a refused item. */
  backoff: Backoff;
  /** Most items waiting when a frame is offered (websocket). */
  maxItems: number;
  /** Most bytes of frames waiting (websocket). */
  maxBytes: number;
  /** What happens meanwhile to what signal-cli still holds, said with the first refusal. */
  meanwhile: string;
}

interface Entry {
  item: unknown;
  bytes: number;
}

export class ReceiveQueue {
  private readonly entries: Entry[] = [];
  private bytes = 0;
  private draining: Promise<void> = Promise.resolve();
  private running = false;
  private stopping = false;
  /** Refusals in a row of the item at the head. */
  private refusals = 0;
  /** Frames lost past the bound since the queue was last empty. */
  private lost = 0;
  private wake: (() => void) | null = null;

  constructor(private readonly opts: ReceiveQueueOptions) {}

  /** Adds a polled item: a poll's batch is bounded, and no new one is taken until the queue is empty. */
  add(item: unknown): void {
    this.entries.push({ item, bytes: 0 });
    this.run();
  }

  /** Adds a websocket frame unless the bound is reached; then it is lost (said once while the queue is not empty). */
  offer(item: unknown, bytes: number): void {
    if (this.entries.length >= this.opts.maxItems || this.bytes + bytes > this.opts.maxBytes) {
      this.lost++;
      this.opts.log[this.lost === 1 ? 'error' : 'debug'](
        { waiting: this.entries.length, waitingBytes: this.bytes, maxItems: this.opts.maxItems, maxBytes: this.opts.maxBytes },
        'a Signal message arrived past the bound of what may wait in memory: it is lost',
      );
      return;
    }
    this.entries.push({ item, bytes });
    this.bytes += bytes;
    this.run();
  }

  /** Resolves once every item added so far has been taken (or, stopping, given up). */
  idle(): Promise<void> {
    return this.draining;
  }

  /** From now on each item is offered once, with no backoff: what is refused is lost (idle() says when done). */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    this.draining = this.drain();
  }

  private async drain(): Promise<void> {
    while (this.entries.length > 0) {
      const head = this.entries[0] as Entry;
      const refused = await this.take(head.item);
      if (refused === null || this.stopping) {
        this.entries.shift();
        this.bytes -= head.bytes;
        if (refused !== null) this.opts.log.error({ err: safeError(refused) }, 'stopping while the database refuses a received Signal message: it is lost');
        else if (this.refusals > 0) this.tookAgain();
        continue;
      }
      this.refusals++;
      const wait = backoffDelay(this.opts.backoff, this.refusals);
      if (this.refusals === 1) {
        this.opts.log.error(
          { err: safeError(refused), waiting: this.entries.length, retryInMs: wait },
          `Signal messages wait in memory: the database refuses writes (is the disk full?); they are tried again until it takes them${this.opts.meanwhile}`,
        );
      } else {
        this.opts.log.debug({ waiting: this.entries.length, refusals: this.refusals, retryInMs: wait }, 'Signal messages still wait: the database refuses writes');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    if (this.lost > 0) this.opts.log.error({ lost: this.lost }, 'Signal messages that arrived past the bound of what may wait in memory were lost');
    this.lost = 0;
    this.running = false;
  }

  /** Offers one item: null once taken, or why it was not. */
  private async take(item: unknown): Promise<unknown> {
    try {
      await this.opts.onItem(item);
      return null;
    } catch (err) {
      return err ?? new Error('refused');
    }
  }

  private tookAgain(): void {
    this.opts.log.info({ refusals: this.refusals, waiting: this.entries.length }, 'the database takes writes again: the Signal messages that waited are handled');
    this.refusals = 0;
  }
}
