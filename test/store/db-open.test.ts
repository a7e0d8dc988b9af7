/** Opening the database file: a damaged one is refused as damaged, and its connection does not stay open. */
import fs from 'node:fs';
import path from 'node:path';
import { Db, isDatabaseDamaged } from '../../src/store/db';
import { tempDir } from '../helpers/temp-dir';

/** The files this process holds open, by path (Linux). */
const openFiles = () => fs.readdirSync('/proc/self/fd').map((fd) => {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return '';
  }
});

describe('opening the database', () => {
  it('refuses a file that is no database as damaged, and keeps no handle on it', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0xa5), { mode: 0o600 });
    let error: unknown;
    try {
      new Db(file);
    } catch (err) {
      error = err;
    }
    expect((error as { code?: string }).code).toBe('SQLITE_NOTADB');
    expect(isDatabaseDamaged(error)).toBe(true);
    expect(openFiles().filter((f) => f.startsWith(file))).toEqual([]);
  });

  it('tells damage from other failures', () => {
    expect(['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB'].map((code) => isDatabaseDamaged({ code }))).toEqual([true, true, true]);
    expect(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'ENOENT', undefined].map((code) => isDatabaseDamaged({ code }))).toEqual([false, false, false, false, false]);
    expect(isDatabaseDamaged(null)).toBe(false);
  });
});
