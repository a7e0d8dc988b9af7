/**
 * Migration 0070: the pairs of all-clears watched, each with the member to tell should every copy fail. All-clears
 * queued before it are not watched. Found by review: it watched each of before 0069 (no pair) as its own pair,
 * but then an SMS fallback of a refused Signal copy was queued outside any pair, so a refused copy whose
 * fallback arrived read as reaching no one, and she was told so within a second of upgrading.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tellAllClearsUnreached } from '../../src/jobs/checkin-all-clears-unreached';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

it('tells no one of all-clears queued before it, a refused Signal copy whose SMS fallback arrived among them', async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const oldDir = tempDir();
  for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0069')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db, oldDir);
    const rose = insertMember(db, vault, { channel: 'sms', address: '+14155550100' }, 'en', T0, 'active').id;
    const ana = insertMember(db, vault, { channel: 'sms', address: '+14155550101' }, 'en', T0, 'active').id;
    // As the version before queued them: Rose's over Signal refused and its SMS fallback, outside any pair, delivered;
    // Ana's to one buddy refused and to another delivered.
    const allClear = db.sqlite.prepare(
      'INSERT INTO outbox (id, channel, priority, key_version, state, error, due_at, created_at, updated_at) VALUES (?, ?, 0, 1, ?, ?, ?, ?, ?)',
    );
    for (const [id, member, channel, state, error] of [
      [1, rose, 'signal', 'failed', 'invalid:unregistered'],
      [2, rose, 'sms', 'delivered', null],
      [3, ana, 'sms', 'failed', 'invalid:21211'],
      [4, ana, 'sms', 'delivered', null],
    ] as const) {
      allClear.run(id, channel, state, error, T0, T0, T0);
      db.sqlite.prepare('INSERT INTO buddy_messages (outbox_id, member_id) VALUES (?, ?)').run(id, member);
      db.sqlite.prepare('INSERT INTO checkin_all_clears (outbox_id) VALUES (?)').run(id);
    }
    expect(migrate(db)).toContain('0070_checkin_all_clear_watch.sql');
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM checkin_all_clear_watch').get()).toEqual({ n: 0 });
    db.transaction(() => tellAllClearsUnreached({ db, vault }, T0 + 60_000));
    expect(db.sqlite.prepare('SELECT member_id FROM outbox WHERE member_id IS NOT NULL').all()).toEqual([]);
  } finally {
    db.close();
  }
});
