/**
 * Migration 0013 rebuilds members (a CHECK on lang cannot change in place):
 * the rows of the tables that reference members must survive it, and the
 * references must still hold afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

describe('migration 0013 on a line with members', () => {
  it('keeps every member with their subscriptions and queued messages, and takes French and Portuguese', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0013')) {
      fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    }
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db, oldDir);
      const now = Date.now();
      const a = insertMember(db, vault, { channel: 'sms', address: '+14155550101', phone: '+14155550101' }, 'es', now, 'active');
      const b = insertMember(db, vault, { channel: 'sms', address: '+14155550102', phone: '+14155550102' }, 'en', now, 'stopped');
      subscribe(db, a.id, ['415', '628'], now);
      enqueueMessage(db, vault, a.id, 'hello', now);
      expect(() => db.sqlite.prepare("UPDATE members SET lang = 'fr' WHERE id = ?").run(a.id)).toThrow(/CHECK/);

      expect(migrate(db)[0]).toBe('0013_reach.sql');

      expect(db.sqlite.prepare('SELECT id, lang, status, discreet FROM members ORDER BY id').all()).toEqual([
        { id: a.id, lang: 'es', status: 'active', discreet: 0 },
        { id: b.id, lang: 'en', status: 'stopped', discreet: 0 },
      ]);
      expect(listAreas(db, a.id)).toEqual(['415', '628']);
      expect((db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ?').get(a.id) as { n: number }).n).toBe(1);
      db.sqlite.prepare("UPDATE members SET lang = 'pt' WHERE id = ?").run(a.id);
      expect(() => db.sqlite.prepare("UPDATE members SET lang = 'english' WHERE id = ?").run(a.id)).toThrow(/CHECK/);
      // The references hold: erasing the member erases what hangs on it, and nothing can point to no member.
      db.sqlite.prepare('DELETE FROM members WHERE id = ?').run(a.id);
      expect(listAreas(db, a.id)).toEqual([]);
      expect(() => subscribe(db, 9999, ['415'], now)).toThrow(/FOREIGN KEY/);
      expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});
