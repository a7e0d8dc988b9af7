/**
 * A crashed line copied without keeping modes: its database and the
 * write-ahead log and shared-memory index a running server had open, copied
 * (as `cp` without -p, or a tar extracted by another user) to a new folder
 * with mode 644. Its last commits are only in that -wal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import type { Vault } from '../../src/store/vault';
import { tempDir } from './temp-dir';

/** Returns the copy's data folder (its database is heads-up.db there). */
export function crashedCopy(vault: Vault): string {
  const running = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(running);
    running.transaction(() => ensureMember(running, vault, { channel: 'sms', address: '+14152010000', phone: '+14152010000' }, 'en', Date.now()));
    const dir = tempDir();
    for (const suffix of ['', '-wal', '-shm']) {
      const to = path.join(dir, `heads-up.db${suffix}`);
      fs.copyFileSync(`${running.sqlite.name}${suffix}`, to);
      fs.chmodSync(to, 0o644);
    }
    return dir;
  } finally {
    running.close();
  }
}
