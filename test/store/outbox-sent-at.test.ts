/**
 * outbox.sent_at keeps no more than the day the copy was sent, where the
 * line is (the start of that local day), which nothing reads now;
 * and a copy whose delivery report came before its send's outcome was
 * recorded gets it too, from the report.
 */
import path from 'node:path';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';
import { restoreTimeZoneAfterEach } from '../helpers/time-zone';

// Sunday 6 December 23:30 in Los Angeles.
const SENT = Date.parse('2026-12-07T07:30:00Z');
const LA_DAY = Date.parse('2026-12-06T08:00:00Z');

describe('outbox.sent_at', () => {
  restoreTimeZoneAfterEach();
  let db: Db;
  let vault: Vault;
  let member: number;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    process.env.TZ = 'America/Los_Angeles';
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', SENT).id;
  });
  afterEach(() => db.close());

  const sentAt = (id: number) => (db.sqlite.prepare('SELECT sent_at FROM outbox WHERE id = ?').get(id) as { sent_at: number | null }).sent_at;
  const inFlight = () => {
    const id = enqueueMessage(db, vault, member, 'HU 415: grey van', SENT - 1_000);
    expect(claimLane(db, 'sms', SENT - 1_000, 10, SENT + 60_000).map((r) => r.id)).toEqual([id]);
    return id;
  };

  it('is the start of the local day the send was taken on', () => {
    const id = inFlight();
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM1' }], SENT);
    expect(sentAt(id)).toBe(LA_DAY);
  });

  it('is set by a delivery report that came before the send outcome', () => {
    const id = inFlight();
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SM1', delivery: { kind: 'delivered' } }, SENT)).toEqual({ matched: true, kind: 'delivered' });
    expect(sentAt(id)).toBe(LA_DAY);
  });
});
