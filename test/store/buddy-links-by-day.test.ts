/**
 * A buddy link carries its day only: to the millisecond, the time of the
 * BUDDY command (never read) would equal the invitation's in the outbox and
 * Twilio's records of both numbers, and outlive both. Migration 0030 cuts
 * the links kept before to their day as well.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inviteBuddy } from '../../src/store/buddies';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const T = Date.UTC(2026, 11, 4, 17, 23, 41, 91);

describe('a buddy link', () => {
  let vault: Vault;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(21));
  });

  it('is kept with its day', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db);
      const member = insertMember(db, vault, { channel: 'sms', address: '+14155550100' }, 'en', T, 'active');
      inviteBuddy(db, vault, member.id, { channel: 'sms', address: '+17185550111' }, 'Lulu', 'en', T);
      expect(db.sqlite.prepare('SELECT created_at FROM buddies').all()).toEqual([{ created_at: T - (T % DAY) }]);
    } finally {
      db.close();
    }
  });

  it('kept to the moment before migration 0030 is kept to its day after it', () => {
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0030')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    const db = new Db(path.join(tempDir(), 'old.db'));
    try {
      migrate(db, oldDir);
      const member = insertMember(db, vault, { channel: 'sms', address: '+14155550100' }, 'en', T, 'active');
      db.sqlite
        .prepare("INSERT INTO buddies (id, member_id, buddy_bidx, channel, address_ct, name_ct, key_version, status, created_at) VALUES (1, ?, ?, 'sms', ?, ?, 1, 'accepted', ?)")
        .run(member.id, Buffer.alloc(16, 1), Buffer.alloc(60, 2), Buffer.alloc(60, 3), T);
      expect(migrate(db)).toContain('0030_seized_disk.sql');
      expect(db.sqlite.prepare('SELECT created_at FROM buddies').all()).toEqual([{ created_at: T - (T % DAY) }]);
    } finally {
      db.close();
    }
  });
});
