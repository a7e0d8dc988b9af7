/**
 * Migration 0058: outbox.sent_at, the send time a retraction's correction names the day of. Rows of before take it
 * from updated_at when that is the send's (sent) or the delivery's (delivered), to the quarter hour; others stay
 * NULL, their correction naming the alert's day as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/temp-dir';

it('gives the alert copies sent or delivered before it their send time, to the quarter hour, and no other row one', () => {
  const migrations = findProjectDir('migrations');
  const oldDir = tempDir();
  for (const f of fs.readdirSync(migrations).filter((f) => f < '0058')) fs.copyFileSync(path.join(migrations, f), path.join(oldDir, f));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db, oldDir);
    db.sqlite.pragma('foreign_keys = OFF');
    const insert = db.sqlite.prepare(
      "INSERT INTO outbox (id, member_id, alert_id, channel, priority, body_ct, key_version, state, due_at, created_at, updated_at) VALUES (?, ?, ?, 'sms', 1, x'00', 1, ?, 0, 0, ?)",
    );
    const sent = Date.parse('2026-12-06T08:20:31Z');
    insert.run(1, 1, 7, 'sent', sent);
    insert.run(2, 2, 7, 'delivered', sent + 60_000);
    insert.run(3, 3, 7, 'failed', sent);
    insert.run(4, 4, 7, 'pending', sent);
    insert.run(5, 5, null, 'sent', sent);
    migrate(db);
    const quarter = Date.parse('2026-12-06T08:15:00Z');
    expect(db.sqlite.prepare('SELECT id, sent_at FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, sent_at: quarter },
      { id: 2, sent_at: quarter },
      { id: 3, sent_at: null },
      { id: 4, sent_at: null },
      { id: 5, sent_at: null },
    ]);
  } finally {
    db.close();
  }
});
