/** A line's database on disk, sealed under a key that is nowhere beside it (no key file, no variable). */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { recordKey } from '../../src/store/key-check';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from './temp-dir';

/** A DATA_DIR holding a migrated database made under a key of 32 bytes of `fill`, and nothing else. */
export async function lineWithoutKey(fill = 7): Promise<string> {
  await cryptoReady();
  const dataDir = tempDir();
  const db = new Db(path.join(dataDir, 'heads-up.db'));
  migrate(db);
  recordKey(db, new Vault(new Uint8Array(32).fill(fill)));
  db.close();
  return dataDir;
}
