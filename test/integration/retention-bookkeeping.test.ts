/** Retention of the inbound log (handled provider ids and replies) and of rate-limit rows: a day, whatever RETENTION_DAYS says. */
import path from 'node:path';
import { runRetention } from '../../src/jobs/retention';
import { Db } from '../../src/store/db';
import { InboundLog } from '../../src/store/inbound-log';
import { migrate } from '../../src/store/migrate';
import { takeLimit } from '../../src/store/sender-limits';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = 1_800_000_000_000;

describe('retention of bookkeeping', () => {
  let db: Db;
  let vault: Vault;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(9));
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterAll(() => db.close());

  const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('erases handled message ids and rate-limit windows older than a day, keeps younger ones', () => {
    const log = new InboundLog(db, vault);
    db.transaction(() => {
      log.remember(log.key('sms', 'SM-old'), 'an old reply', NOW - DAY - 1);
      log.remember(log.key('sms', 'SM-new'), 'a new reply', NOW - DAY + HOUR);
      takeLimit(db, Buffer.alloc(16, 1), 'message', 5, 60_000, NOW - 2 * DAY);
      takeLimit(db, Buffer.alloc(16, 2), 'message', 5, 60_000, NOW - HOUR);
    });
    expect([count('inbound_messages'), count('sender_limits')]).toEqual([2, 2]);

    // RETENTION_DAYS is far longer: these go after a day regardless.
    const erased = runRetention(db, 90, NOW);

    expect(erased).toMatchObject({ inbound: 1, limits: 1 });
    expect([count('inbound_messages'), count('sender_limits')]).toEqual([1, 1]);
    const fresh = new InboundLog(db, vault);
    expect(fresh.previousReply(fresh.key('sms', 'SM-new'), NOW)).toBe('a new reply');
    expect(fresh.previousReply(fresh.key('sms', 'SM-old'), NOW)).toBeUndefined();
    expect((db.sqlite.prepare('SELECT sender_bidx FROM sender_limits').get() as { sender_bidx: Buffer }).sender_bidx).toEqual(Buffer.alloc(16, 2));
  });

  it('keeps rows exactly a day old, and erases nothing else of the member data', () => {
    db.sqlite.exec('DELETE FROM inbound_messages; DELETE FROM sender_limits');
    const log = new InboundLog(db, vault);
    db.transaction(() => {
      log.remember(log.key('sms', 'SM-edge'), null, NOW - DAY);
      takeLimit(db, Buffer.alloc(16, 3), 'hint', 1, HOUR, NOW - DAY);
    });
    expect(runRetention(db, 90, NOW)).toEqual({ outbox: 0, screening: 0, alerts: 0, reports: 0, inbound: 0, limits: 0 });
    expect([count('inbound_messages'), count('sender_limits')]).toEqual([1, 1]);
  });
});
