/**
 * RETRACT of an alert whose copy may have reached her though no send
 * answered with its id: a try in flight when the server was killed (its
 * lease released at restart), or one whose answer was a time-out or a 5xx.
 * The provider may have delivered it, so it is not an unsent copy: she is
 * corrected (a Signal copy has no timestamp to delete it by), and the
 * moderator's count of copies cancelled leaves it out. A try the provider
 * surely did not take (a 429, no earlier try) is cancelled as before.
 * Over a real SQLite file, through the bot, with a clock the test moves.
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime, type DayTime } from '../../src/bot/clock-time';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { claimLane, recordOutcomes, releaseLeases } from '../../src/store/outbox';
import { followUpRetractions } from '../../src/store/retractions';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const REPORTER = '+14155550105';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const SIGNAL_MEMBER: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000007' };
const SMS_MEMBER = sms('+14155550101');

interface Claimed {
  w: BotWorld;
  rowId: number;
  ref: string;
  day: DayTime;
}

/** An approved alert for `who`'s area, its copy claimed by a send of her channel's lane (in flight). */
async function copyInFlight(who: Sender): Promise<Claimed> {
  let alertId = 0;
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
  w.bot.handle({ sender: who, text: 'JOIN 415', providerId: `${who.address}:join` });
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply ?? '')?.[1] ?? '';
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
  const day = dayTime(w.clock.now, w.clock.now);
  while (!planNextRange(w.db, alertId, w.clock.now).done);
  const claimed = claimLane(w.db, who.channel, w.clock.now + 1, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
  expect(claimed).toHaveLength(1);
  return { w, rowId: claimed[0]!.id, ref, day };
}

const followUp = (w: BotWorld) => w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
const corrections = (w: BotWorld, who: Sender) => w.queued(who).filter((m) => m.text.includes('withdrawn')).map((m) => m.text);

describe.each([SIGNAL_MEMBER, SMS_MEMBER])('a %j copy whose try may have reached her', (who) => {
  it('is corrected when RETRACT comes after a restart released its try, and not counted as cancelled', async () => {
    const { w, ref, day } = await copyInFlight(who);
    // Killed while the send was at the provider: the restart makes it due again, its try counted.
    w.clock.now += 5_000;
    releaseLeases(w.db, w.clock.now);
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(corrections(w, who)).toEqual([t.alertRetracted(['415'], day, '')]);
    // Done: a later round sends nothing more.
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 0 });
  });

  it('is corrected when RETRACT comes while it is in flight and the try comes back as a time-out', async () => {
    const { w, rowId, ref, day } = await copyInFlight(who);
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'timeout' }], w.clock.now);
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(corrections(w, who)).toEqual([t.alertRetracted(['415'], day, '')]);
  });

  it('is corrected when RETRACT came while it was in flight and the server was killed before its answer', async () => {
    const { w, ref, day } = await copyInFlight(who);
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    w.clock.now += 5_000;
    releaseLeases(w.db, w.clock.now);
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(corrections(w, who)).toEqual([t.alertRetracted(['415'], day, '')]);
  });

  it('is corrected when an earlier try timed out, though the try in flight at RETRACT was refused with a 429', async () => {
    const { w, rowId, ref, day } = await copyInFlight(who);
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'timeout' }], w.clock.now);
    w.clock.now += 1_000;
    expect(claimLane(w.db, who.channel, w.clock.now, 10, w.clock.now + 60_000).map((r) => r.id)).toEqual([rowId]);
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'throttled', throttled: true }], w.clock.now);
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(corrections(w, who)).toEqual([t.alertRetracted(['415'], day, '')]);
  });

  it('is cancelled, not corrected, when its only try was refused with a 429', async () => {
    const { w, rowId, ref } = await copyInFlight(who);
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'throttled', throttled: true }], w.clock.now);
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 1));
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 0 });
    expect(corrections(w, who)).toEqual([]);
  });

  it('in flight at RETRACT and refused with no connection, is not corrected', async () => {
    const { w, rowId, ref } = await copyInFlight(who);
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'no connection', notTaken: true }], w.clock.now);
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 0 });
    expect(corrections(w, who)).toEqual([]);
  });
});

describe('an SMS copy corrected as maybe delivered', () => {
  it('is not corrected again when Twilio then reports it delivered', async () => {
    const { w, rowId, ref } = await copyInFlight(SMS_MEMBER);
    w.clock.now += 5_000;
    releaseLeases(w.db, w.clock.now);
    w.sms(MOD, `RETRACT ${ref}`);
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(applyDeliveryReport(w.db, w.vault, { rowId, attempt: 1, providerId: 'SM00000000000000000000000000000001', delivery: { kind: 'delivered' } }, w.clock.now)).toEqual({
      matched: true,
      kind: 'delivered',
    });
    // Recorded as delivered, keeping no Twilio id, its correction counted as sent.
    expect(w.db.sqlite.prepare('SELECT state, provider_id, retraction FROM outbox WHERE id = ?').get(rowId)).toEqual({ state: 'delivered', provider_id: null, retraction: 'corrected' });
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 0 });
    expect(corrections(w, SMS_MEMBER)).toHaveLength(1);
  });
});

describe('a Signal copy in flight when she left its area', () => {
  it('is corrected at RETRACT when an earlier try timed out, though the try in flight was refused with a 429', async () => {
    const { w, rowId, ref, day } = await copyInFlight(SIGNAL_MEMBER);
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'timeout' }], w.clock.now);
    w.clock.now += 1_000;
    expect(claimLane(w.db, 'signal', w.clock.now, 10, w.clock.now + 60_000).map((r) => r.id)).toEqual([rowId]);
    w.bot.handle({ sender: SIGNAL_MEMBER, text: 'LEAVE 415', providerId: `${SIGNAL_MEMBER.address}:leave` });
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'throttled', throttled: true }], w.clock.now);
    w.sms(MOD, `RETRACT ${ref}`);
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(corrections(w, SIGNAL_MEMBER)).toEqual([t.alertRetracted(['415'], day, '')]);
  });
});
