/**
 * Who owns the line's files. A restore or rotate-key run as root (sudo)
 * over a line another user runs made its new files root's, mode 0600, and
 * the line's server could not open them: such a run gives them DATA_DIR's
 * owner. A start that cannot open one of them names it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databaseFile } from './db-file';

export interface Owner {
  uid: number;
  gid: number;
}

/**
 * The owner to give a file a process of `uid` makes in a folder owned by
 * `folder`: the folder's, only where root makes it in another user's
 * folder; null (left as made) otherwise. `uid` is undefined where the
 * system has none (Windows).
 */
export function ownerFor(uid: number | undefined, folder: Owner): Owner | null {
  return uid === 0 && folder.uid !== 0 ? { uid: folder.uid, gid: folder.gid } : null;
}

/** Gives each of `files` that is there the owner of its folder, where this process is root and that folder another user's. */
export function giveFolderOwner(files: string[]): void {
  for (const file of files) {
    const owner = ownerFor(process.getuid?.(), fs.statSync(path.dirname(file)));
    if (!owner || !fs.existsSync(file)) continue;
    try {
      fs.chownSync(file, owner.uid, owner.gid);
    } catch {
      // A disk that keeps no owners (FAT) or refuses root (NFS root squash): the start names the file if its user cannot open it.
    }
  }
}

/** The first of the database's files (it, its -wal, its -shm) that is there and that this process may not read and write, or null. */
export function unopenableDatabaseFile(dataDir: string): string | null {
  const file = databaseFile(dataDir);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.accessSync(f, fs.constants.R_OK | fs.constants.W_OK);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ENOENT') return f;
    }
  }
  return null;
}

/** What the operator reads when this process may not open `file`, one of the line's: who it runs as, the file's owner and mode, and the rule. */
export function notOpenableProblem(file: string): string {
  const s = fs.statSync(file, { throwIfNoEntry: false });
  const found = s ? ` (owner uid ${s.uid}, mode ${(s.mode & 0o777).toString(8).padStart(3, '0')})` : '';
  return `this user (uid ${process.getuid?.() ?? '?'}) may not open ${file}${found}: the files in DATA_DIR must belong to the user that runs the line, mode 600 (a restore or rotate-key run as another user leaves them so): chown them to it`;
}
