/**
 * A sent SMS escalation now keeps the buddy's sealed
 * address until its final status, but removeBuddy (BUDDY OFF, DECLINE)
 * erases only *pending* escalation rows. The member removes the buddy after
 * the escalation went out; Twilio then reports it undelivered (30003): the
 * row is due again and her check-in details go to the buddy she removed.
 */
import { classifyDeliveryStatus } from '../../src/channels/twilio/twilio-errors';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { buddyIndex, inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { forgetBuddy, removeBuddy } from '../../src/store/buddy-erasure';
import { startCheckin } from '../../src/store/checkins';
import { eraseWaitingTo, openRowAddress } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, member, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

describe('an unreachable check-in escalation to a buddy removed since', () => {
  useLaneWorld();

  /**
   * Lily, the member's buddy by SMS, accepted; the member's check-in ran out and the timers ran at its end
   * (the clock a moment past it): Lily's link, and how many check-ins the timers escalated.
   */
  const missedWithLily = () => {
    const lily = db.transaction(() => inviteBuddy(db, vault, member, { channel: 'sms', address: '+14155550188' }, 'Lily', 'en', T0));
    db.transaction(() => setBuddyStatus(db, lily, 'accepted'));
    const due = T0 + 30 * 60_000;
    db.transaction(() => startCheckin(db, vault, member, due, null, 'blue Honda', T0));
    const { escalated } = runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, due);
    clock.t = due + 1;
    return { lily, escalated };
  };

  it('is not sent to the removed buddy when its retry comes due', async () => {
    const { lily, escalated } = missedWithLily();
    expect(escalated).toBe(1);
    const s = new FakeSender([{ providerId: `SM${'a'.repeat(32)}` }, { providerId: `SM${'b'.repeat(32)}` }, { providerId: `SM${'c'.repeat(32)}` }]);
    const lane = startLane(s);
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
    expect(missedWithLily().escalated).toBe(1);
    const s = new FakeSender([{ providerId: `SM${'a'.repeat(32)}` }, { providerId: `SM${'b'.repeat(32)}` }]);
    const lane = startLane(s);
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
