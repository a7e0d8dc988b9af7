/**
 * rotate-key and a buddy number's record that no longer opens
 * (store/key-rotation-buddies.ts), beside key-rotation-checkins.test.ts and
 * test/bot/buddy-number-record-damaged.test.ts: a damaged record none of
 * whose links is left (its invitation lapsed, erased without the key) held
 * no live id; the rotation erases it and finishes, and doctor, with the new
 * key, finds no damaged record. Real SQLite file, real crypto.
 */
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { inviteBuddy, linksOfBuddy } from '../../src/store/buddies';
import { Db } from '../../src/store/db';
import { lapseInvitations } from '../../src/store/invitation-lapse';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const T = Date.UTC(2026, 11, 1);
const HER = '+14155550177';
const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));

describe('rotate-key and a damaged buddy number record whose links are gone', () => {
  beforeAll(cryptoReady);

  it('erases the record, finishes, and leaves nothing doctor calls damaged', async () => {
    const dataDir = tempDir();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    migrate(db);
    const rose = insertMember(db, oldVault, { channel: 'sms', address: '+14155550100' }, 'en', T, 'active').id;
    inviteBuddy(db, oldVault, rose, { channel: 'sms', address: HER }, 'Rose', 'en', T);
    const { record_ct: ct } = db.sqlite.prepare('SELECT record_ct FROM buddy_numbers').get() as { record_ct: Buffer };
    const bad = Buffer.from(ct);
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    db.sqlite.prepare('UPDATE buddy_numbers SET record_ct = ?').run(bad);
    expect(lapseInvitations(db, T + 9 * DAY)).toBe(1);

    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    new KeyRotation(db, new Vault(key(1), from), newVault).run();
    db.close();

    const checks = await runDoctor({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: Buffer.from(key(2)).toString('base64') });
    expect(checks.find((c) => c.name === 'key')?.detail).toBe('the master key opens this database');
    expect(checks.find((c) => c.name === 'buddies')).toBeUndefined();
    const again = new Db(path.join(dataDir, 'heads-up.db'));
    try {
      expect(linksOfBuddy(again, newVault, HER)).toEqual([]);
    } finally {
      again.close();
    }
  });
});
