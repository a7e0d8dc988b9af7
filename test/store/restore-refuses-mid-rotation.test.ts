/**
 * A restore over a line left half-way through rotate-key kept it as the
 * replaced line, "sealed under the key, as the database is": sealed under two
 * keys, no restore could bring it back, under either (found by a hunt on the
 * operator's tools). Restore now refuses it and changes nothing; once the
 * rotation is finished, the backup restores as ever.
 */
import fs from 'node:fs';
import path from 'node:path';
import { latestMigration } from '../../src/cli/line';
import { backupDatabase } from '../../src/store/backup';
import { Db } from '../../src/store/db';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { restoreDatabase } from '../../src/store/restore';
import { RestoreRefused } from '../../src/store/restore-checks';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const key = (n: number) => new Uint8Array(Buffer.alloc(32, n));

describe('restore over a line left half-way through rotate-key', () => {
  beforeAll(cryptoReady);

  it('refuses, naming what to do, and leaves the folder as it was; after the rotation is finished it restores', async () => {
    const target = path.join(tempDir(), 'heads-up.db');
    const oldVault = new Vault(key(7));
    const db = new Db(target);
    migrate(db);
    for (let i = 0; i < 5; i++) {
      const phone = `+1415201${String(i).padStart(4, '0')}`;
      subscribe(db, ensureMember(db, oldVault, { channel: 'sms', address: phone, phone }, 'en', Date.now()).id, ['415'], Date.now());
    }
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(target, backup);
    // rotate-key killed after two batches of one member each.
    const newVault = new Vault(key(9), rotationVersions(db).to);
    let batches = 0;
    const stop = () => {
      if (++batches === 3) throw new Error('killed');
    };
    expect(() => new KeyRotation(db, oldVault, newVault, { batch: 1, onProgress: stop }).run()).toThrow('killed');
    db.close();
    const before = fs.readFileSync(target);
    const folder = fs.readdirSync(path.dirname(target)).sort();

    for (const vault of [oldVault, newVault]) {
      const refused = restoreDatabase(backup, target, vault, latestMigration());
      await expect(refused).rejects.toThrow(RestoreRefused);
      await expect(refused).rejects.toThrow(/half-way through rotate-key.*Finish rotate-key first/);
      expect(fs.readFileSync(target).equals(before)).toBe(true);
      expect(fs.readdirSync(path.dirname(target)).sort()).toEqual(folder);
    }

    const again = new Db(target);
    new KeyRotation(again, oldVault, newVault, { batch: 1 }).run();
    again.close();
    const restored = await restoreDatabase(backup, target, oldVault, latestMigration());
    expect(restored.members).toBe(5);
    expect(restored.replaced?.file).toMatch(/heads-up\.db\.replaced-/);
  });
});
