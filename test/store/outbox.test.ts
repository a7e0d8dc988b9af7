/**
 * The outbox's storage rules on a real SQLite file: lanes and priority,
 * replies to an address with no member, and delivery reports that beat the
 * send's outcome or ask for a later resend.
 */
import path from 'node:path';
import { applyDeliveryReport, DEFAULT_UNREACHABLE_RETRY } from '../../src/outbox/delivery-status';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember, findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, enqueueReply, openBody, openRowAddress, outboxCounts, recordOutcomes } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const SID = (n: number) => `SM${String(n).padStart(32, '0')}`;

describe('the outbox store', () => {
  let db: Db;
  let vault: Vault;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(3));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterEach(() => db.close());

  const member = (channel: 'sms' | 'signal', address: string) => {
    const m = ensureMember(db, vault, channel === 'sms' ? { channel, address, phone: address } : { channel, address }, 'en', T0);
    subscribe(db, m.id, ['415'], T0);
    return m.id;
  };
  const alertTo415 = () => {
    const id = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, T0);
    while (!planNextRange(db, id, T0).done);
    return id;
  };

  it('never gives a deleted row\'s id to a later one, so an outcome in flight cannot settle another member\'s message', () => {
    const erased = member('sms', '+14155550111');
    const other = member('sms', '+14155550112');
    const claimed = enqueueMessage(db, vault, erased, 'your report #K7Q2 is in', T0);
    expect(claimLane(db, 'sms', T0, 1, T0 + 60_000).map((r) => r.id)).toEqual([claimed]);
    // The member sends DELETE while their message is being sent: their rows go with them.
    db.sqlite.prepare('DELETE FROM members WHERE id = ?').run(erased);
    const later = enqueueMessage(db, vault, other, 'your report #K7Q3 is in', T0 + 1);
    expect(later).not.toBe(claimed);
    recordOutcomes(db, [{ id: claimed, kind: 'sent', providerId: SID(1) }], T0 + 2);
    expect(outboxCounts(db)).toMatchObject({ pending: 1, sent: 0 });
  });

  it('claims each channel on its own, urgent rows before the alerts queued ahead of them', () => {
    const sms = [member('sms', '+14155550101'), member('sms', '+14155550102')];
    member('signal', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d');
    alertTo415();
    enqueueMessage(db, vault, sms[1]!, 'your report #K7Q2 is in', T0 + 5);
    const signal = claimLane(db, 'signal', T0 + 10, 10, T0 + 60_000);
    expect(signal.map((r) => r.channel)).toEqual(['signal']);
    const first = claimLane(db, 'sms', T0 + 10, 1, T0 + 60_000);
    expect(first).toHaveLength(1);
    expect(first[0]!.alert_id).toBeNull();
    expect(openBody(vault, first[0]!)).toBe('your report #K7Q2 is in');
    // Claimed rows are out of the lane until their lease ends.
    expect(claimLane(db, 'sms', T0 + 10, 10, T0 + 60_000)).toHaveLength(2);
    expect(claimLane(db, 'sms', T0 + 10, 10, T0 + 60_000)).toHaveLength(0);
  });

  it('sends a reply to an address with no member, then forgets the address', () => {
    const id = enqueueReply(db, vault, { channel: 'signal', address: '5a6b7c8d-9e0f-4a1b-8c2d-000000000001' }, 'HELP text', T0);
    const [row] = claimLane(db, 'signal', T0, 5, T0 + 60_000);
    expect(row!.id).toBe(id);
    expect(openRowAddress(vault, row!)).toBe('5a6b7c8d-9e0f-4a1b-8c2d-000000000001');
    expect(findMember(db, vault, { channel: 'signal', address: '5a6b7c8d-9e0f-4a1b-8c2d-000000000001' })).toBeUndefined();
    recordOutcomes(db, [{ id, kind: 'sent', providerId: '1700000000000' }], T0 + 1);
    const left = db.sqlite.prepare('SELECT address_ct FROM outbox WHERE id = ?').get(id) as { address_ct: Buffer | null };
    expect(left.address_ct).toBeNull();
  });

  it('keeps a report that beat the outcome: the late "sent" does not overwrite it', () => {
    member('sms', '+14155550101');
    alertTo415();
    const [row] = claimLane(db, 'sms', T0, 5, T0 + 60_000);
    const applied = applyDeliveryReport(db, vault, { rowId: row!.id, providerId: SID(1), delivery: { kind: 'invalid', code: 'undelivered:30006' } }, T0 + 1);
    expect(applied).toEqual({ matched: true, kind: 'invalid' });
    recordOutcomes(db, [{ id: row!.id, kind: 'sent', providerId: SID(1) }], T0 + 2);
    expect(outboxCounts(db)).toMatchObject({ failed: 1, sent: 0 });
    // One report of an invalid number is counted, not final (test/outbox/delivery-invalid-streak.test.ts).
    expect(findMember(db, vault, { channel: 'sms', address: '+14155550101' })!.status).toBe('active');
  });

  it('sends again, later and a few times, to a handset that was unreachable while the alert is fresh', () => {
    member('sms', '+14155550101');
    alertTo415();
    let t = T0;
    for (let attempt = 1; attempt <= DEFAULT_UNREACHABLE_RETRY.maxAttempts; attempt++) {
      const [row] = claimLane(db, 'sms', t, 5, t + 60_000);
      expect(row!.attempts).toBe(attempt);
      recordOutcomes(db, [{ id: row!.id, kind: 'sent', providerId: SID(attempt) }], t + 1);
      const applied = applyDeliveryReport(db, vault, { rowId: row!.id, providerId: SID(attempt), delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, t + 2);
      if (attempt < DEFAULT_UNREACHABLE_RETRY.maxAttempts) {
        expect(applied).toEqual({ matched: true, kind: 'retry' });
        // Not at once: the handset is off now.
        expect(claimLane(db, 'sms', t + 3, 5, t + 60_000)).toHaveLength(0);
        t += DEFAULT_UNREACHABLE_RETRY.maxMs;
      } else {
        expect(applied).toEqual({ matched: true, kind: 'unreachable' });
      }
    }
    expect(outboxCounts(db)).toMatchObject({ failed: 1, pending: 0 });
    // An unreachable handset is not an invalid number: the member stays.
    expect(findMember(db, vault, { channel: 'sms', address: '+14155550101' })!.status).toBe('active');
  });

  it('does not resend to an unreachable handset once the alert is stale', () => {
    member('sms', '+14155550101');
    alertTo415();
    const t = T0 + DEFAULT_UNREACHABLE_RETRY.freshMs;
    const [row] = claimLane(db, 'sms', t, 5, t + 60_000);
    const applied = applyDeliveryReport(db, vault, { rowId: row!.id, providerId: SID(1), delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, t + 1);
    expect(applied).toEqual({ matched: true, kind: 'unreachable' });
  });

  it('ignores a report about an earlier attempt once the row is sent again', () => {
    member('sms', '+14155550101');
    alertTo415();
    const [row] = claimLane(db, 'sms', T0, 5, T0 + 60_000);
    recordOutcomes(db, [{ id: row!.id, kind: 'sent', providerId: SID(1) }], T0 + 1);
    expect(applyDeliveryReport(db, vault, { rowId: row!.id, providerId: SID(9), delivery: { kind: 'delivered' } }, T0 + 2)).toEqual({ matched: false });
    expect(applyDeliveryReport(db, vault, { providerId: SID(1), delivery: { kind: 'delivered' } }, T0 + 3)).toEqual({ matched: true, kind: 'delivered' });
  });
});
