/**
 * README (threat model) says a Twilio message id "is
 * dropped from the outbox once the message reaches a final status" (Twilio
 * maps it to the recipient's number). An SMS copy failed as retracted while
 * its send was in flight, then reported delivered by Twilio, keeps its
 * Twilio id in plaintext, beside its member id, until retention erases the row.
 */
import path from 'node:path';
import { classifyDeliveryStatus } from '../../src/channels/twilio/twilio-errors';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { claimLane, copiesRead, recordOutcomes } from '../../src/store/outbox';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { followUpRetractions, retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const SID = 'SM0123456789abcdef0123456789abcdef';

describe('an SMS copy retracted in flight and then reported delivered', () => {
  it('keeps no Twilio message id once final, as every other finished SMS row', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    try {
      const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
      subscribe(db, member, ['415'], T0);
      const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
      while (!planNextRange(db, alert, T0).done);
      const [row] = claimLane(db, 'sms', T0, 10, T0 + 120_000);
      // RETRACT while the send is in flight; its answer is a time-out (Twilio took it).
      db.transaction(() => retractAlert(db, alert, T0 + 1_000));
      recordOutcomes(db, [{ id: row!.id, kind: 'retry', dueAt: T0 + 6_000, error: 'connection:ETIMEDOUT' }], T0 + 2_000);
      // Not an unsent copy: Twilio may have taken the try that timed out.
      expect(db.sqlite.prepare('SELECT state, error FROM outbox WHERE id = ?').get(row!.id)).toEqual({ state: 'failed', error: 'retracted_maybe_sent' });
      // Twilio's final status callback for that try.
      applyDeliveryReport(db, vault, { rowId: row!.id, attempt: 1, providerId: SID, delivery: classifyDeliveryStatus('delivered', undefined)! }, T0 + 5_000);
      db.transaction(() => followUpRetractions(db, vault, T0 + 6_000, 500));
      const after = db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(row!.id) as { state: string; provider_id: string | null };
      expect(after.state).toBe('delivered');
      expect(after.provider_id).toBeNull();
    } finally {
      db.close();
    }
  });

  it('keeps no Twilio message id on a copy waiting for its unreachable retry when the alert is retracted', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    try {
      const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
      subscribe(db, member, ['415'], T0);
      const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
      while (!planNextRange(db, alert, T0).done);
      const [row] = claimLane(db, 'sms', T0, 10, T0 + 120_000);
      recordOutcomes(db, [{ id: row!.id, kind: 'sent', providerId: SID }], T0 + 300);
      // Her phone is off: Twilio says undelivered (30003), and the copy waits for its retry.
      expect(applyDeliveryReport(db, vault, { rowId: row!.id, attempt: 1, providerId: SID, delivery: classifyDeliveryStatus('undelivered', '30003')! }, T0 + 5_000)).toEqual({
        matched: true,
        kind: 'retry',
      });
      // The moderator retracts the alert meanwhile.
      db.transaction(() => retractAlert(db, alert, T0 + 60_000));
      db.transaction(() => followUpRetractions(db, vault, T0 + 61_000, 500));
      const after = db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(row!.id) as { state: string; provider_id: string | null };
      expect(after.state).toBe('failed');
      expect(after.provider_id).toBeNull();
    } finally {
      db.close();
    }
  });
});

// READ makes a copy waiting for its unreachable retry final (delivered): its undelivered try's id goes too.
describe('an SMS copy waiting for its unreachable retry, then READ', () => {
  it('keeps no Twilio message id once READ has made it final', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(5));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    try {
      const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
      subscribe(db, member, ['415'], T0);
      const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
      while (!planNextRange(db, alert, T0).done);
      const [row] = claimLane(db, 'sms', T0, 10, T0 + 120_000);
      recordOutcomes(db, [{ id: row!.id, kind: 'sent', providerId: SID }], T0 + 300);
      applyDeliveryReport(db, vault, { rowId: row!.id, attempt: 1, providerId: SID, delivery: classifyDeliveryStatus('undelivered', '30003')! }, T0 + 5_000);
      // She reads it (READ, from either membership).
      db.transaction(() => copiesRead(db, member, [alert], T0 + 60_000));
      const after = db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(row!.id) as { state: string; provider_id: string | null };
      expect(after.state).toBe('delivered');
      expect(after.provider_id).toBeNull();
    } finally {
      db.close();
    }
  });
});
