/**
 * Why this process cannot write the line's database: its disk mounted
 * read-only (a kernel remounts a failing disk so), DATA_DIR closed to this
 * user (SQLite writes the -wal and -shm beside the database, also to read
 * it), or one of the database's files closed to it. The server refuses to
 * start on each; doctor and the admin command name them in the same words.
 */
import fs from 'node:fs';
import { databaseFile } from './db-file';
import { notOpenableProblem } from './file-owner';

/** What the operator reads when DATA_DIR's disk is mounted read-only. */
export function readOnlyDiskProblem(dataDir: string): string {
  return `the line's files in DATA_DIR ${dataDir} are on a disk mounted read-only, as a kernel remounts a disk that reports errors: nothing of the line can be written; check the disk (dmesg, mount), then remount it read-write or move DATA_DIR to a disk that is`;
}

/** The error code access(2) gives for writing `file`, or null when it may be written (or is not there). */
function writeRefusal(file: string): string | null {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return null;
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? 'error');
    return code === 'ENOENT' ? null : code;
  }
}

/** Whether DATA_DIR's disk, or a file of the database's on it, is mounted read-only. */
function onReadOnlyDisk(dataDir: string): boolean {
  const file = databaseFile(dataDir);
  return [dataDir, file, `${file}-wal`, `${file}-shm`].some((f) => writeRefusal(f) === 'EROFS');
}

/** Why this process may not write the line's database in `dataDir` (which must exist), or null when it may. */
export function unwritableLineProblem(dataDir: string): string | null {
  if (onReadOnlyDisk(dataDir)) return readOnlyDiskProblem(dataDir);
  if (writeRefusal(dataDir)) {
    return `this user (uid ${process.getuid?.() ?? '?'}) may not write in ${dataDir} (DATA_DIR), where SQLite keeps the database's write-ahead log: DATA_DIR must belong to the user that runs the line, mode 700: chown it to that user`;
  }
  const file = databaseFile(dataDir);
  // Read too: a file this user may write but not read opens no better.
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.accessSync(f, fs.constants.R_OK | fs.constants.W_OK);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ENOENT') return notOpenableProblem(f);
    }
  }
  return null;
}
