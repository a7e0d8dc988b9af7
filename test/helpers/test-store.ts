/**
 * A migrated database in a fresh temporary directory and a vault over a
 * fixed test key: what the direct store and outbox tests start from.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from './temp-dir';

export async function testStore(): Promise<{ db: Db; vault: Vault }> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  return { db, vault };
}
