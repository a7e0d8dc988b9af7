/**
 * Migration 0035: texts of messages already finished (delivered or failed)
 * were kept, sealed, until retention; they go at the upgrade. An SMS sent
 * and still awaiting its final status keeps its text ("undelivered" sends
 * it again), and so does a message still waiting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

describe('migration 0035 on a line with messages sent', () => {
  it('erases the texts of finished messages and keeps those a send may still need', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0035')) {
      fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    }
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db, oldDir);
      const now = Date.now();
      const member = insertMember(db, vault, { channel: 'sms', address: '+14155550101', phone: '+14155550101' }, 'en', now, 'active');
      const states = ['delivered', 'failed', 'sent', 'pending'];
      const ids = states.map((state) => {
        const id = enqueueMessage(db, vault, member.id, `They shared: blue Honda (${state})`, now);
        db.sqlite.prepare('UPDATE outbox SET state = ? WHERE id = ?').run(state, id);
        return id;
      });

      expect(migrate(db)).toContain('0035_outbox_sent_texts.sql');

      const kept = (id: number) => (db.sqlite.prepare('SELECT body_ct FROM outbox WHERE id = ?').get(id) as { body_ct: Buffer | null }).body_ct !== null;
      expect(ids.map(kept)).toEqual([false, false, true, true]);
    } finally {
      db.close();
    }
  });
});
