/**
 * rotate-key erases open questions (they are keyed by blind indexes a new key
 * cannot recompute). A member halfway through a guided report when the
 * operator stopped the server to rotate the key lost it without a word: no
 * moderator saw it, and her next answers got the hint. The draft is settled
 * first, as when it lapses: filed with what it has, and she is told.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { rotateKeyCommand } from '../../src/cli/rotate-key-command';
import { Db } from '../../src/store/db';
import { findMember } from '../../src/store/members';
import { openBody } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { startHarness, TEST_MASTER_KEY } from '../helpers/harness';

const ROSA = '+14155550101';
const MOD = '+14155550199';
const NEW_KEY = Buffer.alloc(32, 11).toString('base64');
const t = catalog('en');

describe('rotate-key with a guided report in progress', () => {
  it('files the draft with what it has and tells her, under the new key', async () => {
    const h = await startHarness({ env: { MODERATORS: MOD } });
    const { dataDir } = h;
    try {
      await h.sms(ROSA, 'JOIN 415');
      expect((await h.sms(ROSA, 'REPORT')).message).toBe(t.reportAsk('what'));
      expect((await h.sms(ROSA, '1 5')).message).toBe(t.reportAsk('when'));
      expect((await h.sms(ROSA, 'an hour ago')).message).toBe(t.reportAsk('where'));
    } finally {
      await h.close();
    }
    const lines = await rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY, MODERATORS: MOD }, () => undefined);
    expect(lines[0]).toMatch(/every value is now sealed/);
    await cryptoReady();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    try {
      const vault = new Vault(Buffer.from(NEW_KEY, 'base64'), 2);
      expect((db.sqlite.prepare("SELECT count(*) AS n FROM reports WHERE status = 'pending'").get() as { n: number }).n).toBe(1);
      const rosa = findMember(db, vault, { channel: 'sms', address: ROSA })!;
      const rows = db.sqlite.prepare('SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND body_ct IS NOT NULL ORDER BY id').all(rosa.id) as Array<{
        id: number;
        body_ct: Buffer;
        key_version: number;
      }>;
      const told = rows.map((r) => openBody(vault, r)).filter((text) => text.startsWith('Heads Up: your unfinished report'));
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/#[A-Z0-9]{4,6}/);
    } finally {
      db.close();
    }
  }, 60_000);
});
