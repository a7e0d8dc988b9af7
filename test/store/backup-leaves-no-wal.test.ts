/**
 * A backup of a stopped line leaves beside the database only the database,
 * and beside the copy only the copy: no empty -wal or -shm made by the
 * backup's own reading (a -wal left where the database is later moved from
 * reads, to doctor and restore, as a crashed line's log).
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../../src/store/backup';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/temp-dir';

describe('backupDatabase', () => {
  it('of a stopped line leaves the data directory and the backup folder with one file each', async () => {
    const dataDir = tempDir();
    const source = path.join(dataDir, 'heads-up.db');
    const line = new Db(source);
    migrate(line);
    line.close();
    const folder = tempDir();

    await backupDatabase(source, path.join(folder, 'line.db'));
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
    expect(fs.readdirSync(folder)).toEqual(['line.db']);
  });

  it('of a running line leaves the server its write-ahead log', async () => {
    const dataDir = tempDir();
    const source = path.join(dataDir, 'heads-up.db');
    const line = new Db(source);
    try {
      migrate(line);
      const folder = tempDir();
      await backupDatabase(source, path.join(folder, 'line.db'));
      expect(fs.readdirSync(dataDir).sort()).toEqual(['heads-up.db', 'heads-up.db-shm', 'heads-up.db-wal']);
      expect(fs.readdirSync(folder)).toEqual(['line.db']);
      line.sqlite.exec('CREATE TABLE after_backup (x)');
    } finally {
      line.close();
    }
  });
});
