/**
 * A retracted alert's Signal copy whose remote delete failed waits for its
 * next try (retraction_due_at). A wall clock stepped back (NTP) moves the
 * outbox's waiting times back by the step; the delete's next try must move
 * too, or the alert stays on her phone for the step's length.
 */
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, clockSteppedBack, recordOutcomes } from '../../src/store/outbox';
import { dueDeletes, followUpRetractions, recordDelete } from '../../src/store/retractions';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const HOUR = 3_600_000;
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

it("a failed remote delete's next try moves back with the clock", async () => {
  let alertId = 0;
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
  const sig: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000006' };
  w.bot.handle({ sender: sig, text: 'JOIN 415', providerId: `${sig.address}:1` });
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms('+14155550200', 'REPORT 415 grey van, took my phone').reply ?? '')?.[1] ?? '';
  w.sms(MOD, `SHOW ${ref}`);
  w.sms(MOD, `APPROVE ${ref}`);
  while (!planNextRange(w.db, alertId, w.clock.now).done);
  const rows = claimLane(w.db, 'signal', w.clock.now + 1, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
  expect(rows).toHaveLength(1);
  recordOutcomes(w.db, rows.map((r) => ({ id: r.id, kind: 'sent' as const, providerId: String(w.clock.now) })), w.clock.now);
  w.clock.now += 1000;
  w.sms(MOD, `RETRACT ${ref}`);
  w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
  // Its delete fails; the next try is 30 s on.
  const [d] = dueDeletes(w.db, w.clock.now, 100);
  expect(d?.id).toBe(rows[0]!.id);
  w.db.transaction(() => recordDelete(w.db, rows[0]!.id, { ok: false, retryAt: w.clock.now + 30_000 }, 8));
  expect(dueDeletes(w.db, w.clock.now, 100)).toEqual([]);
  // NTP steps the clock back an hour; the Signal lane takes the step. 30 s later the delete is due again.
  w.clock.now -= HOUR;
  w.db.transaction(() => clockSteppedBack(w.db, 'signal', HOUR, w.clock.now));
  w.clock.now += 30_000;
  expect(dueDeletes(w.db, w.clock.now, 100).map((x) => x.id)).toEqual([rows[0]!.id]);
});
