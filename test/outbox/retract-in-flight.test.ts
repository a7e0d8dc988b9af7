/**
 * RETRACT while a copy of the alert is in flight: a copy whose send's
 * answer was a time-out (Twilio took it, the answer never came back), or
 * whose send a kill -9 cut before its outcome was recorded, is failed as
 * maybe sent, not as if it had never gone: she may have the withdrawn alert
 * on her phone, so she gets the one-line correction every other SMS
 * recipient gets, once, whether or not Twilio's status callback comes.
 */
import path from 'node:path';
import { SendError } from '../../src/channels/types';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { claimLane, releaseLeases } from '../../src/store/outbox';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { followUpRetractions, retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import * as world from '../helpers/lane-world';
import { tempDir } from '../helpers/temp-dir';

const T0 = world.T0;

describe('a copy in flight when its alert is retracted', () => {
  world.useLaneWorld();

  it('gets the correction once the provider reports it delivered', async () => {
    const { db, vault, clock } = world;
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    const sender = new FakeSender([], true);
    world.startLane(sender);
    await settle();
    expect(sender.calls).toHaveLength(1);
    const rowId = sender.calls[0]!.ref!;
    // The moderator retracts while the send is in flight.
    clock.t += 1_000;
    db.transaction(() => retractAlert(db, alert, clock.t));
    // Twilio took the message, but its answer did not come back in time.
    sender.answer(new SendError('connection', 'ETIMEDOUT'));
    await settle();
    // Twilio's status callback for that try: delivered.
    clock.t += 5_000;
    applyDeliveryReport(db, vault, { rowId, attempt: 1, providerId: 'SM0123456789abcdef0123456789abcdef', delivery: { kind: 'delivered' } }, clock.t);
    const { corrected } = db.transaction(() => followUpRetractions(db, vault, clock.t, 500));
    // She has the withdrawn alert: she gets the correction, as every SMS recipient does.
    expect(corrected).toBe(1);
  });
});

// Not a running lane: the database is reopened, as after a kill -9, and the rows are claimed by hand.
describe('a copy in flight when its alert is retracted', () => {
  it('gets the correction once when the server was killed with it in flight (Twilio may have taken it), though Twilio then reports it delivered', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const file = path.join(tempDir(), 'heads-up.db');
    let db = new Db(file);
    migrate(db);
    let t = T0;
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, member, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    // The lane claims the copy and Twilio takes it (attempt 1)...
    const [row] = claimLane(db, 'sms', t, 10, t + 120_000);
    // ...the moderator retracts, and kill -9 comes before the send's answer is recorded.
    t += 1_000;
    db.transaction(() => retractAlert(db, alert, t));
    db.close();
    // The restart.
    db = new Db(file);
    try {
      releaseLeases(db, t);
      t += 10_000;
      // Its status callback may have come while the server was down: she is corrected at once.
      expect(db.transaction(() => followUpRetractions(db, vault, t, 500)).corrected).toBe(1);
      // Twilio's status callback for that try arrives: delivered; she is not corrected twice.
      applyDeliveryReport(db, vault, { rowId: row!.id, attempt: 1, providerId: 'SM0123456789abcdef0123456789abcdef', delivery: { kind: 'delivered' } }, t);
      const { corrected } = db.transaction(() => followUpRetractions(db, vault, t + 5_000, 500));
      expect(corrected).toBe(0);
    } finally {
      db.close();
    }
  });
});
