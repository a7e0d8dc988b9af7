/**
 * The per-sender message limit, kept in memory: it is checked on every
 * inbound message, and a database write per message for it would cost more
 * than the rest of a HELP. Losing the counts at a restart only forgives a
 * flood for one window. Keys are blind indexes, never addresses.
 */
export class MessageLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Most senders tracked; past it, expired windows are dropped, then the oldest. */
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one message from `key`; false when the sender is over the limit in this window. */
  take(key: string, now: number): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (!w && this.windows.size >= this.maxKeys) this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    if (w.count >= this.max) return false;
    w.count++;
    return true;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    // Still full of live windows: forget the oldest tenth rather than grow without bound.
    let drop = this.windows.size >= this.maxKeys ? Math.ceil(this.maxKeys / 10) : 0;
    for (const k of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(k);
    }
  }
}
