/**
 * A migrated database in a fresh temporary directory and a vault over a
 * fixed test key: what the direct store and outbox tests start from.
 */
import type { Db } from '../../src/store/db';
import { cryptoReady, Vault } from '../../src/store/vault';
import { migratedDb } from './migrated-db';

export async function testStore(): Promise<{ db: Db; vault: Vault }> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const { db } = migratedDb();
  return { db, vault };
}
