/**
 * doctor only reads: on a stopped line it leaves DATA_DIR as it found it,
 * with no empty -wal or -shm of its own beside the database (a -wal left
 * where the database is later moved from reads as a crashed line's log).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('doctor on a stopped line', () => {
  it('leaves only the database in DATA_DIR', async () => {
    const dataDir = tempDir();
    const line = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(line);
    line.close();
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);

    const checks = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY, PUBLIC_URL: 'https://headsup.example.org' });
    expect(checks.find((c) => c.name === 'database')).toMatchObject({ ok: true });
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
  });

  it('leaves the running server its write-ahead log', async () => {
    const dataDir = tempDir();
    const line = new Db(path.join(dataDir, 'heads-up.db'));
    try {
      migrate(line);
      await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY, PUBLIC_URL: 'https://headsup.example.org' });
      expect(fs.readdirSync(dataDir).sort()).toEqual(['heads-up.db', 'heads-up.db-shm', 'heads-up.db-wal']);
      line.sqlite.exec('CREATE TABLE after_doctor (x)');
      expect(line.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'after_doctor'").get()).toEqual({ n: 1 });
    } finally {
      line.close();
    }
  });
});
