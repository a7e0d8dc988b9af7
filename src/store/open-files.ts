/**
 * Whether the database's files are still the ones the server opened: the
 * database, its -wal and -shm, by device and inode. One removed (or
 * replaced) while the server runs goes unseen by SQLite: the server writes
 * on into a file no other process can open (an admin command then makes its
 * own, and the two diverge), and loses it at its stop. A stat of each, at
 * most every FILES_CHECK_EVERY_MS: cheap enough for /readyz.
 */
import fs from 'node:fs';
import path from 'node:path';

/** How often the files are looked at again (the answer in between is the last one). */
export const FILES_CHECK_EVERY_MS = 5_000;

/** A file's device and inode; null when it is not there; 'unknown' when it cannot be looked at (not taken for gone). */
function identity(file: string): string | null {
  try {
    const s = fs.statSync(file);
    return `${s.dev}:${s.ino}`;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? null : 'unknown';
  }
}

export class OpenFiles {
  /** Each file there when watching began, and its identity then. */
  private readonly opened = new Map<string, string>();
  private last: { at: number; missing: string[] } | null = null;

  /** Notes the identity of `file`, its -wal and -shm as they are now (the connection has them open). */
  constructor(file: string) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      const id = identity(f);
      if (id !== null && id !== 'unknown') this.opened.set(f, id);
    }
  }

  /** The names of the files gone or replaced since, in that order (none: all in place). */
  missing(now: number): string[] {
    const last = this.last;
    // A clock stepped back counts as time passed: a step must not hold a stale answer.
    if (last && now >= last.at && now - last.at < FILES_CHECK_EVERY_MS) return last.missing;
    const missing: string[] = [];
    for (const [file, id] of this.opened) {
      const found = identity(file);
      if (found !== id && found !== 'unknown') missing.push(path.basename(file));
    }
    this.last = { at: now, missing };
    return missing;
  }
}
