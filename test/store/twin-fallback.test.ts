/**
 * A person on SMS and Signal is planned one copy of an alert, over Signal;
 * when that copy fails for good, her SMS membership gets the alert, once, if
 * it is active, covers the alert's areas and the alert still stands.
 */
import path from 'node:path';
import { createAlert, moveTwinAlertsToSms, planNextRange, planTwinFallback } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember, setMemberDiscreet, setMemberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const PHONE = '+14155550142';

describe('the SMS copy after a failed Signal copy', () => {
  let db: Db;
  let vault: Vault;
  let sms: number;
  let signal: number;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(8));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    sms = ensureMember(db, vault, { channel: 'sms', address: PHONE, phone: PHONE }, 'en', T0).id;
    signal = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: PHONE }, 'en', T0).id;
    subscribe(db, sms, ['415'], T0);
    subscribe(db, signal, ['415'], T0);
  });
  afterEach(() => db.close());

  function planned(npas = ['415']): number {
    const id = createAlert(db, vault, { npas, reach: npas, text: 'grey van' }, T0);
    while (!planNextRange(db, id, T0).done);
    return id;
  }
  const copies = (alert: number) => db.sqlite.prepare('SELECT member_id AS m, channel FROM outbox WHERE alert_id = ? ORDER BY id').all(alert);
  const unread = (member: number) => db.sqlite.prepare('SELECT alert_id FROM unread_alerts WHERE member_id = ?').all(member);

  it('queues the SMS copy once, and none where the planner already wrote one', () => {
    const alert = planned();
    expect(copies(alert)).toEqual([{ m: signal, channel: 'signal' }]);
    expect(planTwinFallback(db, signal, alert, T0 + 1)).toBe(true);
    expect(planTwinFallback(db, signal, alert, T0 + 2)).toBe(false);
    expect(copies(alert)).toEqual([{ m: signal, channel: 'signal' }, { m: sms, channel: 'sms' }]);
    expect(unread(sms)).toEqual([]);
  });

  it('as a notice when either membership is discreet (one phone), the alert kept unread', () => {
    setMemberDiscreet(db, sms, true);
    const alert = planned();
    expect(planTwinFallback(db, signal, alert, T0 + 1)).toBe(true);
    expect(unread(sms)).toEqual([{ alert_id: alert }]);
    setMemberDiscreet(db, sms, false);
    setMemberDiscreet(db, signal, true);
    const other = planned();
    expect(planTwinFallback(db, signal, other, T0 + 1)).toBe(true);
    expect(unread(sms)).toEqual([{ alert_id: alert }, { alert_id: other }]);
  });

  it("takes the Signal membership's unread entry with the copy: READ over Signal must not show an alert that went by SMS", () => {
    setMemberDiscreet(db, signal, true);
    const alert = planned();
    expect(unread(signal)).toEqual([{ alert_id: alert }]);
    expect(planTwinFallback(db, signal, alert, T0 + 1)).toBe(true);
    expect({ signal: unread(signal), sms: unread(sms) }).toEqual({ signal: [], sms: [{ alert_id: alert }] });
    // And a copy moved off a held Signal lane.
    const held = planned();
    expect(moveTwinAlertsToSms(db, T0 + 2)).toBe(1);
    expect({ signal: unread(signal), sms: unread(sms) }).toEqual({ signal: [], sms: [{ alert_id: alert }, { alert_id: held }] });
  });

  it('leaves the unread entry where no SMS copy could be queued: the Signal copy is still hers', () => {
    setMemberDiscreet(db, signal, true);
    const alert = planned();
    setMemberStatus(db, sms, 'stopped');
    expect(planTwinFallback(db, signal, alert, T0 + 1)).toBe(false);
    expect(unread(signal)).toEqual([{ alert_id: alert }]);
  });

  it('as planned when the Signal copy was, so that a stale alert expires by SMS as it would have by Signal', () => {
    const alert = planned();
    expect(planTwinFallback(db, signal, alert, T0 + 60_000, T0)).toBe(true);
    expect(db.sqlite.prepare("SELECT created_at, due_at FROM outbox WHERE alert_id = ? AND channel = 'sms'").get(alert)).toEqual({ created_at: T0, due_at: T0 + 60_000 });
  });

  it('not for an SMS membership that stopped, or covers none of the areas, nor for a retracted alert', () => {
    const alert = planned();
    setMemberStatus(db, sms, 'stopped');
    expect(planTwinFallback(db, signal, alert, T0 + 1)).toBe(false);
    setMemberStatus(db, sms, 'active');
    retractAlert(db, alert, T0 + 1);
    expect(planTwinFallback(db, signal, alert, T0 + 2)).toBe(false);
    const elsewhere = planned(['628']);
    subscribe(db, signal, ['628'], T0);
    expect(planTwinFallback(db, signal, elsewhere, T0 + 3)).toBe(false);
    expect(copies(alert)).toEqual([{ m: signal, channel: 'signal' }]);
  });

  it('not for a member with no twin, nor from an SMS copy', () => {
    const alert = planned();
    const lone = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000002' }, 'en', T0).id;
    expect(planTwinFallback(db, lone, alert, T0 + 1)).toBe(false);
    expect(planTwinFallback(db, sms, alert, T0 + 1)).toBe(false);
  });

  it('moves the copies waiting on a held Signal lane to SMS: not one in flight, nor one whose person has no SMS membership that can take it', () => {
    const lone = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000002', phone: '+14155550143' }, 'en', T0).id;
    subscribe(db, lone, ['415'], T0);
    const first = planned();
    const second = planned();
    const state = (alert: number) => db.sqlite.prepare('SELECT channel, state, error FROM outbox WHERE alert_id = ? ORDER BY id').all(alert);
    // The second alert's copy is being sent (leased) when the lane is held.
    db.sqlite.prepare("UPDATE outbox SET lease_until = ? WHERE alert_id = ? AND channel = 'signal' AND member_id = ?").run(T0 + 60_000, second, signal);
    expect(moveTwinAlertsToSms(db, T0 + 1)).toBe(1);
    expect(state(first)).toEqual([
      { channel: 'signal', state: 'failed', error: 'sms_instead' },
      { channel: 'signal', state: 'pending', error: null },
      { channel: 'sms', state: 'pending', error: null },
    ]);
    expect(copies(second)).toEqual([{ m: signal, channel: 'signal' }, { m: lone, channel: 'signal' }]);
    expect(moveTwinAlertsToSms(db, T0 + 2)).toBe(0);
  });

  it('plans the Signal copy as a notice when she asked for discreet alerts over SMS: both are on the same phone', () => {
    setMemberDiscreet(db, sms, true);
    const alert = planned();
    expect(copies(alert)).toEqual([{ m: signal, channel: 'signal' }]);
    expect(unread(signal)).toEqual([{ alert_id: alert }]);
    setMemberDiscreet(db, sms, false);
    const plain = planned();
    expect(unread(signal)).toEqual([{ alert_id: alert }]);
    expect(copies(plain)).toEqual([{ m: signal, channel: 'signal' }]);
    // And the other way: discreet over Signal, an alert only her SMS membership covers.
    setMemberDiscreet(db, signal, true);
    subscribe(db, sms, ['212'], T0);
    const bySms = planned(['212']);
    expect(copies(bySms)).toEqual([{ m: sms, channel: 'sms' }]);
    expect(unread(sms)).toEqual([{ alert_id: bySms }]);
  });
});
