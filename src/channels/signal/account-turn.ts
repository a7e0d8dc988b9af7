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
import { SendError, SHUTTING_DOWN } from '../types';

/** `first`: a receive or a moderator's identity check; `inLine`: a send, or another of the sender's requests. */
export type TurnPlace = 'first' | 'inLine';

export interface Turn {
  /** Runs `request` in the account's turn; one aborted by `signal` before its turn is never issued (rejects with an AbortError). */
  run<T>(place: TurnPlace, request: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** A stop has begun: sends waiting, and any to come until resume(), are refused unissued (SendError, never reached); receives and checks still go. */
  drain(): void;
  /** Sending starts again (a lane started after a stop). */
  resume(): void;
}

/** json-rpc mode: signal-cli's daemon serves requests as they come. */
export const AT_ONCE: Turn = { run: (_place, request) => request(), drain: () => undefined, resume: () => undefined };

interface Waiter {
  go: () => void;
  refuse: (err: Error) => void;
}

/** Why a send waiting for its turn was not issued: the server is stopping (it is tried again at the next start). */
const stopping = () => new SendError('connection', SHUTTING_DOWN);

/** One request to the account at a time, receives and identity checks ahead of sends. */
export class AccountTurn implements Turn {
  private busy = false;
  private draining = false;
  private readonly first: Waiter[] = [];
  private readonly inLine: Waiter[] = [];

  /**
   * A stop waits for the sends in flight: one served, the next waiting here. Served one after the other,
   * a signal-cli that hangs would hold the stop for two time-outs, past the 45 s a stop is given.
   */
  drain(): void {
    this.draining = true;
    for (const waiter of this.inLine.splice(0)) waiter.refuse(stopping());
  }

  resume(): void {
    this.draining = false;
  }

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
    if (this.draining && place === 'inLine') return Promise.reject(stopping());
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
        refuse: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
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
