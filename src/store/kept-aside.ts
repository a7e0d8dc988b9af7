/**
 * What a restore kept aside under a dated name: the databases
 * (heads-up.db.before-restore.kept-<time>), the line as an interrupted
 * restore left it, maybe newer than any backup, and the logs found with no
 * database (heads-up.db-wal.stray-<time>); and its staged copy. One lookup
 * and one sentence for the start and doctor, so that both name the same file
 * the same way.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Oldest first, by the name's time and then its count: a second keep within
 * one second is <time>-2, and a plain sort put <time>-10 before it.
 */
function byTime(prefix: string): (a: string, b: string) => number {
  const key = (name: string): [string, number] => {
    const m = /^(.*?T\d{6})(?:-(\d+))?(?:-wal|-shm)?$/.exec(name.slice(prefix.length));
    return m ? [m[1] ?? '', Number(m[2] ?? 1)] : [name, 0];
  };
  return (a, b) => {
    const [ta, na] = key(a);
    const [tb, nb] = key(b);
    return ta < tb ? -1 : ta > tb ? 1 : na - nb;
  };
}

/** The kept files beside `file`, oldest first: each database, and a -wal or -shm only where its database is not there. */
export function keptAside(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.before-restore.kept-`;
  const names = fs.readdirSync(dir).filter((f) => f.startsWith(prefix));
  return names
    .filter((f) => !/-(wal|shm)$/.test(f) || !names.includes(f.slice(0, -4)))
    .sort(byTime(prefix))
    .map((f) => path.join(dir, f));
}

/** With no database at `file`, what to do about a kept one, or null when there is none. */
export function lineKeptAsideProblem(file: string): string | null {
  // A log kept alone is another database's, and no line to rename into place; the newest kept database holds the latest writes.
  const databases = keptAside(file).filter((f) => !/-(wal|shm)$/.test(f));
  const kept = databases.at(-1);
  if (kept === undefined) return null;
  const which = databases.length > 1 ? ` (the newest of ${databases.length} kept databases)` : '';
  return `no database at ${file}, but ${kept}, the line as a restore kept it aside${which}: rename it (with its -wal, if any) to ${file}, or run heads-up restore with the latest backup; nothing was changed`;
}

/** With no database at `file`, what to do about a log a restore kept aside as a stray one, or null when there is none. */
export function strayLogProblem(file: string): string | null {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}-wal.stray-`;
  // The line's last writes: a start beside them would make a new, empty line.
  const stray = fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).sort(byTime(prefix)).pop();
  if (stray === undefined) return null;
  return `no database at ${file}, but ${path.join(dir, stray)}, the write-ahead log a restore kept aside: put the database back at ${file} and rename that log to ${file}-wal beside it, or run heads-up restore again with the latest backup; nothing was changed`;
}

/** With no database at `file`, what to do about the copy an interrupted restore was making, or null when there is none. */
export function stagedCopyProblem(file: string): string | null {
  if (!fs.existsSync(`${file}.restoring`)) return null;
  return `no database at ${file}, but ${file}.restoring, the copy an interrupted restore was making: run heads-up restore again with the backup (nothing was changed)`;
}

/**
 * With no database at `file`, what to do about a rescue copy the server wrote
 * (store/rescue-copy.ts) when its files were removed or DATA_DIR moved while
 * it ran, or null when there is none. It holds the line as the server last
 * had it: a start beside it would make a new, empty line that alerts no one.
 */
export function rescueCopyProblem(file: string): string | null {
  const dir = path.dirname(file);
  // Named by an ISO time (heads-up.rescued-2026-12-07T15-50-27-123Z.db): a plain sort is oldest first.
  const copies = fs.readdirSync(dir).filter((f) => /^heads-up\.rescued-.*\.db$/.test(f)).sort();
  const newest = copies.at(-1);
  if (newest === undefined) return null;
  const which = copies.length > 1 ? ` (the newest of ${copies.length} rescue copies)` : '';
  const rescue = path.join(dir, newest);
  return `no database at ${file}, but ${rescue}, the copy the server wrote when its database was removed or moved while it ran${which}: run heads-up restore ${rescue} (it is sealed under this line's key); nothing was changed`;
}
