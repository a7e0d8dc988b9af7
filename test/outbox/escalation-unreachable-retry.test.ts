/**
 * A check-in escalation to a buddy whose handset is off
 * (Twilio's status callback: undelivered, 30003) is due again by the
 * unreachable retry, but its address was erased when it was sent: the
 * retry fails "no_address" and the buddy is never told.
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
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('an unreachable check-in escalation', () => {
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

  it('is sent to the buddy again when its retry comes due', async () => {
    const clock = { t: T0 };
    const rose = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, rose, ['415'], T0);
    db.transaction(() => setBuddyStatus(db, inviteBuddy(db, vault, rose, { channel: 'sms', address: '+14155550188' }, 'Lily', 'en', T0), 'accepted'));
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
    const sid = db.sqlite.prepare('SELECT provider_id FROM outbox WHERE id = ?').get(escalation.id) as { provider_id: string };
    // Twilio: the buddy's phone is off.
    const delivery = classifyDeliveryStatus('undelivered', '30003')!;
    expect(applyDeliveryReport(db, vault, { rowId: escalation.id, providerId: sid.provider_id, delivery }, clock.t + 5_000)).toEqual({ matched: true, kind: 'retry' });
    // The retry comes due (10 minutes later by default).
    clock.t += 2 * HOUR / 4;
    lane.wake();
    await settle();
    const after = db.sqlite.prepare('SELECT state, error FROM outbox WHERE id = ?').get(escalation.id);
    expect(after).not.toMatchObject({ state: 'failed', error: 'no_address' });
    expect(toBuddy()).toHaveLength(2);
  });
});
