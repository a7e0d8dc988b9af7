/**
 * Loads the master key: HEADSUP_MASTER_KEY if set, otherwise (outside
 * production, which readConfig already refused) a key generated once into
 * DATA_DIR/master.key with mode 0600.
 */
import fs from 'node:fs';
import path from 'node:path';
import sodium from 'libsodium-wrappers';
import { ConfigError } from '../config/config-error';
import { databaseFile } from './db';

/** The outcome of loading the key; `generated` means a dev key file was just created. */
export interface LoadedKey {
  key: Uint8Array;
  source: 'env' | 'file';
  generated: boolean;
  file?: string;
}

/**
 * Decodes base64 of exactly 32 bytes, or null. Stray spaces and one pair of
 * surrounding quotes are ignored (docker run --env-file keeps the quotes of
 * KEY="..."): base64 has neither, so nothing else can be meant.
 */
export function decodeMasterKey(raw: string): Uint8Array | null {
  let b64 = raw.trim();
  if (/^(["'])[^]*\1$/.test(b64)) b64 = b64.slice(1, -1).trim();
  const buf = Buffer.from(b64, 'base64');
  return buf.length === 32 && buf.toString('base64') === b64 ? new Uint8Array(buf) : null;
}

/** `where`: the key file it was read from, named in the message only (the variable alone is logged). */
function decode(b64: string, where = ''): Uint8Array {
  const key = decodeMasterKey(b64);
  if (!key) throw new ConfigError('HEADSUP_MASTER_KEY', `${where}expected base64 of exactly 32 random bytes (openssl rand -base64 32)`);
  return key;
}

/** Returns the master key, creating a dev key file when none is configured. */
export function loadMasterKey(masterKeyBase64: string | undefined, dataDir: string): LoadedKey {
  if (masterKeyBase64) return { key: decode(masterKeyBase64), source: 'env', generated: false };
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) {
    return { key: decode(fs.readFileSync(file, 'utf8'), `not set, and the development key file ${file} does not hold a key: `), source: 'file', generated: false, file };
  }
  // The line's data is sealed with the key it was made with (this file's, or HEADSUP_MASTER_KEY's): a new one could never open it.
  if (fs.existsSync(databaseFile(dataDir))) {
    throw new ConfigError(
      'HEADSUP_MASTER_KEY',
      `not set, and there is no ${file}: the database beside it is sealed with the key the line was made with. Set HEADSUP_MASTER_KEY to that key, or, if the line ran on a development key file, put that file back; a new key cannot open it, and none was made`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = sodium.randombytes_buf(32);
  // 'wx' fails rather than overwrite a key another process just wrote.
  fs.writeFileSync(file, Buffer.from(key).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, source: 'file', generated: true, file };
}
