/**
 * An SMS reply through the outbox (a parked reply, a notice) names its
 * member only until its final status: then nothing on the disk ties her to
 * it, nor to what was queued in its millisecond (a seized-disk hunt read a
 * reporter beside the notice of her report). What the report does to her
 * still happens first: a delivery starts her invalid count again, a
 * carrier's opt-out (21610) stops her.
 */
import path from 'node:path';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { countInvalid } from '../../src/store/invalid-streak';
import { ensureMember, memberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const NOW = 1_800_000_000_123;
const DAY = 86_400_000;

describe('an SMS reply at its final status', () => {
  let db: Db;
  let vault: Vault;
  let her: number;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    her = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', NOW - DAY).id;
  });
  afterEach(() => db.close());

  /** What the file shows without the key: the messages that name her, and the times the reply was queued at. */
  const namingHer = () => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ?').get(her) as { n: number }).n;
  const queuedAt = (id: number) => db.sqlite.prepare('SELECT created_at AS created, due_at AS due FROM outbox WHERE id = ?').get(id);
  const sentReply = () => {
    const id = enqueueMessage(db, vault, her, 'Thank you. Your report #K7Q2 is with the moderators.', NOW);
    expect(claimLane(db, 'sms', NOW, 10, NOW + 60_000).map((r) => r.id)).toEqual([id]);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM1' }], NOW + 500);
    return id;
  };

  it('stays hers while a status may still come, and once delivered names no one, queued only to the day; her invalid count starts again', () => {
    countInvalid(db, her, NOW - DAY);
    const streak = () => db.sqlite.prepare('SELECT invalid_streak FROM members WHERE id = ?').get(her);
    expect(streak()).toEqual({ invalid_streak: 1 });
    const id = sentReply();
    expect(namingHer()).toBe(1);
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SM1', delivery: { kind: 'delivered' } }, NOW + 2_000)).toEqual({ matched: true, kind: 'delivered' });
    expect(namingHer()).toBe(0);
    expect(queuedAt(id)).toEqual({ created: NOW - (NOW % DAY), due: NOW - (NOW % DAY) });
    expect(streak()).toEqual({ invalid_streak: 0 });
  });

  it('once failed for her opt-out (21610) names no one, and she is stopped', () => {
    const id = sentReply();
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SM1', delivery: { kind: 'stopped', code: '21610' } }, NOW + 2_000)).toEqual({ matched: true, kind: 'stopped' });
    expect(namingHer()).toBe(0);
    expect(memberStatus(db, her)).toBe('stopped');
  });
});
