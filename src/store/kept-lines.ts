/**
 * Every old copy of the line kept in DATA_DIR beside the database (the line
 * a restore replaced, what an interrupted restore left or was staging, a
 * rescue copy, a log kept aside): each is the whole line as it was, readable by whoever holds
 * the key it was sealed under. After a rotation that key is retired, maybe
 * leaked: rotate-key names these files, and doctor those the current key
 * does not open.
 */
import type Database from 'better-sqlite3';
import { keptAside, replacedLines, rescueCopies } from './kept-aside';
import { keyOpens } from './key-state';
import { openToRead } from './open-to-read';
import { sameFile } from './same-file';
import { shellWord } from '../util/shell-word';
import type { Vault } from './vault';
import fs from 'node:fs';
import path from 'node:path';

/** The kept copies of the line beside the database at `file`, each a database or a log alone. */
export function keptLineFiles(file: string): string[] {
  const dir = path.dirname(file);
  const stray = fs.readdirSync(dir).filter((f) => f.startsWith(`${path.basename(file)}-wal.stray-`)).sort().map((f) => path.join(dir, f));
  // What an interrupted restore left under its plain names: the line set aside, and the backup's staged copy. Not a second name of
  // the database itself (a restore killed before its swap leaves .before-restore as a hard link): that is the line, no old copy.
  const left = [`${file}.before-restore`, `${file}.restoring`].filter((f) => fs.existsSync(f) && !(fs.existsSync(file) && sameFile(f, file)));
  return [...replacedLines(file), ...keptAside(file), ...rescueCopies(file), ...stray, ...left];
}

/**
 * Whether `vault`'s key opens a kept copy, by the key check the start uses:
 * 'unknown' for a log alone, a copy with nothing sealed yet, or one that does
 * not open as a line. Read only, one row: quick whatever the copy's size.
 */
export function keptCopyKey(kept: string, vault: Vault): 'match' | 'mismatch' | 'unknown' {
  if (/-(wal|shm)(\.stray-.*)?$/.test(kept)) return 'unknown';
  let db: Database.Database | undefined;
  try {
    db = openToRead(kept);
    const verdict = keyOpens(db, vault, { resuming: true });
    return verdict === 'match' || verdict === 'mismatch' ? verdict : 'unknown';
  } catch {
    return 'unknown';
  } finally {
    db?.close();
  }
}

/**
 * The command that deletes the kept copies `files`, with the -wal and -shm beside each database.
 * Absolute: DATA_DIR is relative by default (./data), and rm -f run from another folder would delete nothing, silently.
 */
export function removeCommand(files: string[]): string {
  const all = files.map((f) => path.resolve(f)).flatMap((f) => (/-(wal|shm)(\.stray-.*)?$/.test(f) ? [f] : [f, `${f}-wal`, `${f}-shm`]));
  return `rm -f -- ${all.map(shellWord).join(' ')}`;
}
