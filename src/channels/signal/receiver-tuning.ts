/** What the Signal receiver (signal-receiver.ts) is given, and how it paces itself, and judges itself, by default. */
import type { ReceiveMode } from '../../config/env';
import type { Logger } from '../../log/logger';
import type { Turn } from './account-turn';
import type { FirstReceiveTuning } from './first-receive';
import type { SocketTuning } from './signal-websocket';

/** The websocket's liveness (signal-websocket.ts), the backoff and the polling. */
export interface ReceiverTuning extends SocketTuning, FirstReceiveTuning {
  /**
   * Reconnect (or, polling, retry after an error) after base·2^n, capped. The cap is short: in json-rpc mode
   * signal-cli receives as soon as it is back and drops what no websocket takes, so a grown wait loses messages.
   */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /**
   * A message the database refused (a full disk) is offered again after reconnectBaseMs·2^n, capped at this: longer
   * than the reconnect's, as each offer of a moderator's message lists the account's identities ahead of sends.
   */
  heldRetryMaxMs: number;
  /** Pause between polls. */
  pollMs: number;
  /** `timeout` of each poll, in seconds (signal-cli waits this long for messages). */
  pollTimeoutS: number;
  /** How much longer than that a receive may take: time for signal-cli to start (normal mode starts a JVM for each). */
  receiveStartMs: number;
  /** Not receiving (receive-health.ts, for /readyz) after this long without a websocket that works or a receive answered. */
  staleMs: number;
  /** Websocket: most messages, and bytes of them, waiting in memory while the database refuses writes (receive-queue.ts); more are lost. */
  waitingMax: number;
  waitingMaxBytes: number;
}

export const DEFAULT_RECEIVER: ReceiverTuning = {
  pingMs: 20_000,
  pongTimeoutMs: 10_000,
  reconnectBaseMs: 500,
  reconnectMaxMs: 2_000,
  heldRetryMaxMs: 30_000,
  stableMs: 5_000,
  pollMs: 1_000,
  pollTimeoutS: 1,
  receiveStartMs: 30_000,
  // Time for normal mode's JVM to start and a full batch or two to be handled.
  boundMs: 15_000,
  // More than a receive may take (31 s), and than signal-cli-rest-api's restart (its JVM: up to 45 s) followed by
  // the longest reconnect wait (reconnectMaxMs) and stableMs: a normal restart must not read as not receiving.
  staleMs: 90_000,
  // A busy line's hours of messages, each a kilobyte or two; bytes bound a hostile sender's 2 MiB envelopes.
  waitingMax: 1_000,
  waitingMaxBytes: 64 * 1024 * 1024,
};

export interface SignalReceiverOptions {
  apiUrl: string;
  number: string;
  mode: ReceiveMode;
  log: Logger;
  /**
   * Handles one received item (already JSON-parsed). May be async; items are
   * handled one at a time. Rejects only when the item could not be stored:
   * it is then offered again, the items after it waiting (receive-queue.ts).
   */
  onItem: (item: unknown) => void | Promise<void>;
  tuning?: Partial<ReceiverTuning>;
  /** A monotonic clock in ms for `receiving` (tests move it; a wall clock's step must not). */
  now?: () => number;
  /**
   * The account's turn, shared with the sender (account-turn.ts): in normal and native mode each
   * receive is issued only when signal-cli serves no other request, ahead of sends waiting.
   */
  turn?: Turn;
  /** Polling: a receive begun at `startedAt` (performance.now) was answered with less than a full batch, all of it handled (resume-gate.ts). */
  onReceived?: (startedAt: number) => void;
}
