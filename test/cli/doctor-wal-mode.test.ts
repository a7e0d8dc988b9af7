/**
 * The database's write-ahead log and shared-memory index hold its latest
 * pages, as readable as the database without the key's help: doctor names
 * one others can read as it names the database file, and says to chmod 600
 * it (a crashed line copied without keeping modes leaves them 644).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { cryptoReady, Vault } from '../../src/store/vault';
import { crashedCopy } from '../helpers/crashed-copy';

const KEY = Buffer.alloc(32, 7);

describe('doctor and the database’s -wal and -shm', () => {
  beforeAll(cryptoReady);

  const failures = async (dataDir: string) =>
    (await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY.toString('base64'), PUBLIC_URL: 'https://headsup.example.org' }))
      .filter((c) => !c.ok)
      .map((c) => `${c.name}: ${c.detail}`);

  it('names a -wal and a -shm others can read, and how to fix them, beside a database only its user reads', async () => {
    const dir = crashedCopy(new Vault(new Uint8Array(KEY)));
    const file = path.join(dir, 'heads-up.db');
    fs.chmodSync(file, 0o600);
    expect(await failures(dir)).toEqual([
      `database file mode: ${file}-wal is readable by others (mode 644): chmod 600 it`,
      `database file mode: ${file}-shm is readable by others (mode 644): chmod 600 it`,
    ]);
    fs.chmodSync(`${file}-wal`, 0o600);
    fs.chmodSync(`${file}-shm`, 0o640);
    expect(await failures(dir)).toEqual([`database file mode: ${file}-shm is readable by others (mode 640): chmod 600 it`]);
    fs.chmodSync(`${file}-shm`, 0o600);
    expect(await failures(dir)).toEqual([]);
  });
});
