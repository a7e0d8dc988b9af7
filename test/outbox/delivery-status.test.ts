/** Delivery reports applied to outbox rows and members, over a real SQLite file (no HTTP: the classification is the Twilio adapter's). */
import path from 'node:path';
import { applyDeliveryReport, type UnreachableRetry } from '../../src/outbox/delivery-status';
import { dueCheckins, startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const RETRY: UnreachableRetry = { baseMs: 60_000, maxMs: 600_000, maxAttempts: 2, freshMs: 3_600_000 };

describe('applyDeliveryReport', () => {
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
    subscribe(db, member, ['415', '628'], T0);
  });
  afterEach(() => db.close());

  /** A row claimed once and recorded as sent with `sid`. */
  function sentRow(sid: string, createdAt = T0): number {
    const id = enqueueMessage(db, vault, member, 'hello', createdAt);
    claimLane(db, 'sms', createdAt, 10, createdAt + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: sid }], createdAt);
    return id;
  }
  const row = (id: number) =>
    db.sqlite.prepare('SELECT state, attempts, due_at, error, provider_id, address_ct, lease_until FROM outbox WHERE id = ?').get(id) as {
      state: string;
      attempts: number;
      due_at: number;
      error: string | null;
      provider_id: string | null;
      address_ct: Buffer | null;
      lease_until: number;
    };
  /** Row `id`, due again after a report, claimed when due and recorded as sent with `sid` (Twilio took it again); returns when. */
  function sentAgain(id: number, sid: string): number {
    const t = row(id).due_at;
    expect(claimLane(db, 'sms', t, 10, t + 60_000)).toHaveLength(1);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: sid }], t);
    return t;
  }
  const status = () => (db.sqlite.prepare('SELECT status FROM members WHERE id = ?').get(member) as { status: string }).status;

  it('marks a row delivered by its provider id, forgets the id, and runs onFinal', () => {
    const id = sentRow('SM1');
    let finals = 0;
    expect(applyDeliveryReport(db, vault, { providerId: 'SM1', delivery: { kind: 'delivered' }, onFinal: () => finals++ }, T0 + 5, RETRY)).toEqual({
      matched: true,
      kind: 'delivered',
    });
    expect(row(id)).toMatchObject({ state: 'delivered', provider_id: null, error: null });
    expect(finals).toBe(1);
  });

  it('matches by the row id the callback carries, even before the send outcome is recorded', () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    expect(applyDeliveryReport(db, vault, { rowId: id, providerId: 'SM2', delivery: { kind: 'delivered' } }, T0 + 5, RETRY)).toEqual({ matched: true, kind: 'delivered' });
    expect(row(id).state).toBe('delivered');
  });

  it('ignores a report about another message id of the same row, an unknown id, and a row already settled, but still runs onFinal', () => {
    const id = sentRow('SM3');
    let finals = 0;
    const onFinal = () => finals++;
    expect(applyDeliveryReport(db, vault, { rowId: id, providerId: 'SMother', delivery: { kind: 'delivered' }, onFinal }, T0 + 5, RETRY)).toEqual({ matched: false });
    expect(applyDeliveryReport(db, vault, { providerId: 'SMnobody', delivery: { kind: 'delivered' }, onFinal }, T0 + 5, RETRY)).toEqual({ matched: false });
    expect(row(id).state).toBe('sent');
    applyDeliveryReport(db, vault, { rowId: id, providerId: 'SM3', delivery: { kind: 'failed', code: 'failed:30008' } }, T0 + 6, RETRY);
    expect(applyDeliveryReport(db, vault, { rowId: id, providerId: 'SM3', delivery: { kind: 'delivered' }, onFinal }, T0 + 7, RETRY)).toEqual({ matched: false });
    expect(row(id)).toMatchObject({ state: 'failed', error: 'failed:failed:30008' });
    expect(finals).toBe(3);
    const delivered = sentRow('SM4');
    applyDeliveryReport(db, vault, { providerId: 'SM4', delivery: { kind: 'delivered' } }, T0 + 8, RETRY);
    expect(applyDeliveryReport(db, vault, { rowId: delivered, providerId: 'SM4', delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, T0 + 9, RETRY)).toEqual({
      matched: false,
    });
    expect(row(delivered).state).toBe('delivered');
  });

  it('matches a report to the try its URL names: a replay of an earlier try changes nothing while the next is in flight', () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    // The first try's own report, before and after its outcome is recorded, matches.
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SMA' }], T0);
    const undelivered = { kind: 'unreachable', code: 'undelivered:30003' } as const;
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SMA', delivery: undelivered }, T0 + 5, RETRY)).toEqual({ matched: true, kind: 'retry' });
    // The same signed report again while the retry waits: nothing moves.
    const due = row(id).due_at;
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SMA', delivery: undelivered }, T0 + 9_000, RETRY)).toEqual({ matched: false });
    expect(row(id)).toMatchObject({ state: 'pending', due_at: due });
    // The second try is in flight: the first try's report, replayed, matches nothing.
    const t1 = due;
    expect(claimLane(db, 'sms', t1, 10, t1 + 60_000)).toHaveLength(1);
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SMA', delivery: undelivered }, t1 + 1, RETRY)).toEqual({ matched: false });
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SMB' }], t1 + 2);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMB' });
    // Its own report settles it.
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 2, providerId: 'SMB', delivery: { kind: 'delivered' } }, t1 + 10, RETRY)).toEqual({ matched: true, kind: 'delivered' });
  });

  it('matches the try in flight by its URL before its outcome is recorded', () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 2, providerId: 'SMX', delivery: { kind: 'delivered' } }, T0 + 5, RETRY)).toEqual({ matched: false });
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SMX', delivery: { kind: 'delivered' } }, T0 + 5, RETRY)).toEqual({ matched: true, kind: 'delivered' });
  });

  it('tries an unreachable handset again later while the message is fresh, keeping the provider id until then', () => {
    const id = sentRow('SM5');
    const now = T0 + 1_000;
    expect(applyDeliveryReport(db, vault, { providerId: 'SM5', delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, now, RETRY)).toEqual({
      matched: true,
      kind: 'retry',
    });
    const r = row(id);
    expect(r).toMatchObject({ state: 'pending', provider_id: 'SM5', error: 'unreachable:undelivered:30003', lease_until: 0 });
    expect(r.due_at).toBeGreaterThanOrEqual(now + 30_000);
    expect(r.due_at).toBeLessThanOrEqual(now + 60_000);
    expect(status()).toBe('active');
  });

  it('by default (README: three sends, 10 then 20 minutes apart, within 4 hours of the message) retries and gives up on time', () => {
    const MIN = 60_000;
    const first = sentRow('SM11');
    const now = T0 + MIN;
    expect(applyDeliveryReport(db, vault, { providerId: 'SM11', delivery: { kind: 'unreachable', code: 'u' } }, now)).toEqual({ matched: true, kind: 'retry' });
    expect(row(first).due_at).toBeGreaterThanOrEqual(now + 5 * MIN);
    expect(row(first).due_at).toBeLessThanOrEqual(now + 10 * MIN);

    const second = sentAgain(first, 'SM12') + MIN;
    expect(applyDeliveryReport(db, vault, { providerId: 'SM12', delivery: { kind: 'unreachable', code: 'u' } }, second)).toEqual({ matched: true, kind: 'retry' });
    expect(row(first).due_at).toBeGreaterThanOrEqual(second + 10 * MIN);
    expect(row(first).due_at).toBeLessThanOrEqual(second + 20 * MIN);

    const third = sentAgain(first, 'SM13') + MIN;
    expect(applyDeliveryReport(db, vault, { providerId: 'SM13', delivery: { kind: 'unreachable', code: 'u' } }, third)).toEqual({ matched: true, kind: 'unreachable' });

    sentRow('SM14');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM14', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 240 * MIN - 1)).toEqual({ matched: true, kind: 'retry' });
    sentRow('SM15');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM15', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 240 * MIN)).toEqual({ matched: true, kind: 'unreachable' });
  });

  it("sends a message the account's daily limit stopped (Twilio 63038) again 30 to 60 minutes on, past the unreachable retries' count and 4 hours, until it is a day old", () => {
    const MIN = 60_000;
    const limited = { kind: 'limited', code: 'failed:63038' } as const;
    const id = sentRow('SL1');
    let sid = 'SL1';
    // Five reports in a row (more than maxAttempts' two sends), the last some five hours on: each sends it again later.
    for (let i = 2; i <= 6; i++) {
      const at = (i === 2 ? T0 : row(id).due_at) + MIN;
      if (i > 2) sid = `SL${i - 1}`;
      expect(applyDeliveryReport(db, vault, { providerId: sid, delivery: limited }, at, RETRY)).toEqual({ matched: true, kind: 'retry' });
      expect(row(id)).toMatchObject({ state: 'pending', provider_id: sid, error: 'limited:failed:63038' });
      expect(row(id).due_at).toBeGreaterThanOrEqual(at + 30 * MIN);
      expect(row(id).due_at).toBeLessThanOrEqual(at + 60 * MIN);
      sentAgain(id, `SL${i}`);
    }
    expect(status()).toBe('active');
    // A day after it was queued: failed, with what Twilio said; the member kept.
    const late = sentRow('SL9');
    expect(applyDeliveryReport(db, vault, { providerId: 'SL9', delivery: limited }, T0 + 24 * 60 * MIN - 1, RETRY)).toEqual({ matched: true, kind: 'retry' });
    sentAgain(late, 'SL10');
    expect(applyDeliveryReport(db, vault, { providerId: 'SL10', delivery: limited }, T0 + 24 * 60 * MIN, RETRY)).toEqual({ matched: true, kind: 'limited' });
    expect(row(late)).toMatchObject({ state: 'failed', error: 'limited:failed:63038' });
    expect(status()).toBe('active');
  });

  it('counts only the sends the provider took: a message throttled before it went still gets its retries when the handset is unreachable', () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    // Three claims answered "too many requests", then a fourth that went.
    for (let i = 0; i < 3; i++) {
      claimLane(db, 'sms', T0 + i, 10, T0 + i + 60_000);
      recordOutcomes(db, [{ id, kind: 'retry', dueAt: T0 + i + 1, error: 'throttled:20429', throttled: true }], T0 + i);
    }
    claimLane(db, 'sms', T0 + 3, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM9' }], T0 + 3);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 4 });
    expect(applyDeliveryReport(db, vault, { providerId: 'SM9', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 1_000, RETRY)).toEqual({ matched: true, kind: 'retry' });
    // The backoff starts from one send, not four.
    expect(row(id).due_at).toBeLessThanOrEqual(T0 + 1_000 + RETRY.baseMs);
    // A real second send reaches RETRY.maxAttempts (2).
    claimLane(db, 'sms', T0 + 2 * RETRY.baseMs, 10, T0 + 3 * RETRY.baseMs);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM10' }], T0 + 2 * RETRY.baseMs);
    expect(applyDeliveryReport(db, vault, { providerId: 'SM10', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 2 * RETRY.baseMs + 1, RETRY)).toEqual({
      matched: true,
      kind: 'unreachable',
    });
  });

  it('counts only the sends the provider took: tries of an outage (5xx, time-outs) do not use up the unreachable retries', () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    // Twilio answered 500, then timed out: neither try reached a handset.
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'retry', dueAt: T0 + 1, error: 'server:20500' }], T0);
    claimLane(db, 'sms', T0 + 1, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'retry', dueAt: T0 + 2, error: 'connection:ETIMEDOUT' }], T0 + 1);
    claimLane(db, 'sms', T0 + 2, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM21' }], T0 + 2);
    // Her phone was off: the first send Twilio took is the first of RETRY.maxAttempts (2).
    expect(applyDeliveryReport(db, vault, { providerId: 'SM21', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 1_000, RETRY)).toEqual({ matched: true, kind: 'retry' });
    expect(row(id).due_at).toBeLessThanOrEqual(T0 + 1_000 + RETRY.baseMs);
    claimLane(db, 'sms', T0 + RETRY.baseMs * 2, 10, T0 + RETRY.baseMs * 3);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM22' }], T0 + RETRY.baseMs * 2);
    expect(applyDeliveryReport(db, vault, { providerId: 'SM22', delivery: { kind: 'unreachable', code: 'u' } }, T0 + RETRY.baseMs * 2 + 1, RETRY)).toEqual({
      matched: true,
      kind: 'unreachable',
    });
  });

  it('counts a timed-out try as a send once Twilio reports on it', () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'retry', dueAt: T0 + 30_000, error: 'connection:ETIMEDOUT' }], T0 + 10_000);
    // Twilio had taken it after all: its report of that try says her phone is off.
    const undelivered = { kind: 'unreachable', code: 'undelivered:30003' } as const;
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SM31', delivery: undelivered }, T0 + 20_000, RETRY)).toEqual({ matched: true, kind: 'retry' });
    const due = row(id).due_at;
    expect(claimLane(db, 'sms', due, 10, due + 60_000)).toHaveLength(1);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM32' }], due);
    // Two sends Twilio took: RETRY.maxAttempts.
    expect(applyDeliveryReport(db, vault, { rowId: id, attempt: 2, providerId: 'SM32', delivery: undelivered }, due + 1_000, RETRY)).toEqual({ matched: true, kind: 'unreachable' });
  });

  it('fails an unreachable handset after maxAttempts sends, and a stale message at once', () => {
    const id = sentRow('SM6');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM6', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 1_000, RETRY)).toEqual({ matched: true, kind: 'retry' });
    // A second send Twilio took: RETRY.maxAttempts.
    const t = sentAgain(id, 'SM6b');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM6b', delivery: { kind: 'unreachable', code: 'u' } }, t + 1_000, RETRY)).toEqual({ matched: true, kind: 'unreachable' });
    expect(row(id)).toMatchObject({ state: 'failed', error: 'unreachable:u', provider_id: null, address_ct: null });

    const stale = sentRow('SM7');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM7', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 3_600_000, RETRY)).toEqual({ matched: true, kind: 'unreachable' });
    expect(row(stale).state).toBe('failed');
    const fresh = sentRow('SM8');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM8', delivery: { kind: 'unreachable', code: 'u' } }, T0 + 3_599_999, RETRY)).toEqual({ matched: true, kind: 'retry' });
    expect(row(fresh).state).toBe('pending');
  });

  // An invalid number is counted, not marked at once: delivery-invalid-streak.test.ts.
  it('fails the row and marks and unsubscribes a member the report calls stopped', () => {
    const id = sentRow('SM9');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM9', delivery: { kind: 'stopped', code: 'c' } }, T0 + 5, RETRY)).toEqual({ matched: true, kind: 'stopped' });
    expect(row(id)).toMatchObject({ state: 'failed', error: 'stopped:c' });
    expect(status()).toBe('stopped');
    expect(listAreas(db, member)).toEqual([]);
  });

  it('leaves the running check-in of a member the report calls stopped: an opt-out still in force is not her STOP, and she may have asked for this one since', () => {
    const checkin = startCheckin(db, vault, member, T0 + 30 * 60_000, T0 + 20 * 60_000, 'blue Honda', T0);
    sentRow('SM11');
    applyDeliveryReport(db, vault, { providerId: 'SM11', delivery: { kind: 'stopped', code: '21610' } }, T0 + 5, RETRY);
    expect(status()).toBe('stopped');
    // Missed, it is told: a false alarm is far less harmful than silence.
    expect(dueCheckins(db, vault, T0 + 30 * 60_000, 10).map((c) => [c.id, c.memberId, c.details()])).toEqual([[checkin, member, 'blue Honda']]);
  });

  it('fails a filtered message without touching the member', () => {
    const id = sentRow('SM10');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM10', delivery: { kind: 'filtered' } }, T0 + 5, RETRY)).toEqual({ matched: true, kind: 'filtered' });
    expect(row(id)).toMatchObject({ state: 'failed', error: 'filtered:' });
    expect(status()).toBe('active');
    expect(listAreas(db, member)).toEqual(['415', '628']);
  });
});
