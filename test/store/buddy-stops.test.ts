/**
 * A buddy's STOP, kept apart from the links it ended, carries its day only:
 * the moment would equal that of the message telling the member. Migration
 * 0020 coarsens the stops kept before to their day as well. It stops the
 * channel it came from only; one kept before 0042 had no channel, and
 * stops every channel until lifted on each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buddyIndex } from '../../src/store/buddies';
import { buddyStopped, liftBuddyStop, recordBuddyStop } from '../../src/store/buddy-stops';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const T = Date.UTC(2026, 11, 4, 17, 23, 41, 91);
const BUDDY = '+14155550177';

describe("a buddy's stop", () => {
  let vault: Vault;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(21));
  });

  it('is kept with its day, and stops the channel it came from only', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db);
      recordBuddyStop(db, vault, BUDDY, 'sms', T);
      expect(db.sqlite.prepare('SELECT created_at FROM buddy_stops').all()).toEqual([{ created_at: T - (T % DAY) }]);
      expect(buddyStopped(db, vault, BUDDY, 'sms')).toBe(true);
      expect(buddyStopped(db, vault, BUDDY, 'signal')).toBe(false);
    } finally {
      db.close();
    }
  });

  it('kept to the moment before migration 0020 is kept to its day after it', () => {
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0020')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    const db = new Db(path.join(tempDir(), 'old.db'));
    try {
      migrate(db, oldDir);
      db.sqlite.prepare('INSERT INTO buddy_stops (id, buddy_bidx, address_ct, key_version, created_at) VALUES (1, ?, ?, 1, ?)').run(Buffer.alloc(16, 1), Buffer.alloc(60, 2), T);
      expect(migrate(db)).toContain('0020_buddy_stops_by_day.sql');
      expect(db.sqlite.prepare('SELECT created_at FROM buddy_stops').all()).toEqual([{ created_at: T - (T % DAY) }]);
    } finally {
      db.close();
    }
  });

  it('kept before migration 0042 (no channel) stops every channel, and a JOIN over one lifts it there only', () => {
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0042')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    const db = new Db(path.join(tempDir(), 'old.db'));
    try {
      migrate(db, oldDir);
      db.sqlite
        .prepare('INSERT INTO buddy_stops (id, buddy_bidx, address_ct, key_version, created_at) VALUES (1, ?, ?, ?, ?)')
        .run(buddyIndex(vault, BUDDY), vault.seal(BUDDY, { table: 'buddy_stops', column: 'address', row: 1 }), vault.keyVersion, T - (T % DAY));
      expect(migrate(db)).toContain('0042_buddy_stops_channel.sql');
      const stopped = (channel: 'sms' | 'signal') => buddyStopped(db, vault, BUDDY, channel);
      expect([stopped('sms'), stopped('signal')]).toEqual([true, true]);
      expect(liftBuddyStop(db, vault, BUDDY, 'sms')).toBe(true);
      expect([stopped('sms'), stopped('signal')]).toEqual([false, true]);
      expect(liftBuddyStop(db, vault, BUDDY, 'signal')).toBe(true);
      expect([stopped('sms'), stopped('signal')]).toEqual([false, false]);
    } finally {
      db.close();
    }
  });
});
