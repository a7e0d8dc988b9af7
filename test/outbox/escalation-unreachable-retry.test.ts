/**
 * A check-in escalation to a buddy whose handset is off
 * (Twilio's status callback: undelivered, 30003) is due again by the
 * unreachable retry, but its address was erased when it was sent: the
 * retry fails "no_address" and the buddy is never told.
 */
import { classifyDeliveryStatus } from '../../src/channels/twilio/twilio-errors';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, LILY, missedWithLily, startLane, useLaneWorld, vault } from '../helpers/lane-world';

describe('an unreachable check-in escalation', () => {
  useLaneWorld();

  it('is sent to the buddy again when its retry comes due', async () => {
    expect(missedWithLily().escalated).toBe(1);
    const s = new FakeSender([{ providerId: `SM${'a'.repeat(32)}` }, { providerId: `SM${'b'.repeat(32)}` }, { providerId: `SM${'c'.repeat(32)}` }]);
    const lane = startLane(s);
    await settle();
    const escalation = db.sqlite.prepare("SELECT outbox_id AS id FROM checkin_messages WHERE kind = 'escalation'").get() as { id: number };
    const toBuddy = () => s.calls.filter((c) => c.to === LILY);
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
