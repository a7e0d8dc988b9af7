/**
 * An outbox id is never handed out twice. A line that ran migration 0005
 * before it had AUTOINCREMENT (2 December) keeps no count of outbox ids in
 * sqlite_sequence: the next id still comes after the highest row.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const vault = () => new Vault(new Uint8Array(Buffer.alloc(32, 7)));

beforeAll(cryptoReady);

it('queues a second message on a line whose outbox keeps no count of its ids', () => {
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db);
    const member = ensureMember(db, vault(), { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', NOW).id;
    const first = enqueueMessage(db, vault(), member, 'Heads Up: one', NOW);
    // What such a line holds: rows, and no count.
    db.sqlite.prepare("DELETE FROM sqlite_sequence WHERE name = 'outbox'").run();
    const second = enqueueMessage(db, vault(), member, 'Heads Up: two', NOW);
    expect(second).toBeGreaterThan(first);
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(2);
  } finally {
    db.close();
  }
});
