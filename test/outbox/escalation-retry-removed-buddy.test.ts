/**
 * A sent SMS escalation now keeps the buddy's sealed
 * address until its final status, but removeBuddy (BUDDY OFF, DECLINE)
 * erases only *pending* escalation rows. The member removes the buddy after
 * the escalation went out; Twilio then reports it undelivered (30003): the
 * row is due again and her check-in details go to the buddy she removed.
 */
import { classifyDeliveryStatus } from '../../src/channels/twilio/twilio-errors';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { buddyIndex } from '../../src/store/buddies';
import { forgetBuddy, removeBuddy } from '../../src/store/buddy-erasure';
import { eraseWaitingTo, openRowAddress } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, LILY, missedWithLily, startLane, useLaneWorld, vault } from '../helpers/lane-world';

describe('an unreachable check-in escalation to a buddy removed since', () => {
  useLaneWorld();

  it('is not sent to the removed buddy when its retry comes due', async () => {
    const { lily, escalated } = missedWithLily();
    expect(escalated).toBe(1);
    const s = new FakeSender([{ providerId: `SM${'a'.repeat(32)}` }, { providerId: `SM${'b'.repeat(32)}` }, { providerId: `SM${'c'.repeat(32)}` }]);
    const lane = startLane(s);
    await settle();
    const escalation = db.sqlite.prepare("SELECT outbox_id AS id FROM checkin_messages WHERE kind = 'escalation'").get() as { id: number };
    const toBuddy = () => s.calls.filter((c) => c.to === LILY);
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
    expect(missedWithLily().escalated).toBe(1);
    const s = new FakeSender([{ providerId: `SM${'a'.repeat(32)}` }, { providerId: `SM${'b'.repeat(32)}` }]);
    const lane = startLane(s);
    await settle();
    const escalation = db.sqlite.prepare("SELECT outbox_id AS id FROM checkin_messages WHERE kind = 'escalation'").get() as { id: number };
    const sid = db.sqlite.prepare('SELECT provider_id FROM outbox WHERE id = ?').get(escalation.id) as { provider_id: string };
    // Lily texts DELETE: what eraseSenderTraces and forgetAsBuddy erase.
    db.transaction(() => {
      eraseWaitingTo(db, vault, [LILY], 'sms');
      forgetBuddy(db, vault, LILY, 'sms');
    });
    const holding = (db.sqlite.prepare('SELECT id, address_ct, key_version FROM outbox WHERE address_ct IS NOT NULL').all() as Array<{ id: number; address_ct: Buffer; key_version: number }>).filter(
      (r) => openRowAddress(vault, r) === LILY,
    );
    expect(holding).toEqual([]);
    applyDeliveryReport(db, vault, { rowId: escalation.id, providerId: sid.provider_id, delivery: classifyDeliveryStatus('undelivered', '30003')! }, clock.t + 5_000);
    clock.t += HOUR / 2;
    lane.wake();
    await settle();
    expect(s.calls.filter((c) => c.to === LILY)).toHaveLength(1);
  });
});
