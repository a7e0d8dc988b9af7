/** A line of three members whose restore kept the line it replaced in DATA_DIR (heads-up.db.replaced-<time>), under TEST_MASTER_KEY. */
import path from 'node:path';
import { latestMigration } from '../../src/cli/line';
import { backupDatabase } from '../../src/store/backup';
import { restoreDatabase } from '../../src/store/restore';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

export async function lineWithReplacedCopy(): Promise<{ dataDir: string; target: string; replaced: string }> {
  await cryptoReady();
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 3));
  const target = path.join(dataDir, 'heads-up.db');
  const backup = path.join(tempDir(), 'line.db');
  await backupDatabase(target, backup);
  const restored = await restoreDatabase(backup, target, new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64'))), latestMigration());
  const replaced = restored.replaced?.file as string;
  expect(path.dirname(replaced)).toBe(dataDir);
  return { dataDir, target, replaced };
}
