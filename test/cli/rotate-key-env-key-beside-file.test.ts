/**
 * rotate-key under HEADSUP_MASTER_KEY with a master.key still in DATA_DIR
 * (a line started with a development key, then given its key in the
 * environment): the server does not use that file, so a rotation would leave
 * the old key on the disk beside the line, opening every backup made before.
 * It refuses before changing anything, and says what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { rotateKeyCommand } from '../../src/cli/rotate-key-command';
import { keyOpens } from '../../src/store/key-state';
import { Vault } from '../../src/store/vault';
import { startHarness, TEST_MASTER_KEY } from '../helpers/harness';

const NEW_KEY = Buffer.alloc(32, 12).toString('base64');

it('rotate-key refuses while a key file the server does not use lies beside the database, and rotates once it is gone', async () => {
  const h = await startHarness();
  const { dataDir } = h;
  try {
    await h.sms('+14155550101', 'JOIN 415');
  } finally {
    await h.close();
  }
  const keyFile = path.join(dataDir, 'master.key');
  fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
  const env = { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY };
  const opens = (key: string) => {
    const db = new Database(path.join(dataDir, 'heads-up.db'), { readonly: true });
    try {
      return keyOpens(db, new Vault(new Uint8Array(Buffer.from(key, 'base64'))));
    } finally {
      db.close();
    }
  };

  await expect(rotateKeyCommand(env, () => undefined)).rejects.toThrow(
    `${keyFile} holds a key, but HEADSUP_MASTER_KEY is set, so the server does not use it: a rotation would leave it beside the line, opening every backup made before. Move it off this machine (with your old backups, if it opens them) or delete it, then run rotate-key again. Nothing was changed.`,
  );
  expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${TEST_MASTER_KEY}\n`);
  expect(opens(TEST_MASTER_KEY)).toBe('match');

  fs.rmSync(keyFile);
  const lines = await rotateKeyCommand(env, () => undefined);
  expect(lines[1]).toBe('rotate-key: set HEADSUP_MASTER_KEY to the new key (and remove HEADSUP_NEW_MASTER_KEY) before starting the server.');
  expect(opens(NEW_KEY)).toBe('match');
  expect(fs.readdirSync(dataDir).filter((f) => f.includes('key'))).toEqual([]);
}, 60_000);
