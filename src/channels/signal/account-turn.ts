/**
 * The account's turn at signal-cli-rest-api, held here rather than at
 * signal-cli. In normal and native mode (SIGNAL_RECEIVE_MODE=poll) upstream
 * runs one signal-cli process per request, and the processes of one account
 * take turns on its lock: a request issued while another is served waits
 * there, and its client's time-out runs while it waits. One that passes it is
 * counted failed though signal-cli still serves it: a send is then delivered
 * twice, a receive takes messages from Signal that no one reads.
 *
 * So the sender, the poll receiver and the moderators' identity checks share
 * one AccountTurn: each request is issued only once the one before has
 * answered (its own time-out then counts signal-cli's work on it alone). A
 * receive and an identity check go `first`, ahead of sends waiting: a
 * member's message and a moderator's check wait for the request being served
 * at most, never for a fan-out.
 *
 * In json-rpc mode one daemon serves requests as they come: AT_ONCE.
 */

/** `first`: a receive or a moderator's identity check; `inLine`: a send, or another of the sender's requests. */
export type TurnPlace = 'first' | 'inLine';

export interface Turn {
  /** Runs `request` in the account's turn; one aborted by `signal` before its turn is never issued (rejects with an AbortError). */
  run<T>(place: TurnPlace, request: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** json-rpc mode: signal-cli's daemon serves requests as they come. */
export const AT_ONCE: Turn = { run: (_place, request) => request() };

interface Waiter {
  go: () => void;
}

/** One request to the account at a time, receives and identity checks ahead of sends. */
export class AccountTurn implements Turn {
  private busy = false;
  private readonly first: Waiter[] = [];
  private readonly inLine: Waiter[] = [];

  async run<T>(place: TurnPlace, request: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.take(place, signal);
    try {
      return await request();
    } finally {
      this.pass();
    }
  }

  private take(place: TurnPlace, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    const queue = place === 'first' ? this.first : this.inLine;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        go: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        queue.splice(queue.indexOf(waiter), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  /** The turn passes to the next waiting: a receive or identity check first, then the oldest send. */
  private pass(): void {
    const next = this.first.shift() ?? this.inLine.shift();
    if (next) next.go();
    else this.busy = false;
  }
}
