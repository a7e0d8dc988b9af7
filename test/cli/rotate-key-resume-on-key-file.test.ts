/**
 * A rotation interrupted on a line that reads its key from the development
 * key file (HEADSUP_MASTER_KEY not set): the key file must hold the old key
 * until the rotation ends. Told to "set HEADSUP_MASTER_KEY back", its
 * operator would look for a variable the line never had; the message names
 * the key file instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rotateKeyCommand } from '../../src/cli/rotate-key-command';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const NEW_KEY = Buffer.alloc(32, 12).toString('base64');

it('an interrupted rotation resumed with the new key already in the key file names that file, not HEADSUP_MASTER_KEY', async () => {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 4));
  const keyFile = path.join(dataDir, 'master.key');
  fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
  const env = { DATA_DIR: dataDir, HEADSUP_NEW_MASTER_KEY: NEW_KEY, HEADSUP_ROTATE_BATCH: '1' };
  // Stopped after its first batch of members, as a kill would stop it.
  await expect(
    rotateKeyCommand(env, (p) => {
      if (p.step === 'members' && p.done >= 2) throw new Error('killed');
    }),
  ).rejects.toThrow('killed');

  // The operator put the new key in the file too early.
  fs.writeFileSync(keyFile, `${NEW_KEY}\n`, { mode: 0o600 });
  await expect(rotateKeyCommand(env, () => undefined)).rejects.toThrow(
    `the rotation to this key was interrupted and needs the old key to finish: put the old key back in ${keyFile} (HEADSUP_MASTER_KEY is not set, so the line reads its key there), keep HEADSUP_NEW_MASTER_KEY, and run rotate-key again`,
  );

  fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
  const lines = await rotateKeyCommand(env, () => undefined);
  expect(lines[1]).toBe(`rotate-key: ${keyFile} now holds the new key.`);
}, 60_000);
