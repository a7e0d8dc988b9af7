/**
 * A sent SMS escalation now keeps the buddy's sealed
 * address until its final status, but removeBuddy (BUDDY OFF, DECLINE)
 * erases only *pending* escalation rows. The member removes the buddy after
 * the escalation went out; Twilio then reports it undelivered (30003): the
 * row is due again and her check-in details go to the buddy she removed.
 */
import path from 'node:path';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { createLogger } from '../../src/log/logger';
import { classifyDeliveryStatus } from '../../src/channels/twilio/twilio-errors';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { buddyIndex, inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { forgetBuddy, removeBuddy } from '../../src/store/buddy-erasure';
import { startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { eraseWaitingTo, openRowAddress } from '../../src/store/outbox';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('an unreachable check-in escalation to a buddy removed since', () => {
  let db: Db;
  let vault: Vault;
  let lane: Lane | null = null;
  let writer: OutcomeWriter | null = null;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterEach(async () => {
    await lane?.stop();
    writer?.flush();
    lane = writer = null;
    db.close();
  });

  it('is not sent to the removed buddy when its retry comes due', async () => {
    const clock = { t: T0 };
    const rose = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, rose, ['415'], T0);
    const lily = db.transaction(() => inviteBuddy(db, vault, rose, { channel: 'sms', address: '+14155550188' }, 'Lily', 'en', T0));
    db.transaction(() => setBuddyStatus(db, lily, 'accepted'));
    const due = T0 + 30 * 60_000;
    db.transaction(() => startCheckin(db, vault, rose, due, null, 'blue Honda', T0));
    expect(runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, due).escalated).toBe(1);
    clock.t = due + 1;
    const log = createLogger('debug', { write: () => undefined });
    const s = new FakeSender([{ providerId: `SM${'a'.repeat(32)}` }, { providerId: `SM${'b'.repeat(32)}` }, { providerId: `SM${'c'.repeat(32)}` }]);
    writer = new OutcomeWriter(db, log, () => clock.t);
    lane = new Lane(s, { db, vault, log, now: () => clock.t, opts: { ...DEFAULT_DISPATCHER, pollMs: HOUR }, writer, renderer: new AlertRenderer(db, vault) });
    lane.start();
    await settle();
    const escalation = db.sqlite.prepare("SELECT outbox_id AS id FROM checkin_messages WHERE kind = 'escalation'").get() as { id: number };
    const toBuddy = () => s.calls.filter((c) => c.to === '+14155550188');
    expect(toBuddy()).toHaveLength(1);
    // She removes Lily (BUDDY OFF), after the escalation went out.
    db.transaction(() => removeBuddy(db, vault, lily));
    const sid = db.sqlite.prepare('SELECT provider_id FROM outbox WHERE id = ?').get(escalation.id) as { provider_id: string };
    // Twilio: the buddy's phone is off.
    const delivery = classifyDeliveryStatus('undelivered', '30003')!;
    expect(applyDeliveryReport(db, vault, { rowId: escalation.id, providerId: sid.provider_id, delivery }, clock.t + 5_000)).toEqual({ matched: true, kind: 'retry' });
    // The retry comes due (10 minutes later by default).
    clock.t += 2 * HOUR / 4;
    lane.wake();
    await settle();

    expect(toBuddy()).toHaveLength(1);
  });
  it("keeps no sealed address of a buddy who sent DELETE, and sends her nothing more", async () => {
    const clock = { t: T0 };
    const rose = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, rose, ['415'], T0);
    const lily = db.transaction(() => inviteBuddy(db, vault, rose, { channel: 'sms', address: '+14155550188' }, 'Lily', 'en', T0));
    db.transaction(() => setBuddyStatus(db, lily, 'accepted'));
    const due = T0 + 30 * 60_000;
    db.transaction(() => startCheckin(db, vault, rose, due, null, 'blue Honda', T0));
    expect(runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, due).escalated).toBe(1);
    clock.t = due + 1;
    const log = createLogger('debug', { write: () => undefined });
    const s = new FakeSender([{ providerId: `SM${'a'.repeat(32)}` }, { providerId: `SM${'b'.repeat(32)}` }]);
    writer = new OutcomeWriter(db, log, () => clock.t);
    lane = new Lane(s, { db, vault, log, now: () => clock.t, opts: { ...DEFAULT_DISPATCHER, pollMs: HOUR }, writer, renderer: new AlertRenderer(db, vault) });
    lane.start();
    await settle();
    const escalation = db.sqlite.prepare("SELECT outbox_id AS id FROM checkin_messages WHERE kind = 'escalation'").get() as { id: number };
    const sid = db.sqlite.prepare('SELECT provider_id FROM outbox WHERE id = ?').get(escalation.id) as { provider_id: string };
    // Lily texts DELETE: what eraseSenderTraces and forgetAsBuddy erase.
    db.transaction(() => {
      eraseWaitingTo(db, vault, ['+14155550188'], 'sms');
      forgetBuddy(db, buddyIndex(vault, '+14155550188'), 'sms');
    });
    const holding = (db.sqlite.prepare('SELECT id, address_ct, key_version FROM outbox WHERE address_ct IS NOT NULL').all() as Array<{ id: number; address_ct: Buffer; key_version: number }>).filter(
      (r) => openRowAddress(vault, r) === '+14155550188',
    );
    expect(holding).toEqual([]);
    applyDeliveryReport(db, vault, { rowId: escalation.id, providerId: sid.provider_id, delivery: classifyDeliveryStatus('undelivered', '30003')! }, clock.t + 5_000);
    clock.t += HOUR / 2;
    lane.wake();
    await settle();
    expect(s.calls.filter((c) => c.to === '+14155550188')).toHaveLength(1);
  });
});
