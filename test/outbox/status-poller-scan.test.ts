/**
 * The status poller's look-up of unreported SMS, six times a minute, reads
 * only SMS still waiting for their final status (a partial index, migration
 * 0067, which the look-up names), not every finished row of the last 4
 * hours (36 ms with 100k rows): what it finds among other rows.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { firstUnreported } from '../../src/store/outbox-unreported';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;

describe("the status poller's look-up", () => {
  it('finds the oldest sent SMS that keeps its Twilio id, past delivered SMS and Signal rows', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const insert = db.sqlite.prepare("INSERT INTO outbox (channel, priority, key_version, state, due_at, created_at, updated_at, provider_id) VALUES (?, 1, 0, ?, ?, ?, ?, ?)");
    insert.run('sms', 'delivered', T0, T0, T0, null);
    insert.run('signal', 'sent', T0 + 1, T0 + 1, T0 + 1, 'signal-ts');
    const sent = Number(insert.run('sms', 'sent', T0 + 2, T0 + 2, T0 + 2, 'SMsent').lastInsertRowid);
    insert.run('sms', 'sent', T0 + 3, T0 + 3, T0 + 3, 'SMlater');
    expect(firstUnreported(db, T0, T0 + 10, () => true)).toEqual({ id: sent, providerId: 'SMsent' });
    db.close();
  });
});
