/**
 * What a restore kept aside under a dated name: the line it replaced
 * (heads-up.db.replaced-<time>), never the line now; the database an
 * interrupted restore left (heads-up.db.before-restore.kept-<time>), maybe
 * newer than any backup; the logs found with no database
 * (heads-up.db-wal.stray-<time>); its staged copy; and the rescue copy a
 * running server wrote. One lookup and one sentence for the start and
 * doctor, so that both name the same file the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { adminCommand } from '../util/admin-command';

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

/** The files beside `file` whose names start `<name of file><tail>`, oldest first: each database, and a -wal or -shm only where its database is not there. */
function dated(file: string, tail: string): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}${tail}`;
  const names = fs.readdirSync(dir).filter((f) => f.startsWith(prefix));
  return names
    .filter((f) => !/-(wal|shm)$/.test(f) || !names.includes(f.slice(0, -4)))
    .sort(byTime(prefix))
    .map((f) => path.join(dir, f));
}

/** What an interrupted restore left that a later one kept (heads-up.db.before-restore.kept-<time>): maybe the newest copy of the line. */
export function keptAside(file: string): string[] {
  return dated(file, '.before-restore.kept-');
}

/**
 * The lines a successful restore replaced (heads-up.db.replaced-<time>): from
 * before the restore, so never offered as the line (put back, it would undo
 * every join and STOP since); only the operator's to delete or restore from.
 */
export function replacedLines(file: string): string[] {
  return dated(file, '.replaced-');
}

const mtime = (f: string): number => fs.statSync(f).mtimeMs;

/** The copies a running server wrote beside the database at `file` when its files were removed (store/rescue-copy.ts), by name. */
export function rescueCopies(file: string): string[] {
  const dir = path.dirname(file);
  return fs.readdirSync(dir).filter((f) => /^heads-up\.rescued-.*\.db$/.test(f)).sort().map((f) => path.join(dir, f));
}

/**
 * After a restore from a rescue copy beside the database at `file`, deletes
 * that copy (and any -wal, -shm): kept, weeks later with no database the
 * start would name it as the newest copy of the line. Deleted, not renamed:
 * the restored line, checked, holds all of it, and another name would be one
 * more old line to weigh. Returns its name, or null.
 */
export function dropRestoredRescue(backup: string, file: string): string | null {
  const b = fs.statSync(backup, { throwIfNoEntry: false });
  const copy = b && rescueCopies(file).find((f) => {
    const s = fs.statSync(f);
    return s.dev === b.dev && s.ino === b.ino;
  });
  if (!copy) return null;
  for (const f of [`${copy}-wal`, `${copy}-shm`, copy]) fs.rmSync(f, { force: true });
  return copy;
}

/**
 * With no database at `file`, what to do about a copy that may be the line:
 * a rescue copy the server wrote (store/rescue-copy.ts) when its files were
 * removed or DATA_DIR moved while it ran, or the database an interrupted
 * restore left, that a later one kept. Null when there is none. A start
 * beside one would make a new, empty line that alerts no one. With more than
 * one, the newest written is named (it holds the latest writes; a rescue copy
 * wins a tie, being written from the running line) and the others listed.
 */
export function lineCopyProblem(file: string): string | null {
  const rescues = rescueCopies(file);
  // A log kept alone is another database's, and no line to rename into place.
  const kept = keptAside(file).filter((f) => !/-(wal|shm)$/.test(f));
  // Written in one second, the later name wins: the lists are oldest first.
  const all = [...rescues.sort().map((f, i) => ({ f, rescue: true, i })), ...kept.map((f, i) => ({ f, rescue: false, i }))];
  all.sort((a, b) => mtime(b.f) - mtime(a.f) || Number(b.rescue) - Number(a.rescue) || b.i - a.i);
  const [newest, ...others] = all;
  if (newest === undefined) return null;
  const also = others.length ? `; the older ${others.length > 1 ? 'copies' : 'copy'} ${others.map((o) => o.f).join(', ')} can go once the line is right` : '';
  if (newest.rescue) {
    return `no database at ${file}, but ${newest.f}, the copy the server wrote when its database was removed or moved while it ran, the newest copy of the line: run ${adminCommand(`restore ${newest.f}`)} (it is sealed under this line's key)${also}; nothing was changed`;
  }
  return `no database at ${file}, but ${newest.f}, the line as an interrupted restore left it, the newest copy of the line: rename it (with its -wal, if any) to ${file}, or run ${adminCommand('restore')} with the latest backup${also}; nothing was changed`;
}

/**
 * With no database at `file`, what to do about the line a restore replaced,
 * or null when there is none: from before that restore, so never named as the
 * line, but a start beside it would make a new, empty line with no word of it.
 */
export function replacedLineProblem(file: string): string | null {
  const newest = replacedLines(file).filter((f) => !/-(wal|shm)$/.test(f)).pop();
  if (newest === undefined) return null;
  const at = /\.replaced-(\d{4}-\d\d-\d\dT\d\d)(\d\d)(\d\d)/.exec(newest);
  const when = at ? `${at[1]}:${at[2]}:${at[3]} UTC` : 'an earlier day';
  return `no database at ${file}, but ${newest}, the line a restore replaced on ${when}, from before that restore: restore the latest backup made since; only if there is none, and that restore did not replace it for being wrong or damaged, copy that file elsewhere and restore the copy; to start a new, empty line on purpose, move every heads-up.db.replaced-* file out of DATA_DIR first (nothing was changed)`;
}

/** With no database at `file`, what to do about a log a restore kept aside as a stray one, or null when there is none. */
export function strayLogProblem(file: string): string | null {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}-wal.stray-`;
  // The line's last writes: a start beside them would make a new, empty line.
  const stray = fs.readdirSync(dir).filter((f) => f.startsWith(prefix)).sort(byTime(prefix)).pop();
  if (stray === undefined) return null;
  return `no database at ${file}, but ${path.join(dir, stray)}, the write-ahead log a restore kept aside: put the database back at ${file} and rename that log to ${file}-wal beside it, or run ${adminCommand('restore')} again with the latest backup; nothing was changed`;
}

/** With no database at `file`, what to do about the copy an interrupted restore was making, or null when there is none. */
export function stagedCopyProblem(file: string): string | null {
  if (!fs.existsSync(`${file}.restoring`)) return null;
  return `no database at ${file}, but ${file}.restoring, the copy an interrupted restore was making: run ${adminCommand('restore')} again with the backup (nothing was changed)`;
}
