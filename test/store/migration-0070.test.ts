/**
 * Migration 0070: the pairs of all-clears watched, each with the member to tell should every copy fail. Found
 * by review: all-clears queued before 0069 have no pair, and the unreached query grouped by the column (NULL
 * for all of them, across members) rather than by each row's own pair, so one member's failed all-clear was
 * hidden by another's delivered one, and a member told at all was an arbitrary one. Each such row is its own
 * pair, watched under its owner.
 */
import fs from 'node:fs';
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { tellAllClearsUnreached } from '../../src/jobs/checkin-all-clears-unreached';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { BODY } from '../../src/store/outbox-rows';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

it('tells each member of all-clears queued before pairs whose own failed, and no one else', async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const oldDir = tempDir();
  for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0069')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db, oldDir);
    const rose = insertMember(db, vault, { channel: 'sms', address: '+14155550100' }, 'en', T0, 'active').id;
    const ana = insertMember(db, vault, { channel: 'sms', address: '+14155550101' }, 'en', T0, 'active').id;
    // As the version before queued them: Rose's to one buddy refused, Ana's to one refused and to another delivered.
    const allClear = db.sqlite.prepare(
      "INSERT INTO outbox (id, channel, priority, key_version, state, error, due_at, created_at, updated_at) VALUES (?, 'sms', 0, 1, ?, ?, ?, ?, ?)",
    );
    for (const [id, member, state, error] of [
      [1, rose, 'failed', 'invalid:21211'],
      [2, ana, 'failed', 'invalid:21211'],
      [3, ana, 'delivered', null],
    ] as const) {
      allClear.run(id, state, error, T0, T0, T0);
      db.sqlite.prepare('INSERT INTO buddy_messages (outbox_id, member_id) VALUES (?, ?)').run(id, member);
      db.sqlite.prepare('INSERT INTO checkin_all_clears (outbox_id) VALUES (?)').run(id);
    }
    expect(migrate(db)).toContain('0070_checkin_all_clear_watch.sql');
    db.transaction(() => tellAllClearsUnreached({ db, vault }, T0 + 60_000));
    const told = db.sqlite.prepare('SELECT id, member_id, body_ct, key_version FROM outbox WHERE member_id IS NOT NULL ORDER BY member_id').all() as Array<{
      id: number;
      member_id: number;
      body_ct: Buffer;
      key_version: number;
    }>;
    expect(told.map((r) => ({ member: r.member_id, text: vault.open(r.body_ct, { ...BODY, row: r.id }, r.key_version) }))).toEqual([
      { member: rose, text: catalog('en').checkinOkUnreached(1) },
      { member: ana, text: catalog('en').checkinOkUnreached(1) },
    ]);
  } finally {
    db.close();
  }
});
