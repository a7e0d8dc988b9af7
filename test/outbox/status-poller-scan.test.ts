/**
 * The status poller's look-up of unreported SMS, six times a minute, reads
 * only SMS still waiting for their final status (a partial index, migration
 * 0067), not every finished row of the last 4 hours (36 ms with 100k rows).
 * The statement the look-up prepares is the one whose plan is read.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { firstUnreported } from '../../src/store/outbox-unreported';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;

describe("the status poller's look-up", () => {
  it('reads through the index of sent SMS that keep their Twilio id, and finds the oldest of them', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const insert = db.sqlite.prepare("INSERT INTO outbox (channel, priority, key_version, state, due_at, created_at, updated_at, provider_id) VALUES (?, 1, 0, ?, ?, ?, ?, ?)");
    insert.run('sms', 'delivered', T0, T0, T0, null);
    insert.run('signal', 'sent', T0 + 1, T0 + 1, T0 + 1, 'signal-ts');
    const sent = Number(insert.run('sms', 'sent', T0 + 2, T0 + 2, T0 + 2, 'SMsent').lastInsertRowid);
    insert.run('sms', 'sent', T0 + 3, T0 + 3, T0 + 3, 'SMlater');
    const prepared: string[] = [];
    const stmt = db.stmt.bind(db);
    jest.spyOn(db, 'stmt').mockImplementation((sql: string) => {
      prepared.push(sql);
      return stmt(sql);
    });

    expect(firstUnreported(db, T0, T0 + 10, () => true)).toEqual({ id: sent, providerId: 'SMsent' });
    expect(prepared).toHaveLength(1);
    const plan = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${prepared[0]}`).all(T0, T0 + 10) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual([expect.stringContaining('USING INDEX outbox_sms_unreported')]);
    db.close();
  });
});
