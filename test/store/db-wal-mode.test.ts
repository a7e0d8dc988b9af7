/**
 * The server makes its database 0600 at start; SQLite gives a -wal and -shm
 * it creates the database's mode, but reuses those it finds as they are. A
 * crashed line copied without keeping modes leaves them 644: the start
 * tightens them too, before SQLite opens them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { cryptoReady, Vault } from '../../src/store/vault';
import { crashedCopy } from '../helpers/crashed-copy';

describe('opening a line whose -wal and -shm others can read', () => {
  beforeAll(cryptoReady);

  it('makes them readable by the server’s user only, and keeps the commits its -wal holds', () => {
    const dir = crashedCopy(new Vault(new Uint8Array(32).fill(7)));
    const file = path.join(dir, 'heads-up.db');
    const db = new Db(file);
    try {
      const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
      expect([file, `${file}-wal`, `${file}-shm`].map(mode)).toEqual(['600', '600', '600']);
      expect(db.sqlite.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
