/** What the fan-out benchmark's processes share: the area, the alert text, the vault and a quiet logger. */
import { once } from 'node:events';
import path from 'node:path';
import pino from 'pino';
import { createLogger, type Logger } from '../../src/log/logger';
import { Db } from '../../src/store/db';
import { loadMasterKey } from '../../src/store/master-key';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { BENCH_MASTER_KEY } from '../common';

/** Every seeded member subscribes to this area; alerts go to it and its overlay. */
export const AREA = '415';
export const REACH = ['415', '628'];
export const ALERT_TEXT = 'Bad date: white sedan, calls himself Mike, refuses to pay and gets violent. Meets at the Mission St motel.';

/** The i-th seeded member's number: all in AREA, all distinct. */
export function memberNumber(i: number): string {
  return `+1${AREA}${String(2_000_000 + i).padStart(7, '0')}`;
}

/** The production logger at info, writing to /dev/null (asynchronously, as to stdout in production). */
export async function quietLogger(): Promise<Logger> {
  const dest = pino.destination({ dest: '/dev/null', sync: false });
  await once(dest, 'ready');
  return createLogger('info', dest);
}

/** Opens (and migrates) a benchmark database with the fixed benchmark key. */
export async function openStore(file: string): Promise<{ db: Db; vault: Vault }> {
  await cryptoReady();
  const key = loadMasterKey(BENCH_MASTER_KEY, path.dirname(file));
  const db = new Db(file);
  migrate(db);
  return { db, vault: new Vault(key.key) };
}
