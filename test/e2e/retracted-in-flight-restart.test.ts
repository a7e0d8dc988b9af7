/**
 * A copy of an alert was in flight (Twilio took it) when the moderator's
 * RETRACT committed, and the server was killed before the send's outcome
 * was written. After the restart the carrier reports that first send
 * delivered: she holds the withdrawn alert, so she must get its correction
 * (as she does when no kill intervenes: delivery-status.ts, retractedCopyDelivered).
 */
import path from 'node:path';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane } from '../../src/store/outbox';
import { retractAlert } from '../../src/store/retractions';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { DEFAULT_RETRACTIONS } from '../../src/jobs/retractions';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, TEST_MASTER_KEY, waitFor } from '../helpers/harness';

const MEMBER = '+14155550101';

describe('a retracted copy in flight at a kill -9', () => {
  it('still gets its correction when the carrier reports the first send delivered after the restart', async () => {
    const dataDir = tempDir();
    const t0 = Date.now();
    await cryptoReady();
    const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    let rowId: number;
    try {
      migrate(db);
      db.transaction(() => subscribe(db, ensureMember(db, vault, { channel: 'sms', address: MEMBER, phone: MEMBER }, 'en', t0).id, ['415'], t0));
      const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, Mission St' }, t0);
      expect(planNextRange(db, alert, t0).done).toBe(true);
      // The lane claims her copy (try 1) and Twilio takes it...
      const [row] = claimLane(db, 'sms', t0, 1, t0 + 120_000);
      rowId = row!.id;
      // ...RETRACT commits while that send is in flight, then kill -9 before its outcome is written.
      db.transaction(() => retractAlert(db, alert, t0 + 500));
    } finally {
      db.close();
    }

    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    const h = await startHarness({ twilioApiBaseUrl: fake.url, dataDir, env: { TWILIO_REDACT: 'off' }, retractions: { ...DEFAULT_RETRACTIONS, everyMs: 100 } });
    try {
      const state = () => h.server.db.sqlite.prepare('SELECT state, error, attempts FROM outbox WHERE id = ?').get(rowId) as { state: string; error: string; attempts: number };
      await waitFor(() => state().state !== 'pending', 5_000, 'the copy settled after the restart');
      // The carrier's report of the send made before the kill (try 1) arrives.
      const res = await h.postForm(`/webhooks/twilio/status?o=${rowId}&a=1`, { MessageSid: `SM${'b'.repeat(32)}`, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID });
      expect(res.status).toBeLessThan(300);
      await waitFor(() => fake.sent.some((m) => m.to === MEMBER && m.body.includes('withdrawn')), 5_000, `her correction (copy now ${JSON.stringify(state())})`);
      // Nor was the withdrawn alert sent again after the restart.
      // (Its correction quotes its first words: only the alert itself counts.)
      expect(fake.sent.filter((m) => m.body.includes('grey van') && !m.body.includes('withdrawn'))).toEqual([]);
    } finally {
      await h.close();
      await fake.stop();
    }
  }, 20_000);
});
