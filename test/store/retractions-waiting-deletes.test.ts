/**
 * RETRACT's follow-up looks at ten retracted alerts at a time. Alerts that
 * only wait for Signal deletions (a retry hours away in an outage) are not
 * among them: with ten such alerts, the SMS members who got an eleventh
 * retracted alert were not corrected until one of them finished.
 */
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import { dueDeletes, followUpRetractions, recordDelete } from '../../src/store/retractions';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const REPORTER = '+14155550105';
const SMS_MEMBER = '+12125550101';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('the follow-up of RETRACT', () => {
  it('corrects the SMS members of a retracted alert while ten earlier retractions wait for Signal deletions', async () => {
    let alertId = 0;
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
    const sig: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000005' };
    w.bot.handle({ sender: sig, text: 'JOIN 415', providerId: `${sig.address}:1` });
    w.sms(SMS_MEMBER, 'JOIN 212');
    const followUp = () => w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
    // Ten alerts for 415, each sent to the Signal member, then retracted: their deletions fail and wait.
    for (let i = 0; i < 10; i++) {
      const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(`+1415555020${i}`, `REPORT 415 grey van number ${i}, took my phone`).reply ?? '')?.[1] ?? '';
      // Past the fifth in a quarter hour a report is only counted into the digest: she reads it first.
      w.sms(MOD, `SHOW ${ref}`);
      w.sms(MOD, `APPROVE ${ref}`);
      while (!planNextRange(w.db, alertId, w.clock.now).done);
      const rows = claimLane(w.db, 'signal', w.clock.now + 1, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
      recordOutcomes(w.db, rows.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: String(w.clock.now + i) })), w.clock.now);
      w.clock.now += 1000;
      w.sms(MOD, `RETRACT ${ref}`);
    }
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM alerts WHERE retracted_at IS NOT NULL').get()).toEqual({ n: 10 });
    followUp();
    // Signal is down: each deletion fails and waits an hour for its next try.
    for (const d of dueDeletes(w.db, w.clock.now, 100)) w.db.transaction(() => recordDelete(w.db, d.id, { ok: false, retryAt: w.clock.now + 3_600_000 }, 8));
    // An eleventh alert, for 212, reaches the SMS member, and is retracted.
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 212 blue sedan, choked me').reply ?? '')?.[1] ?? '';
    w.sms(MOD, `SHOW ${ref}`);
    w.sms(MOD, `APPROVE ${ref}`);
    while (!planNextRange(w.db, alertId, w.clock.now).done);
    const rows = claimLane(w.db, 'sms', w.clock.now + 1, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
    expect(rows).toHaveLength(1);
    recordOutcomes(w.db, [{ id: rows[0]!.id, kind: 'sent', providerId: 'SM00000000000000000000000000000001' }], w.clock.now);
    w.clock.now += 1000;
    w.sms(MOD, `RETRACT ${ref}`);
    // Several ticks later (seconds, not the hour the deletions wait).
    for (let i = 0; i < 5; i++) {
      w.clock.now += 5_000;
      followUp();
    }
    expect(w.queued(sms(SMS_MEMBER)).filter((m) => m.text.includes('withdrawn'))).toHaveLength(1);
  });
});
