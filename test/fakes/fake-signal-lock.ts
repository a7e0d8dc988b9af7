/**
 * The account's lock in the fake signal-cli-rest-api's normal/native mode:
 * upstream runs one signal-cli process per request, and the processes of one
 * account take turns on its lock. Sends, receives and identity lists are
 * served one at a time, in the order they came; a request whose client gave
 * up while it waited is still served when its turn comes (a receive then
 * takes messages from Signal that no one reads). The turn passes on once the
 * answer is written or its client has gone. In json-rpc mode one daemon
 * serves requests as they come: no lock.
 */
import type http from 'node:http';
import type { FakeSignalMode } from './fake-signal-errors';

/** What the lock reads and counts: the FakeSignal's own fields. */
export interface LockState {
  readonly mode: FakeSignalMode;
  /** The most requests waiting at once for their turn, behind the one served. */
  mostWaitingForTurn: number;
}

export class AccountLock {
  private turn: Promise<void> = Promise.resolve();
  /** Requests come and not yet answered (or given up on): the one served and those waiting. */
  private open = 0;

  constructor(private readonly state: LockState) {}

  /**
   * Serves a request in its turn, `afterMs` into it (signal-cli's work, read when the turn comes); holds
   * the turn until what `serve` returns has resolved, or else until its answer
   * is written or its client has gone.
   */
  take(res: http.ServerResponse, serve: () => void | Promise<void>, afterMs: () => number = () => 0): void {
    if (this.state.mode === 'json-rpc') {
      void serve();
      return;
    }
    let gone = false;
    res.once('close', () => (gone = true));
    this.open++;
    // The one served now is not waiting: only those behind it count.
    this.state.mostWaitingForTurn = Math.max(this.state.mostWaitingForTurn, this.open - 1);
    const served = () =>
      new Promise<void>((release) => {
        const done = () => {
          this.open--;
          release();
        };
        setTimeout(() => {
          const work = serve();
          if (work) void work.then(done);
          else if (gone) done();
          else res.once('close', done);
        }, afterMs());
      });
    this.turn = this.turn.then(served);
  }
}
