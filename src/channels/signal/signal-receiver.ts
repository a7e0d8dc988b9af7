/**
 * Receiving from signal-cli-rest-api in either of its styles:
 * - websocket (MODE=json-rpc): one long-lived websocket on
 *   /v1/receive/{number}, one `{envelope, account}` per frame; one that dies
 *   (signal-websocket.ts says when) is re-opened with backoff. The server
 *   keeps nothing for a client that is not connected, so reconnecting
 *   promptly matters; but only a connection that worked ends the backoff.
 * - poll (MODE=normal/native): GET /v1/receive/{number} every `pollMs`; it
 *   answers a JSON array served as text/plain, whose messages are read even
 *   when other lines signal-cli printed make the whole not JSON
 *   (receive-batch.ts). Any other answer (an error status, no answer, a 200
 *   that is no array such as a proxy's HTML page) is a failure: the next
 *   poll waits by the shared backoff, and only the first failure of a run of
 *   them is warned about.
 * Each item goes to `onItem` in the order received; one it could not take
 * (the database refuses writes) is kept in memory and offered again until
 * taken, polling taking no new batch meanwhile (receive-queue.ts). The
 * receiver only transports, it never reads a message. It says whether it
 * is receiving (receive-health.ts), for /readyz.
 */
import axios, { type AxiosInstance } from 'axios';
import WebSocket from 'ws';
import { backoffDelay } from '../../util/backoff';
import { AT_ONCE } from './account-turn';
import { FirstReceive } from './first-receive';
import { ReceiveHealth } from './receive-health';
import { ReceiveQueue } from './receive-queue';
import { DEFAULT_RECEIVER, type ReceiverTuning, type SignalReceiverOptions } from './receiver-tuning';
import { batchFull, MAX_BATCH, MAX_ENVELOPE_BYTES, parseBatch } from './receive-batch';
import { openReceiveSocket } from './signal-websocket';

export { DEFAULT_RECEIVER, type ReceiverTuning, type SignalReceiverOptions } from './receiver-tuning';

/** Receives Signal messages until stopped. */
export class SignalReceiver {
  private readonly tuning: ReceiverTuning;
  private stopped = true;
  private ws: WebSocket | null = null;
  /** Clears the current connection's ping timers. */
  private clearConnTimers: () => void = () => undefined;
  private timers = new Set<NodeJS.Timeout>();
  private failures = 0;
  /** Whether this episode's connect was already logged at info (websocket). */
  private saidConnected = false;
  private readonly queue: ReceiveQueue;
  private polling: Promise<void> | null = null;
  private readonly http: AxiosInstance;
  private pollAbort: AbortController | null = null;
  /** Whether the poll in flight has been issued (it may still wait for the account's turn). */
  private pollIssued = false;
  private wakeSleep: (() => void) | null = null;
  /** Connections opened so far (tests and logs). */
  connections = 0;
  private readonly first: FirstReceive;
  private readonly health: ReceiveHealth;

  constructor(private readonly opts: SignalReceiverOptions) {
    this.tuning = { ...DEFAULT_RECEIVER, ...opts.tuning };
    this.first = new FirstReceive(this.tuning, opts.log);
    this.health = new ReceiveHealth(this.tuning.staleMs, opts.now ?? (() => performance.now()));
    this.queue = new ReceiveQueue({
      onItem: opts.onItem,
      log: opts.log,
      backoff: { baseMs: this.tuning.reconnectBaseMs, maxMs: this.tuning.heldRetryMaxMs },
      maxItems: this.tuning.waitingMax,
      maxBytes: this.tuning.waitingMaxBytes,
      meanwhile:
        opts.mode === 'poll'
          ? '; no more are taken from signal-cli, which keeps them, until then'
          : '; more arriving by the websocket wait too, up to a bound',
    });
    // Bounded like the websocket's frames: a receive answer is a batch of at most MAX_BATCH envelopes.
    this.http = axios.create({
      baseURL: opts.apiUrl,
      responseType: 'text',
      transformResponse: (d) => d,
      validateStatus: () => true,
      maxContentLength: MAX_BATCH * MAX_ENVELOPE_BYTES,
    });
  }

  /** Whether messages are being received, or were a moment ago (receive-health.ts): for /readyz. */
  get receiving(): boolean {
    return this.health.receiving;
  }

  /**
   * Resolves once what waited at signal-cli when receiving started has been
   * handled, or after `boundMs` (first-receive.ts); at once when stopped.
   */
  get caughtUp(): Promise<void> {
    return this.first.done;
  }

  /**
   * Handling a received item started `settled` (trusting a changed safety
   * number), after which signal-cli hands over the message it held: the
   * catch-up at start waits for it, and a receive after it (first-receive.ts).
   */
  awaitMore(settled: Promise<void>): void {
    this.first.awaitMore(settled);
  }

  private get path(): string {
    // The number is validated E.164 (+ and digits); signal-cli-rest-api expects it as is.
    return `/v1/receive/${this.opts.number}`;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.health.worked();
    // In json-rpc mode signal-cli keeps nothing for a client that is not connected: no message waited, nothing to catch up.
    if (this.opts.mode === 'websocket') this.first.finish();
    else this.first.start();
    if (this.opts.mode === 'websocket') this.connect();
    else this.polling = this.pollLoop();
  }

  /** Closes the connection or ends polling, and waits for items being handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.first.finish();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // A receive in flight is let finish and its messages handled: signal-cli has already taken them
    // from Signal, so cutting the request would lose them. In normal mode a JVM starts first (seconds):
    // it is cut only where the request itself would time out. One still waiting for its turn took nothing: dropped now.
    if (!this.pollIssued) this.pollAbort?.abort();
    const guard = setTimeout(() => this.pollAbort?.abort(), this.receiveTimeoutMs());
    this.wakeSleep?.();
    // Items the database refuses are offered once more, not waited for: the poll loop waits for them.
    this.queue.stop();
    const ws = this.ws;
    this.ws = null;
    this.clearConnTimers();
    if (ws) {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
    }
    await this.polling;
    clearTimeout(guard);
    await this.queue.idle();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private backoffMs(): number {
    // failures counts the ones before this wait: the first wait is the base.
    return backoffDelay({ baseMs: this.tuning.reconnectBaseMs, maxMs: this.tuning.reconnectMaxMs }, this.failures + 1);
  }

  /** Queues one websocket frame for handling, in order (bounded: receive-queue.ts). */
  private deliver(raw: string): void {
    let item: unknown;
    try {
      item = JSON.parse(raw);
    } catch {
      this.opts.log.warn({ bytes: raw.length }, 'ignored a Signal item that is not JSON');
      return;
    }
    this.queue.offer(item, raw.length);
  }

  private connect(): void {
    if (this.stopped) return;
    const url = `${this.opts.apiUrl.replace(/^http/, 'ws')}${this.path}`;
    const socket = openReceiveSocket(url, MAX_ENVELOPE_BYTES, this.tuning, this.opts.log, {
      opened: () => {
        this.connections++;
        // Said once per episode, as failures are.
        this.opts.log[this.saidConnected ? 'debug' : 'info']({ connections: this.connections }, 'Signal websocket connected');
        this.saidConnected = true;
      },
      works: () => {
        this.health.connection(true);
        // Said at info as polling says it: after a storm the last "connected" came before the failures' warning.
        if (this.failures > 0) this.opts.log.info({ failedConnections: this.failures }, 'Signal websocket receiving again');
        this.failures = 0;
        this.saidConnected = false;
      },
      frame: (text) => {
        this.deliver(text);
      },
      quiet: () => this.failures > 0,
      closed: () => {
        this.health.connection(false);
        if (this.ws === socket.ws) this.ws = null;
        if (this.stopped) return;
        const wait = this.backoffMs();
        // Warned once per episode (as polling is); each further try of the backoff is only debug.
        this.opts.log[this.failures === 0 ? 'warn' : 'debug']({ reconnectInMs: wait }, 'Signal websocket closed; messages that arrive before it reconnects are lost by signal-cli-rest-api');
        this.failures++;
        this.later(wait, () => this.connect());
      },
    });
    this.ws = socket.ws;
    this.clearConnTimers = socket.clearTimers;
  }

  /** How long one receive may take: signal-cli's own wait, and time for a JVM to start (normal mode). */
  private receiveTimeoutMs(): number {
    return this.tuning.pollTimeoutS * 1000 + this.tuning.receiveStartMs;
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopped) {
      let wait = this.tuning.pollMs;
      this.pollAbort = new AbortController();
      const abort = this.pollAbort;
      let cut: NodeJS.Timeout | undefined;
      let startedAt = 0;
      try {
        // Issued in the account's turn; its time-out counts from then, not from the wait for it.
        const res = await (this.opts.turn ?? AT_ONCE).run(
          'first',
          () => {
            this.pollIssued = true;
            startedAt = performance.now();
            // axios's timeout only bounds an idle socket: an answer trickled a byte at a time (a proxy) would stall receiving for good.
            cut = setTimeout(() => abort.abort(), this.receiveTimeoutMs());
            return this.http.get(this.path, {
              // Attachments and stories are never acted on: do not download them.
              params: { timeout: String(this.tuning.pollTimeoutS), max_messages: String(MAX_BATCH), ignore_attachments: 'true', ignore_stories: 'true' },
              timeout: this.receiveTimeoutMs(),
              signal: abort.signal,
            });
          },
          abort.signal,
        );
        const batch = res.status === 200 ? parseBatch(String(res.data ?? ''), MAX_ENVELOPE_BYTES) : null;
        if (res.status !== 200) {
          wait = this.pollFailed({ status: res.status }, 'Signal receive failed (in json-rpc mode set SIGNAL_RECEIVE_MODE=websocket); retrying with backoff');
        } else if (batch === null) {
          // A 200 that is not a JSON batch is not signal-cli-rest-api (a proxy's HTML page): a failure like any other.
          wait = this.pollFailed(
            { status: res.status, bytes: String(res.data ?? '').length },
            'Signal receive answered 200 with something that is not signal-cli-rest-api\'s JSON (a proxy in front of it?); retrying with backoff',
          );
        } else {
          this.pollWorked();
          const items = batch.items;
          // signal-cli printed something else among the messages (a stack trace): only the count, its text may name someone.
          if (batch.dropped > 0) this.opts.log.warn({ dropped: batch.dropped, kept: items.length }, 'Signal receive answer held lines that are not messages; the messages in it are handled');
          for (const item of items) this.queue.add(item);
          // No new batch until these are taken, or kept to be tried again: signal-cli keeps what it has not handed over.
          await this.queue.idle();
          const full = batchFull(batch);
          this.first.polled(full);
          if (!full) this.opts.onReceived?.(startedAt);
          // More may be waiting at signal-cli: a burst is taken batch after batch, not a batch a second.
          if (full) wait = 0;
        }
      } catch (err) {
        if (this.stopped) break;
        wait = this.pollFailed({ code: (err as { code?: string }).code }, 'Signal receive failed; retrying with backoff');
      } finally {
        clearTimeout(cut);
        this.pollIssued = false;
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        this.wakeSleep = resolve;
        this.later(wait, resolve);
      });
      this.wakeSleep = null;
    }
  }

  /**
   * Counts a failed poll and returns the wait before the next. Only the first
   * failure of an episode is a warning: a proxy or an outage lasting hours
   * would otherwise fill the log; the rest are at debug.
   */
  private pollFailed(fields: Record<string, unknown>, msg: string): number {
    const wait = this.backoffMs();
    if (this.failures === 0) this.opts.log.warn({ ...fields, retryInMs: wait }, msg);
    else this.opts.log.debug({ ...fields, failures: this.failures + 1, retryInMs: wait }, msg);
    this.failures++;
    return wait;
  }

  private pollWorked(): void {
    this.health.worked();
    if (this.failures > 0) this.opts.log.info({ failedPolls: this.failures }, 'Signal receiving again: signal-cli-rest-api answers');
    this.failures = 0;
  }
}
