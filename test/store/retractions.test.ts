/**
 * RETRACT of an alert whose copy is in flight: RETRACT cancels only the
 * copies no send holds, so a copy being sent when the moderator withdraws
 * the alert must not come back for another try when that send fails (by
 * the send's own outcome, or by a delivery report). Over a real SQLite
 * file, through the bot, with a clock the test moves.
 */
import { catalog } from '../../src/bot/catalog';
import { dayTime, type DayTime } from '../../src/bot/clock-time';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { dueDeletes, followUpRetractions, recordDelete, SIGNAL_DELETE_WINDOW_MS } from '../../src/store/retractions';
import { claimLane, PRIORITY, recordOutcomes, settleReported } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { restoreTimeZoneAfterEach } from '../helpers/time-zone';

const MOD = '+14155550199';
const MEMBER = '+14155550101';
const REPORTER = '+14155550105';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/** An approved alert for MEMBER's area, its copy claimed by a send (in flight); returns the claimed row and the report's ref. */
async function copyInFlight(): Promise<{ w: BotWorld; rowId: number; ref: string }> {
  let alertId = 0;
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
  w.sms(MEMBER, 'JOIN');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply ?? '')?.[1] ?? '';
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
  while (!planNextRange(w.db, alertId, w.clock.now).done);
  const claimed = claimLane(w.db, 'sms', w.clock.now + 60_000, 100, w.clock.now + 120_000).filter((r) => r.alert_id === alertId);
  expect(claimed).toHaveLength(1);
  return { w, rowId: claimed[0]!.id, ref };
}

const rowOf = (w: BotWorld, id: number) => w.db.sqlite.prepare('SELECT state, error FROM outbox WHERE id = ?').get(id) as { state: string; error: string | null };

describe('a copy in flight when its alert is retracted', () => {
  it('is not tried again when its send comes back for a retry', async () => {
    const { w, rowId, ref } = await copyInFlight();
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'provider busy' }], w.clock.now);
    // A 5xx may follow a send: failed as maybe sent (to be corrected: retractions-maybe-delivered.test.ts).
    expect(rowOf(w, rowId)).toEqual({ state: 'failed', error: 'retracted_maybe_sent' });
    expect(claimLane(w.db, 'sms', w.clock.now + 3_600_000, 100, w.clock.now + 3_700_000).map((r) => r.id)).not.toContain(rowId);
  });

  it('is not tried again when a delivery report asks for a retry', async () => {
    const { w, rowId, ref } = await copyInFlight();
    expect(w.sms(MOD, `RETRACT ${ref}`).reply).toBe(t.modRetracted(`#${ref}`, 0));
    settleReported(w.db, rowId, 'SM0123', { state: 'pending', error: 'carrier busy', retryAt: w.clock.now + 1_000 }, w.clock.now);
    expect(rowOf(w, rowId)).toEqual({ state: 'failed', error: 'retracted' });
  });

  it('of an alert still standing, is tried again as usual', async () => {
    const { w, rowId } = await copyInFlight();
    recordOutcomes(w.db, [{ id: rowId, kind: 'retry', dueAt: w.clock.now + 1_000, error: 'provider busy' }], w.clock.now);
    expect(rowOf(w, rowId)).toEqual({ state: 'pending', error: 'provider busy' });
    expect(claimLane(w.db, 'sms', w.clock.now + 3_600_000, 100, w.clock.now + 3_700_000).map((r) => r.id)).toContain(rowId);
  });
});

describe('a copy its member read with READ before it went out', () => {
  /** A discreet member's alert, its neutral notice still queued; returns the world, the alert and the report's ref. */
  async function readBeforeSent(channel: 'sms' | 'signal'): Promise<{ w: BotWorld; alertId: number; ref: string; who: Sender }> {
    let alertId = 0;
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
    const who: Sender = channel === 'sms' ? sms(MEMBER) : { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000001' };
    let n = 0;
    const send = (text: string) => w.bot.handle({ sender: who, text, providerId: `${who.address}:${++n}` });
    send('JOIN 415');
    send('DISCREET');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van 7ABC123, took my phone').reply ?? '')?.[1] ?? '';
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
    while (!planNextRange(w.db, alertId, w.clock.now).done);
    expect(send('READ').reply).toContain('grey van 7ABC123');
    return { w, alertId, ref, who };
  }
  const correctionsTo = (w: BotWorld, who: Sender) => w.queued(who).filter((m) => m.text.includes('withdrawn'));

  it.each(['sms', 'signal'] as const)('is corrected when its alert is retracted (%s), and its notice is not sent', async (channel) => {
    const { w, alertId, ref, who } = await readBeforeSent(channel);
    // Her copy counts as delivered: no notice goes out for what she has read.
    expect(w.db.sqlite.prepare('SELECT state FROM outbox WHERE alert_id = ?').all(alertId)).toEqual([{ state: 'delivered' }]);
    w.clock.now += 60_000;
    w.sms(MOD, `RETRACT ${ref}`);
    w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
    const day = dayTime(w.clock.now - 60_000, w.clock.now);
    expect(correctionsTo(w, who).map((m) => m.text)).toEqual([t.discreetRetracted(['415'], day)]);
    expect(w.db.sqlite.prepare('SELECT retraction FROM outbox WHERE alert_id = ?').all(alertId)).toEqual([{ retraction: 'corrected' }]);
  });
});

describe('a Signal copy of a retracted alert', () => {
  /** A Signal member's copy of an approved alert, sent `age` ms before the RETRACT. */
  async function sentToSignal(age: number): Promise<{ w: BotWorld; rowId: number; who: Sender }> {
    let alertId = 0;
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
    const who: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000002' };
    w.bot.handle({ sender: who, text: 'JOIN 415', providerId: `${who.address}:1` });
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply ?? '')?.[1] ?? '';
    w.sms(MOD, `APPROVE ${ref}`);
    while (!planNextRange(w.db, alertId, w.clock.now).done);
    const [row] = claimLane(w.db, 'signal', w.clock.now + 1, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
    recordOutcomes(w.db, [{ id: row!.id, kind: 'sent', providerId: String(w.clock.now) }], w.clock.now);
    w.clock.now += age;
    w.sms(MOD, `RETRACT ${ref}`);
    return { w, rowId: row!.id, who };
  }
  const followUp = (w: BotWorld) => w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
  const corrections = (w: BotWorld, who: Sender) => w.queued(who).filter((m) => m.text.includes('withdrawn'));
  const done = (w: BotWorld) => (w.db.sqlite.prepare('SELECT count(*) AS n FROM alerts WHERE retraction_done_at IS NOT NULL').get() as { n: number }).n;

  it('is deleted while Signal honours it, and corrected instead once the deletion fails for good; followed up till then', async () => {
    const { w, rowId, who } = await sentToSignal(60_000);
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 1 });
    expect(dueDeletes(w.db, w.clock.now, 10).map((d) => d.id)).toEqual([rowId]);
    expect(done(w)).toBe(0);
    w.db.transaction(() => recordDelete(w.db, rowId, { ok: false, retryAt: null }, 8));
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(corrections(w, who)).toHaveLength(1);
    expect(done(w)).toBe(1);
  });

  it('is corrected rather than deleted when sent longer ago than Signal honours a deletion', async () => {
    const { w, who } = await sentToSignal(SIGNAL_DELETE_WINDOW_MS);
    const day = dayTime(w.clock.now - SIGNAL_DELETE_WINDOW_MS, w.clock.now);
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(corrections(w, who).map((m) => m.text)).toEqual([t.alertRetracted(['415'], day, '')]);
    expect(w.db.sqlite.prepare("SELECT retraction, priority FROM outbox WHERE alert_id IS NULL AND member_id IS NOT NULL AND body_ct IS NOT NULL ORDER BY id DESC LIMIT 1").get()).toEqual({ retraction: null, priority: PRIORITY.bulk });
    expect(dueDeletes(w.db, w.clock.now, 10)).toEqual([]);
  });

  it('is corrected, not deleted, when its deletion is still waiting once Signal no longer honours one (a retry, a long line)', async () => {
    const { w, rowId, who } = await sentToSignal(SIGNAL_DELETE_WINDOW_MS - 60_000);
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 1 });
    // signal-cli-rest-api did not answer: tried again after the backoff, past the day Signal honours.
    w.db.transaction(() => recordDelete(w.db, rowId, { ok: false, retryAt: w.clock.now + 10 * 60_000 }, 8));
    w.clock.now += 10 * 60_000;
    expect(followUp(w)).toEqual({ corrected: 1, toDelete: 0 });
    expect(dueDeletes(w.db, w.clock.now, 10)).toEqual([]);
    expect(corrections(w, who)).toHaveLength(1);
    expect(done(w)).toBe(1);
  });

  it('that was deleted needs nothing more', async () => {
    const { w, rowId, who } = await sentToSignal(SIGNAL_DELETE_WINDOW_MS - 1);
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 1 });
    w.db.transaction(() => recordDelete(w.db, rowId, { ok: true }, 8));
    expect(followUp(w)).toEqual({ corrected: 0, toDelete: 0 });
    expect(corrections(w, who)).toEqual([]);
    expect(done(w)).toBe(1);
  });
});

describe('the day and time a correction names', () => {
  restoreTimeZoneAfterEach();

  it('is the time the alert went out where the line is (TZ), not in UTC', async () => {
    process.env.TZ = 'America/Los_Angeles';
    let alertId = 0;
    // 19:00 on 31 December in Los Angeles, already 1 January in UTC.
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) }, Date.UTC(2027, 0, 1, 3, 0));
    w.sms(MEMBER, 'JOIN');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van, took my phone').reply ?? '')?.[1] ?? '';
    w.sms(MOD, `APPROVE ${ref}`);
    while (!planNextRange(w.db, alertId, w.clock.now).done);
    const [row] = claimLane(w.db, 'sms', w.clock.now + 60_000, 10, w.clock.now + 120_000).filter((r) => r.alert_id === alertId);
    recordOutcomes(w.db, [{ id: row!.id, kind: 'sent', providerId: 'SM0123' }], w.clock.now);
    w.sms(MOD, `RETRACT ${ref}`);
    w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
    expect(w.queued(sms(MEMBER)).filter((m) => m.text.includes('withdrawn')).map((m) => m.text)).toEqual([t.alertRetracted(['415'], { time: '19:00', day: null }, '')]);
  });
});

// READ put the alert in full in her Signal conversation: deleting the neutral notice is not enough, whether
// READ came after the notice went or while it was in flight.
describe('a discreet Signal member who read a retracted alert with READ', () => {
  /** Her notice claimed by the Signal lane; `readFirst`: she sends READ before its send returns. Returns the corrections she is sent and the day they name. */
  async function readAndRetract(readFirst: boolean): Promise<{ corrections: string[]; day: DayTime }> {
    let alertId = 0;
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], onAlert: (id: number) => (alertId = id) });
    const who: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000003' };
    let n = 0;
    const send = (text: string) => w.bot.handle({ sender: who, text, providerId: `${who.address}:${++n}` });
    send('JOIN 415');
    send('DISCREET');
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(REPORTER, 'REPORT 415 grey van 7ABC123, took my phone').reply ?? '')?.[1] ?? '';
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modApproved(`#${ref}`, ['415']));
    while (!planNextRange(w.db, alertId, w.clock.now).done);
    const sentAt = w.clock.now;
    const [row] = claimLane(w.db, 'signal', w.clock.now + 1, 10, w.clock.now + 60_000).filter((r) => r.alert_id === alertId);
    const sent = () => recordOutcomes(w.db, [{ id: row!.id, kind: 'sent', providerId: String(w.clock.now) }], w.clock.now);
    if (!readFirst) sent();
    w.clock.now += 1_000;
    expect(send('READ').reply).toContain('grey van 7ABC123');
    if (readFirst) sent();
    w.clock.now += 60_000;
    w.sms(MOD, `RETRACT ${ref}`);
    w.db.transaction(() => followUpRetractions(w.db, w.vault, w.clock.now, 500));
    return { corrections: w.queued(who).filter((m) => m.text.includes('withdrawn')).map((m) => m.text), day: dayTime(sentAt, w.clock.now) };
  }

  it('after its notice was sent, is sent the correction (her READ answer cannot be remote-deleted)', async () => {
    const { corrections, day } = await readAndRetract(false);
    expect(corrections).toEqual([t.discreetRetracted(['415'], day)]);
  });

  it('while its notice was in flight, is sent the correction too', async () => {
    const { corrections, day } = await readAndRetract(true);
    expect(corrections).toEqual([t.discreetRetracted(['415'], day)]);
  });
});
