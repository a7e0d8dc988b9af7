/** The outbox store: a claim leases its rows, so no second claim takes them until the lease ends; a lane learns when its next row falls due. */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ensureMember, setMemberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { claimLane, dueUrgentAfterOutage, enqueueMessage, enqueueReply, nextDue, openBody, openRowAddress, outboxCounts, PRIORITY, recordOutcomes, releaseLeases } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;

describe('claiming outbox rows', () => {
  let db: Db;
  let vault: Vault;
  let member: number;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
  });
  afterEach(() => db.close());

  it("makes due, once a provider is back, only the urgent rows waiting out an outage's backoff", () => {
    const notice = enqueueMessage(db, vault, member, 'notice', T0);
    const throttled = enqueueMessage(db, vault, member, 'reply', T0);
    const alert = enqueueMessage(db, vault, member, 'alert', T0, { priority: PRIORITY.bulk });
    const inFlight = enqueueMessage(db, vault, member, 'in flight', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000, [inFlight]);
    recordOutcomes(db, [
      { id: notice, kind: 'retry', dueAt: T0 + 900_000, error: 'server:20503' },
      { id: throttled, kind: 'retry', dueAt: T0 + 900_000, error: 'throttled:20429', throttled: true },
      { id: alert, kind: 'retry', dueAt: T0 + 900_000, error: 'connection:ECONNRESET' },
    ], T0);
    claimLane(db, 'sms', T0, 1, T0 + 60_000);
    expect(dueUrgentAfterOutage(db, 'sms', T0 + 1_000)).toBe(1);
    const due = (id: number) => (db.sqlite.prepare('SELECT due_at FROM outbox WHERE id = ?').get(id) as { due_at: number }).due_at;
    expect([due(notice), due(throttled), due(alert), due(inFlight)]).toEqual([T0 + 1_000, T0 + 900_000, T0 + 900_000, T0 + 60_000]);
  });

  it('leases what it claims: a second claim before the lease ends gets nothing, one at its end gets the row again', () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const first = claimLane(db, 'sms', T0, 10, T0 + 1_000);
    expect(first.map((r) => [r.id, r.attempts])).toEqual([[id, 1]]);
    expect(openBody(vault, first[0]!)).toBe('hello');

    expect(claimLane(db, 'sms', T0 + 999, 10, T0 + 2_000)).toEqual([]);
    const again = claimLane(db, 'sms', T0 + 1_000, 10, T0 + 3_000);
    expect(again.map((r) => [r.id, r.attempts])).toEqual([[id, 2]]);
  });

  it('releases every lease at start-up, so rows claimed before a crash are due at once', () => {
    enqueueMessage(db, vault, member, 'hello', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    expect(releaseLeases(db, T0)).toBe(1);
    expect(claimLane(db, 'sms', T0 + 1, 10, T0 + 60_000)).toHaveLength(1);
  });

  it('claims only rows that are due, pending and of its own channel, oldest first, at most `limit`', () => {
    const late = enqueueMessage(db, vault, member, 'later', T0 + 5_000);
    const early = enqueueMessage(db, vault, member, 'now', T0);
    const early2 = enqueueMessage(db, vault, member, 'now too', T0 + 1);
    const sent = enqueueMessage(db, vault, member, 'done', T0);
    recordOutcomes(db, [{ id: sent, kind: 'sent', providerId: 'SM1' }], T0);
    enqueueReply(db, vault, { channel: 'signal', address: '6f1c2a4e-1b2c-4d5e-8f90-123456789abc' }, 'signal reply', T0);

    expect(claimLane(db, 'sms', T0 + 4_999, 1, T0 + 60_000).map((r) => r.id)).toEqual([early]);
    expect(claimLane(db, 'sms', T0 + 4_999, 10, T0 + 60_000).map((r) => r.id)).toEqual([early2]);
    expect(claimLane(db, 'sms', T0 + 5_000, 10, T0 + 60_000).map((r) => r.id)).toEqual([late]);
    expect(claimLane(db, 'signal', T0, 10, T0 + 60_000).map((r) => r.channel)).toEqual(['signal']);
  });

  it('carries the member status, so a stopped member’s row is recognised when claimed', () => {
    enqueueMessage(db, vault, member, 'hello', T0);
    setMemberStatus(db, member, 'stopped');
    expect(claimLane(db, 'sms', T0, 10, T0 + 1_000).map((r) => [r.member_status, r.channel, r.lang])).toEqual([['stopped', 'sms', 'en']]);
  });

  it('records a retry as due later and no longer leased, and a failure as final', () => {
    const a = enqueueMessage(db, vault, member, 'a', T0);
    const b = enqueueMessage(db, vault, member, 'b', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    recordOutcomes(db, [{ id: a, kind: 'retry', dueAt: T0 + 500, error: 'server:500' }, { id: b, kind: 'failed', error: 'invalid:21211' }], T0);
    expect(claimLane(db, 'sms', T0 + 499, 10, T0 + 60_000)).toEqual([]);
    expect(claimLane(db, 'sms', T0 + 500, 10, T0 + 60_000).map((r) => [r.id, r.attempts])).toEqual([[a, 2]]);
    const rows = db.sqlite.prepare('SELECT id, state, error FROM outbox ORDER BY id').all();
    expect(rows).toEqual([
      { id: a, state: 'pending', error: 'server:500' },
      { id: b, state: 'failed', error: 'invalid:21211' },
    ]);
  });

  it('tells a lane when its next row falls due, urgent or bulk, and nothing when it has none', () => {
    expect(nextDue(db, 'sms')).toBeNull();
    enqueueMessage(db, vault, member, 'later notice', T0 + 9_000);
    expect(nextDue(db, 'sms')).toBe(T0 + 9_000);
    // A fan-out's row (bulk) falling due sooner.
    subscribe(db, member, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, T0 + 4_000);
    while (!planNextRange(db, alert, T0 + 4_000).done);
    expect(nextDue(db, 'sms')).toBe(T0 + 4_000);
    // An urgent row sooner still.
    enqueueMessage(db, vault, member, 'a reply', T0 + 1_000);
    expect(nextDue(db, 'sms')).toBe(T0 + 1_000);
    // Only pending rows of that lane count.
    expect(nextDue(db, 'signal')).toBeNull();
    enqueueMessage(db, vault, member, 'another fan-out row', T0 + 500, { priority: PRIORITY.bulk });
    expect(nextDue(db, 'sms')).toBe(T0 + 500);
  });

  it('refuses to queue a message to a member who is not there, and queues nothing', () => {
    expect(() => enqueueMessage(db, vault, member + 1, 'to no one', T0)).toThrow(/no such member/);
    expect(outboxCounts(db).pending).toBe(0);
  });

  it('refuses to open what a row does not hold: the body of an alert row, a missing address', () => {
    subscribe(db, member, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, T0);
    while (!planNextRange(db, alert, T0).done);
    const [row] = claimLane(db, 'sms', T0, 1, T0 + 1_000);
    expect(row!.alert_id).toBe(alert);
    expect(() => openBody(vault, row!)).toThrow(/no body/);
    expect(() => openRowAddress(vault, { ...row!, address_ct: null })).toThrow(/no address/);
  });
});
