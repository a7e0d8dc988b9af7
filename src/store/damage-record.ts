/**
 * Whether SQLite has called the database damaged (SQLITE_CORRUPT,
 * SQLITE_NOTADB) to any statement or transaction since it opened. Sticky: a
 * damaged page stays damaged until a restore, and /readyz's trivial read and
 * write check touch other pages and pass while joins and alerts fail.
 */
import { isDatabaseDamaged } from './db-file';

export class DamageRecord {
  private seen = false;
  private tell: () => void = () => undefined;

  /** Looks at an error SQLite threw; the first damage seen is told (onFirst). */
  note(err: unknown): void {
    if (this.seen || !isDatabaseDamaged(err)) return;
    this.seen = true;
    this.tell();
  }

  /** Whether the file was found damaged. */
  found(): boolean {
    return this.seen;
  }

  /** Calls fn once, the first time the file is found damaged (the server logs what to do). */
  onFirst(fn: () => void): void {
    this.tell = fn;
  }
}
