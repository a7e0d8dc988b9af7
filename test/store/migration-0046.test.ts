/**
 * Migration 0046: a digest queued before the upgrade counted what waited
 * then, unrecorded. It keeps the old rule: dropped once nothing waits, and
 * not before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dropDigestsIfNothingWaits } from '../../src/bot/notify';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { holdDigest } from '../../src/store/moderator-notices';
import { enqueueMessage } from '../../src/store/outbox';
import { decideReport } from '../../src/store/reports';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

describe('migration 0046 on a line with a digest waiting', () => {
  it('drops it once every report waiting at the upgrade is decided, not before', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0046')) {
      fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    }
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    try {
      migrate(db, oldDir);
      const now = Date.UTC(2026, 11, 2, 4, 0, 0);
      const periodStart = now - (now % 900_000);
      const moderator = insertMember(db, vault, { channel: 'sms', address: '+14155550199', phone: '+14155550199' }, 'en', now, 'active');
      // As the version before wrote reports (createReport now also reads tables of later migrations).
      const reports = [1, 2].map((i) => ({
        id: Number(
          db.sqlite
            .prepare("INSERT INTO reports (ref, npas, text_ct, key_version, reporter_bidx, created_at) VALUES (?, '206', ?, 1, ?, ?)")
            .run(`GV${i}Q`, vault.seal(`grey van ${i}`, { table: 'reports', column: 'text', row: `GV${i}Q` }), vault.index('reporter', `sms:+1206201000${i}`), now).lastInsertRowid,
        ),
      }));
      const digest = enqueueMessage(db, vault, moderator.id, '2 more reports waiting; text PENDING', now);
      holdDigest(db, digest, moderator.id, periodStart, periodStart + 900_000);

      expect(migrate(db)).toContain('0046_digest_items.sql');
      const waiting = () => db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE id = ?').get(digest) as { n: number };

      decideReport(db, reports[0]!.id, 'rejected', now);
      dropDigestsIfNothingWaits(db);
      expect(waiting()).toEqual({ n: 1 });
      decideReport(db, reports[1]!.id, 'rejected', now);
      dropDigestsIfNothingWaits(db);
      expect(waiting()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
