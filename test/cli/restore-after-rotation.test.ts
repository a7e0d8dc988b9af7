/**
 * A backup from before a rotation, restored: under the new key it is refused,
 * and the refusal says that its key is retired; under the retired key it
 * replaces a line under the new one, which restore must not call "sealed
 * under the key, as the database is".
 */
import path from 'node:path';
import { rotateKeyCommand } from '../../src/cli/rotate-key-command';
import { backupDatabase } from '../../src/store/backup';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const NEW_KEY = Buffer.alloc(32, 12).toString('base64');

it('restore of a backup from before a rotation says the key is retired, and names the key of the line it replaced truly', async () => {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 2));
  const before = path.join(tempDir(), 'before-rotation.db');
  await backupDatabase(path.join(dataDir, 'heads-up.db'), before);
  await rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY }, () => undefined);

  const refused = await runAdminCli(['restore', before], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: NEW_KEY });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('if rotate-key ran since that backup was made, that key is retired: restore a backup made since the rotation, and delete backups made before it');

  const restored = await runAdminCli(['restore', before], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
  expect(restored.code).toBe(0);
  const replaced = restored.stdout.split('\n').find((l) => l.startsWith('restore: it replaced'));
  expect(replaced).toMatch(/kept as \S+heads-up\.db\.replaced-\S+ \(sealed under another key than the line now: whoever holds that key reads it\)/);
}, 60_000);
