/**
 * Whether the Signal receiver is receiving, for /readyz. In json-rpc mode
 * signal-cli drops what arrives while no client is connected, so a receiver
 * that keeps reconnecting loses messages while the server still answers its
 * health check. Receiving counts while a websocket that works is open
 * (signal-websocket.ts: it carried something, or stayed open a while), and
 * for `staleMs` after it closed or after a poll answered; a receiver that
 * just started gets `staleMs` too. Only a longer gap is "not receiving": a
 * normal reconnect or a slow receive (normal mode starts a JVM) fits in it.
 */
export class ReceiveHealth {
  private lastGood: number;
  /** A websocket that works is open now. */
  private live = false;

  constructor(
    private readonly staleMs: number,
    private readonly now: () => number,
  ) {
    this.lastGood = now();
  }

  /** Receiving starts (or a poll answered): judged from now. */
  worked(): void {
    this.lastGood = this.now();
  }

  /** A websocket that works opened (true) or closed (false). */
  connection(open: boolean): void {
    if (open || this.live) this.lastGood = this.now();
    this.live = open;
  }

  get receiving(): boolean {
    return this.live || this.now() - this.lastGood <= this.staleMs;
  }
}
