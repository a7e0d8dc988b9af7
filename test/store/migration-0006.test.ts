import fs from 'node:fs';
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { issueAlert } from '../../src/alerts/alert-service';
import { planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember, memberIndex } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

describe('migration 0006 on a line with linked Signal and SMS memberships', () => {
  it('replaces each link by a value of no purpose shared by the pair, and fan-out still reaches the person once', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(4));
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0005')) {
      fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    }
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db, oldDir);
      const now = Date.now();
      const phone = '+14155550190';
      // Written as the previous code did: the Signal row holds the SMS row's look-up index.
      const sms = insertMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', now, 'active');
      const insert = db.sqlite.prepare(
        "INSERT INTO members (id, channel, address_bidx, phone_bidx, address_ct, key_version, lang, status, created_at) VALUES (?, 'signal', ?, ?, x'00', 1, 'en', 'active', ?)",
      );
      insert.run(sms.id + 1, Buffer.alloc(16, 1), memberIndex(vault, { channel: 'sms', address: phone }), now);
      insert.run(sms.id + 2, Buffer.alloc(16, 2), memberIndex(vault, { channel: 'sms', address: '+14155550191' }), now);
      for (const id of [sms.id, sms.id + 1]) subscribe(db, id, ['415'], now);

      expect(migrate(db)).toContain('0006_erasure_and_floods.sql');
      const rows = db.sqlite.prepare('SELECT id, address_bidx, phone_bidx FROM members ORDER BY id').all() as Array<{
        id: number;
        address_bidx: Buffer;
        phone_bidx: Buffer | null;
      }>;
      const [smsRow, twin, lone] = rows;
      expect(twin!.phone_bidx).not.toBeNull();
      expect(twin!.phone_bidx!.equals(smsRow!.address_bidx)).toBe(false);
      expect(smsRow!.phone_bidx!.equals(twin!.phone_bidx!)).toBe(true);
      expect(lone!.phone_bidx).toBeNull();

      const alertId = db.transaction(() => issueAlert({ db, vault, regions: Regions.load(), onAlert: () => undefined }, { npas: ['415'], body: { text: 'grey van' } }, now));
      planNextRange(db, alertId, now);
      expect(db.sqlite.prepare('SELECT member_id FROM outbox WHERE alert_id = ?').all(alertId)).toEqual([{ member_id: twin!.id }]);
    } finally {
      db.close();
    }
  });
});
