/**
 * Migration 0059: outbox.daily_capped, which keeps a sent SMS's text and address for a daily cap's re-sends (24
 * hours) rather than 4. Rows of before that the old rule kept so long (an SMS sent more than once) or waiting on a
 * daily cap's re-send are marked, so none loses its text before its re-send is due; no other row is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runRetention } from '../../src/jobs/retention';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

it('marks the SMS re-sent or waiting on a daily cap before it, and they keep their text past 4 hours', () => {
  const migrations = findProjectDir('migrations');
  const oldDir = tempDir();
  for (const f of fs.readdirSync(migrations).filter((f) => f < '0059')) fs.copyFileSync(path.join(migrations, f), path.join(oldDir, f));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db, oldDir);
    const insert = db.sqlite.prepare(
      "INSERT INTO outbox (id, channel, priority, address_ct, body_ct, key_version, state, sends, error, due_at, created_at, updated_at) VALUES (?, ?, 0, x'01', x'02', 1, ?, ?, ?, 0, ?, ?)",
    );
    // Re-sent under the old rule (a 63038 or not: it cannot tell), sent once, waiting on a 63038 re-send, and a Signal row.
    insert.run(1, 'sms', 'sent', 2, null, T0, T0 + 2 * HOUR);
    insert.run(2, 'sms', 'sent', 1, null, T0, T0);
    insert.run(3, 'sms', 'pending', 1, 'limited:failed:63038', T0, T0 + HOUR);
    insert.run(4, 'signal', 'sent', 2, null, T0, T0);
    migrate(db);
    expect(db.sqlite.prepare('SELECT id, daily_capped FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, daily_capped: 1 },
      { id: 2, daily_capped: 0 },
      { id: 3, daily_capped: 1 },
      { id: 4, daily_capped: 0 },
    ]);
    // The one waiting is re-sent; retention then runs past 4 hours.
    db.sqlite.prepare("UPDATE outbox SET state = 'sent', sends = 2, error = NULL WHERE id = 3").run();
    runRetention(db, 30, T0 + 5 * HOUR);
    expect(db.sqlite.prepare('SELECT id, body_ct IS NOT NULL AS text, address_ct IS NOT NULL AS address FROM outbox WHERE id < 4 ORDER BY id').all()).toEqual([
      { id: 1, text: 1, address: 1 },
      { id: 2, text: 0, address: 0 },
      { id: 3, text: 1, address: 1 },
    ]);
  } finally {
    db.close();
  }
});
