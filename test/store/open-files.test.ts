/** Db.missingFiles: the database's files compared with those open at watchFiles(), at most every FILES_CHECK_EVERY_MS. */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { FILES_CHECK_EVERY_MS } from '../../src/store/open-files';
import { tempDir } from '../helpers/temp-dir';

function watched(): { db: Db; file: string } {
  const file = path.join(tempDir(), 'heads-up.db');
  const db = new Db(file);
  migrate(db);
  db.watchFiles();
  return { db, file };
}

describe('Db.missingFiles', () => {
  it('names none before watchFiles(), nor a file that was not there when it began', () => {
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    try {
      migrate(db);
      fs.rmSync(`${file}-wal`);
      expect(db.missingFiles(0)).toEqual([]);
      db.watchFiles();
      expect(db.missingFiles(0)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('sees a removed log only once FILES_CHECK_EVERY_MS has passed since it last looked', () => {
    const { db, file } = watched();
    try {
      const t = 1_000_000;
      expect(db.missingFiles(t)).toEqual([]);
      fs.rmSync(`${file}-wal`);
      expect(db.missingFiles(t + FILES_CHECK_EVERY_MS - 1)).toEqual([]);
      expect(db.missingFiles(t + FILES_CHECK_EVERY_MS)).toEqual(['heads-up.db-wal']);
    } finally {
      db.close();
    }
  });

  it('sees a database replaced by another file under its name', () => {
    const { db, file } = watched();
    try {
      fs.copyFileSync(file, `${file}.copy`);
      fs.renameSync(`${file}.copy`, file);
      expect(db.missingFiles(0)).toEqual(['heads-up.db']);
    } finally {
      db.close();
    }
  });

  it('sees nothing missing after its own checkpoint truncated the log', () => {
    const { db } = watched();
    try {
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      expect(db.missingFiles(0)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
