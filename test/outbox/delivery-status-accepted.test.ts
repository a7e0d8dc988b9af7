/**
 * Twilio's progress reports (queued, sent…) for a try whose answer we never
 * got: the create reached Twilio, our time-out (or a crash) came first.
 * Twilio took it, so the row is sent, never sent again. Over a real SQLite
 * file (the route and the status names are the Twilio adapter's).
 */
import path from 'node:path';
import { applyAccepted, applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes, releaseLeases } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const LEASE = 60_000;

describe('applyAccepted: Twilio took a try whose answer we did not get', () => {
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

  const row = (id: number) => db.sqlite.prepare('SELECT state, attempts, error, provider_id FROM outbox WHERE id = ?').get(id) as { state: string; attempts: number; error: string | null; provider_id: string | null };
  /** A row whose first try is in flight (claimed, its answer not back). */
  function inFlight(): number {
    const id = enqueueMessage(db, vault, member, 'HU 415: grey van', T0);
    expect(claimLane(db, 'sms', T0, 10, T0 + LEASE).map((r) => r.id)).toEqual([id]);
    return id;
  }

  it('marks the try in flight sent with Twilio’s id: its time-out, recorded later, neither sends it again nor moves it', () => {
    const id = inFlight();
    expect(applyAccepted(db, { rowId: id, attempt: 1, providerId: 'SMA' }, T0 + 100)).toBe(true);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMA', error: null });
    recordOutcomes(db, [{ id, kind: 'retry', dueAt: T0 + 2_000, error: 'connection:ETIMEDOUT' }], T0 + 300);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMA', error: null });
    expect(claimLane(db, 'sms', T0 + 3_600_000, 10, T0 + 3_600_000 + LEASE)).toEqual([]);
  });

  it('marks sent a try whose time-out was recorded first, before its retry is claimed', () => {
    const id = inFlight();
    recordOutcomes(db, [{ id, kind: 'retry', dueAt: T0 + 2_000, error: 'connection:ETIMEDOUT' }], T0 + 300);
    expect(applyAccepted(db, { rowId: id, attempt: 1, providerId: 'SMA' }, T0 + 400)).toBe(true);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMA', error: null, attempts: 1 });
    expect(claimLane(db, 'sms', T0 + 2_000, 10, T0 + 2_000 + LEASE)).toEqual([]);
  });

  it('after a crash between the send and its outcome, the restart does not send again what Twilio reported taken', () => {
    const id = inFlight();
    // No outcome written: the process died. Twilio's report comes, before or after the restart's release of leases.
    expect(applyAccepted(db, { rowId: id, attempt: 1, providerId: 'SMA' }, T0 + 100)).toBe(true);
    releaseLeases(db, T0 + 200);
    expect(claimLane(db, 'sms', T0 + 200, 10, T0 + 200 + LEASE)).toEqual([]);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMA' });

    // The same, the report arriving once the restart released the lease (the row due again, not claimed yet).
    const other = inFlight();
    releaseLeases(db, T0 + 200);
    expect(applyAccepted(db, { rowId: other, attempt: 1, providerId: 'SMB' }, T0 + 300)).toBe(true);
    expect(claimLane(db, 'sms', T0 + 400, 10, T0 + 400 + LEASE)).toEqual([]);
  });

  it('changes nothing for a report of another try, a row already answered, or one settled', () => {
    // The second try is in flight: the first try's report (a replay, or late) does not settle it.
    const id = inFlight();
    recordOutcomes(db, [{ id, kind: 'retry', dueAt: T0 + 1_000, error: 'server:20500' }], T0 + 10);
    expect(claimLane(db, 'sms', T0 + 1_000, 10, T0 + 1_000 + LEASE)).toHaveLength(1);
    expect(applyAccepted(db, { rowId: id, attempt: 1, providerId: 'SMold' }, T0 + 1_100)).toBe(false);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 2, provider_id: null });

    // Answered: the send's own id stays.
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SMB' }], T0 + 1_200);
    expect(applyAccepted(db, { rowId: id, attempt: 2, providerId: 'SMother' }, T0 + 1_300)).toBe(false);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMB' });

    // Waiting to be sent again after "undelivered" (its provider id kept until then): a replayed "queued" of that try is old news.
    const waiting = enqueueMessage(db, vault, member, 'HU 415: white van', T0);
    claimLane(db, 'sms', T0 + 2_000, 10, T0 + 2_000 + LEASE);
    recordOutcomes(db, [{ id: waiting, kind: 'sent', providerId: 'SMC' }], T0 + 2_050);
    expect(applyDeliveryReport(db, vault, { rowId: waiting, attempt: 1, providerId: 'SMC', delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, T0 + 2_060)).toEqual({ matched: true, kind: 'retry' });
    expect(applyAccepted(db, { rowId: waiting, attempt: 1, providerId: 'SMC' }, T0 + 2_100)).toBe(false);
    expect(row(waiting)).toMatchObject({ state: 'pending', provider_id: 'SMC' });

    // Failed for good: stays failed.
    const failed = enqueueMessage(db, vault, member, 'HU 415: blue car', T0);
    claimLane(db, 'sms', T0 + 3_000, 10, T0 + 3_000 + LEASE);
    recordOutcomes(db, [{ id: failed, kind: 'failed', error: 'rejected:21408' }], T0 + 3_100);
    expect(applyAccepted(db, { rowId: failed, attempt: 1, providerId: 'SMD' }, T0 + 3_200)).toBe(false);
    expect(row(failed).state).toBe('failed');
  });
});
