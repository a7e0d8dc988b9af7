/**
 * Migration 0050: a check-in started over Signal with the number showing,
 * and its reference, carried that number's reporter index, equal to her
 * reports'. The upgrade leaves no such value; the check-in and its
 * reference stay (BLOCK of it silences her membership, the number no more:
 * an index cannot be turned back into it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkinRefSender } from '../../src/store/checkin-refs';
import { escalatedCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { equalValues } from '../helpers/seized-file';
import { tempDir } from '../helpers/temp-dir';

describe('migration 0050 on a line with a Signal check-in in flight', () => {
  it('leaves no value of the check-in or its reference equal to one of her reports, and keeps both', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0050')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db, oldDir);
      const now = Date.UTC(2026, 11, 2, 4, 0, 0);
      const number = vault.index('reporter', 'sms:+14155550100');
      const member = insertMember(db, vault, { channel: 'signal', address: '3c1d9e2a-7b4f-4e8a-9d2c-5f6a7b8c9d0e', phone: '+14155550100' }, 'en', now, 'active').id;
      // As the version before wrote a report (createReport now also reads tables of later migrations).
      db.sqlite
        .prepare("INSERT INTO reports (ref, npas, text_ct, key_version, reporter_bidx, created_at) VALUES ('GV7Q', '415', ?, 1, ?, ?)")
        .run(vault.seal('grey van', { table: 'reports', column: 'text', row: 'GV7Q' }), number, now);
      // As the version before wrote them (store/checkins.ts, store/checkin-refs.ts before 0050).
      db.sqlite
        .prepare("INSERT INTO checkins (id, member_id, state, due_at, remind_at, details_ct, key_version, created_at, escalated_at, phone_reporter_bidx) VALUES (1, ?, 'escalated', ?, NULL, NULL, 1, ?, ?, ?)")
        .run(member, now, now - 600_000, now, number);
      db.sqlite.prepare("INSERT INTO checkin_refs (ref, checkin_id, member_id, created_at, phone_reporter_bidx) VALUES ('K7Q2', 1, ?, ?, ?)").run(member, now, number);
      expect(equalValues(db.sqlite, ['checkins', 'checkin_refs'], ['reports'])).toHaveLength(2);

      expect(migrate(db)).toContain('0050_checkin_phone_sealed.sql');
      expect(equalValues(db.sqlite, ['checkins', 'checkin_refs'], ['reports', 'members'])).toEqual([]);
      expect(escalatedCheckin(db, vault, 1)?.memberId).toBe(member);
      expect(checkinRefSender(db, vault, 'K7Q2')).toEqual({ memberId: member, phone: null });
    } finally {
      db.close();
    }
  });
});
