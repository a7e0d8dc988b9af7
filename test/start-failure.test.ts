/**
 * The start's one line for a file of the line its disk refuses to write: a
 * disk the kernel remounted read-only after an error, or a database
 * bind-mounted read-only. The start printed a bare "start-up failed: EROFS"
 * and logged a stack. A read-only disk cannot be mounted by a test run as a
 * normal user: the error node gives is handed in as it comes.
 */
import path from 'node:path';
import { describeFailure } from '../src/start-failure';

const DATA_DIR = '/srv/heads-up/data';
/** An error as node:fs throws it opening `file` on a read-only disk. */
const readOnly = (file: string) => Object.assign(new Error(`EROFS: read-only file system, open '${file}'`), { code: 'EROFS', syscall: 'open', path: file });

describe('a start refused by a read-only disk', () => {
  it('names DATA_DIR, the cause and what to check, and logs a short code with no stack', () => {
    expect(describeFailure(readOnly(path.join(DATA_DIR, 'heads-up.db')), DATA_DIR)).toEqual({
      line: `start-up failed: EROFS (the line's files in DATA_DIR ${DATA_DIR} are on a disk mounted read-only, as a kernel remounts a disk that reports errors: nothing of the line can be written; check the disk (dmesg, mount), then remount it read-write or move DATA_DIR to a disk that is)`,
      cause: { cause: 'data-dir-read-only', code: 'EROFS' },
    });
  });

  it('leaves a read-only file elsewhere to the bare code (nothing but DATA_DIR is written at start)', () => {
    expect(describeFailure(readOnly('/etc/heads-up/other'), DATA_DIR)).toEqual({ line: 'start-up failed: EROFS' });
  });
});
