/**
 * A backup's destination refusing the user (a folder it may not write, a
 * read-only disk) is named by the file the operator asked for, with what to
 * do. A read-only disk cannot be mounted by a test run as a normal user:
 * the failure the file system gives is handed in as it comes.
 */
import { explainBackupFailure } from '../../src/store/backup';

/** An error as node:fs throws it. */
const fsError = (code: string) => Object.assign(new Error(`${code}: refused, open '/backups/b.db.partial'`), { code });

describe('a backup refused by its destination', () => {
  it('on a read-only disk, says so and where to back up instead', () => {
    expect(explainBackupFailure(fsError('EROFS'), '/srv/data/heads-up.db', '/backups/b.db')?.message).toBe(
      'cannot write /backups/b.db: its disk is mounted read-only; back up to a disk mounted for writing',
    );
  });

  it('in a folder this user may not write (EACCES, or EPERM on some mounts), says permission denied and what to do', () => {
    for (const code of ['EACCES', 'EPERM']) {
      expect(explainBackupFailure(fsError(code), '/srv/data/heads-up.db', '/backups/b.db')?.message).toBe(
        'cannot write /backups/b.db: permission denied; back up to a folder this user may write, or run as the user that runs the line',
      );
    }
  });

  it('leaves a failure it cannot name to the caller', () => {
    expect(explainBackupFailure(fsError('EBADF'), '/srv/data/heads-up.db', '/backups/b.db')).toBeNull();
  });
});
