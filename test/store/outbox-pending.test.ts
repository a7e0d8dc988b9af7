/** The backlog gauge counts pending rows only, whatever the history holds (its speed is the benchmark's business). */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { countPending, outboxCounts } from '../../src/store/outbox';
import { Metrics } from '../../src/metrics';
import { tempDir } from '../helpers/temp-dir';

describe('the outbox backlog', () => {
  let db: Db;
  beforeAll(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    db.sqlite.prepare("INSERT INTO members (id, channel, address_bidx, key_version, status, created_at) VALUES (1, 'sms', randomblob(16), 1, 'active', 0)").run();
    const insert = db.sqlite.prepare("INSERT INTO outbox (member_id, body_ct, state, due_at, created_at, updated_at) VALUES (1, x'00', ?, 0, 0, 0)");
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(i % 10 === 0 ? 'pending' : i % 3 ? 'delivered' : i % 2 ? 'failed' : 'sent');
    });
  });
  afterAll(() => db.close());

  it('counts only pending rows, and agrees with a full count', () => {
    expect(countPending(db)).toBe(300);
    expect(countPending(db)).toBe(outboxCounts(db).pending);
  });

  it('is what /metrics shows as headsup_outbox_pending', async () => {
    const text = await new Metrics(db).registry.metrics();
    expect(text).toMatch(/^headsup_outbox_pending 300$/m);
    expect(text).not.toMatch(/headsup_outbox_rows/);
  });
});
