/**
 * A member who leaves an area (LEAVE, STOP, a moderator's refusal) while
 * her copy of its alert is at the provider: that try goes once, but a
 * "try again" answer (429, 5xx, a time-out), a kill -9, or an
 * "undelivered" report must not send it to her again later.
 */
import { SendError } from '../../src/channels/types';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { createLogger } from '../../src/log/logger';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { createAlert, planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane, recordOutcomes, releaseLeases, withdrawAlertsOutside } from '../../src/store/outbox';
import { ensureMember } from '../../src/store/members';
import { retractAlert, followUpRetractions } from '../../src/store/retractions';
import { subscribe, unsubscribe, unsubscribeAll } from '../../src/store/subscriptions';
import { botWorld } from '../helpers/bot-world';
import { FakeSender, settle } from '../helpers/fake-sender';
import * as world from '../helpers/lane-world';

const { T0 } = world;

/** An alert for 415 planned: the member (415, and 212 added here) has one copy waiting. */
function alert415(): number {
  const { db, vault, member } = world;
  subscribe(db, member, ['212'], T0);
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
  while (!planNextRange(db, alert, T0).done);
  return alert;
}

/** A second on, she leaves (`leave`) in one transaction with the withdrawal of her copies outside the areas she keeps, as LEAVE does. */
function leaveNow(member: number, leave: () => unknown): void {
  world.clock.t += 1_000;
  world.db.transaction(() => {
    leave();
    withdrawAlertsOutside(world.db, member, world.clock.t);
  });
}

const leaving: Array<[string, () => void]> = [
  ['LEAVE 415', () => void unsubscribe(world.db, world.member, ['415'])],
  ['STOP (every area)', () => unsubscribeAll(world.db, world.member)],
];

describe('a copy in flight when she leaves its area', () => {
  world.useLaneWorld();

  it.each(leaving)('is not sent again when its try comes back for a retry (%s)', async (_name, leave) => {
    const { db, clock } = world;
    alert415();
    const sender = new FakeSender([], true);
    const lane = world.startLane(sender);
    await settle();
    expect(sender.calls).toHaveLength(1);
    leaveNow(world.member, leave);
    sender.answer(new SendError('throttled', '20429'));
    sender.release();
    await settle();
    await world.later(120_000, lane);
    await world.later(3_600_000, lane);
    expect(sender.calls).toHaveLength(1);
    expect(world.row(sender.calls[0]!.ref!).state).toBe('failed');
  });

  it('is still sent again when an area she keeps covers it', async () => {
    const { db, clock } = world;
    alert415();
    const sender = new FakeSender([], true);
    const lane = world.startLane(sender);
    await settle();
    leaveNow(world.member, () => unsubscribe(db, world.member, ['212']));
    sender.answer(new SendError('server', '20500'));
    sender.release();
    await settle();
    await world.later(3_600_000, lane);
    expect(sender.calls).toHaveLength(2);
    expect(world.row(sender.calls[0]!.ref!).state).toBe('sent');
  });

  const notTaken: Array<[string, SendError]> = [
    ['a 429', new SendError('throttled', '429')],
    ['no connection to signal-cli', new SendError('connection', 'ECONNREFUSED')],
  ];

  it.each(notTaken)('over Signal, goes to her SMS membership instead when that one keeps the area (%s: Signal did not take it)', async (_name, answer) => {
    const { db, vault, clock, member } = world;
    const signal = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: world.NUMBER }, 'en', T0).id;
    subscribe(db, signal, ['415', '212'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    const sender = new FakeSender([], true);
    (sender as { channel: string }).channel = 'signal';
    const lane = world.startLane(sender, {}, { smsSends: true });
    await settle();
    expect(sender.calls).toHaveLength(1);
    // LEAVE 415 over Signal while Signal holds the send; her SMS membership keeps 415.
    leaveNow(signal, () => unsubscribe(db, signal, ['415']));
    sender.answer(answer);
    sender.release();
    await settle();
    await world.later(3_600_000, lane);
    expect(sender.calls).toHaveLength(1);
    const bySms = claimLane(db, 'sms', clock.t, 10, clock.t + 120_000);
    expect(bySms.map((r) => [r.member_id, r.alert_id])).toEqual([[member, alert]]);
  });

  it('is not sent again after a kill -9 with it in flight', () => {
    const { db, clock } = world;
    alert415();
    const [row] = claimLane(db, 'sms', clock.t, 10, clock.t + 120_000);
    leaveNow(world.member, () => unsubscribeAll(db, world.member));
    // The restart: no send is in flight now.
    releaseLeases(db, clock.t);
    clock.t += 1_000;
    expect(claimLane(db, 'sms', clock.t, 10, clock.t + 120_000)).toEqual([]);
    expect(world.row(row!.id).state).toBe('failed');
  });

  it('over Signal, is neither sent again nor sent by SMS after a kill -9 with it in flight, and RETRACT corrects her there (Signal may have delivered it)', () => {
    const { db, vault, clock, member } = world;
    const signal = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: world.NUMBER }, 'en', T0).id;
    subscribe(db, signal, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    expect(claimLane(db, 'signal', clock.t, 10, clock.t + 120_000).map((r) => r.member_id)).toEqual([signal]);
    leaveNow(signal, () => unsubscribe(db, signal, ['415']));
    releaseLeases(db, clock.t);
    expect(claimLane(db, 'signal', clock.t, 10, clock.t + 120_000)).toEqual([]);
    expect(claimLane(db, 'sms', clock.t, 10, clock.t + 120_000)).toEqual([]);
    retractAlert(db, alert, clock.t);
    expect(followUpRetractions(db, vault, clock.t, 50).corrected).toBe(1);
    expect(claimLane(db, 'signal', clock.t, 10, clock.t + 120_000).map((r) => [r.member_id, r.alert_id])).toEqual([[signal, null]]);
  });

  it('is not sent again when the provider took it and then reports it undelivered', () => {
    const { db, vault, clock } = world;
    alert415();
    const [row] = claimLane(db, 'sms', clock.t, 10, clock.t + 120_000);
    leaveNow(world.member, () => unsubscribe(db, world.member, ['415']));
    recordOutcomes(db, [{ id: row!.id, kind: 'sent', providerId: 'SM1' }], clock.t);
    clock.t += 60_000;
    applyDeliveryReport(db, vault, { rowId: row!.id, attempt: 1, providerId: 'SM1', delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, clock.t);
    clock.t += 3_600_000;
    expect(claimLane(db, 'sms', clock.t, 10, clock.t + 120_000)).toEqual([]);
    expect(world.row(row!.id).state).toBe('failed');
  });
});

describe('a copy in flight when she leaves its area, its try\'s answer unknown (a time-out, a restart)', () => {
  world.useLaneWorld();

  /** She leaves 415 while its copy is at the provider; `back` is how the try comes back. */
  function leftInFlight(back: (rowId: number) => void): { alert: number; rowId: number } {
    const { db, clock } = world;
    const alert = alert415();
    const [row] = claimLane(db, 'sms', clock.t, 10, clock.t + 120_000);
    leaveNow(world.member, () => unsubscribe(db, world.member, ['415']));
    back(row!.id);
    return { alert, rowId: row!.id };
  }

  const unknown: Array<[string, (rowId: number) => void]> = [
    ['a time-out', (id) => recordOutcomes(world.db, [{ id, kind: 'retry', dueAt: world.clock.t + 60_000, error: 'connection:ETIMEDOUT' }], world.clock.t)],
    ['a kill -9', () => void releaseLeases(world.db, world.clock.t)],
  ];

  it.each(unknown)('is not sent again, yet a RETRACT corrects her once Twilio reports it delivered (%s)', (_name, back) => {
    const { db, vault, clock } = world;
    const { alert, rowId } = leftInFlight(back);
    clock.t += 3_600_000;
    expect(claimLane(db, 'sms', clock.t, 10, clock.t + 120_000)).toEqual([]);
    expect(applyDeliveryReport(db, vault, { rowId, attempt: 1, providerId: 'SM1', delivery: { kind: 'delivered' } }, clock.t)).toEqual({ matched: true, kind: 'delivered' });
    retractAlert(db, alert, clock.t);
    expect(followUpRetractions(db, vault, clock.t, 50).corrected).toBe(1);
  });

  it.each(unknown)('is not corrected by a RETRACT when Twilio never took it (%s)', (_name, back) => {
    const { db, vault, clock } = world;
    const { alert } = leftInFlight(back);
    retractAlert(db, alert, clock.t);
    expect(followUpRetractions(db, vault, clock.t, 50).corrected).toBe(0);
  });

  it("over Signal, is corrected while another member's copy of the alert waits for its deletion", () => {
    const { db, vault, clock } = world;
    const keeps = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000002' }, 'en', T0).id;
    const leaves = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000003' }, 'en', T0).id;
    subscribe(db, keeps, ['415'], T0);
    subscribe(db, leaves, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    const rows = claimLane(db, 'signal', clock.t, 10, clock.t + 120_000);
    const idOf = (m: number) => rows.find((r) => r.member_id === m)!.id;
    clock.t += 1_000;
    unsubscribe(db, leaves, ['415']);
    recordOutcomes(
      db,
      [
        { id: idOf(keeps), kind: 'sent', providerId: String(clock.t) },
        { id: idOf(leaves), kind: 'retry', dueAt: clock.t + 60_000, error: 'connection:ETIMEDOUT' },
      ],
      clock.t,
    );
    retractAlert(db, alert, clock.t);
    // One copy a round: the first is the one kept, marked for deletion (Signal is slow to take it).
    expect(followUpRetractions(db, vault, clock.t, 1)).toEqual({ corrected: 0, toDelete: 1 });
    expect(followUpRetractions(db, vault, clock.t + 5_000, 1)).toEqual({ corrected: 1, toDelete: 0 });
  });

  it('over Signal, after a time-out: neither sent again nor sent by SMS, and a RETRACT corrects her there', async () => {
    const { db, vault, clock, member } = world;
    const signal = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: world.NUMBER }, 'en', T0).id;
    subscribe(db, signal, ['415', '212'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took a phone' }, T0);
    while (!planNextRange(db, alert, T0).done);
    const sender = new FakeSender([], true);
    (sender as { channel: string }).channel = 'signal';
    const lane = world.startLane(sender, {}, { smsSends: true });
    await settle();
    expect(sender.calls).toHaveLength(1);
    leaveNow(signal, () => unsubscribe(db, signal, ['415']));
    sender.answer(new SendError('connection', 'ETIMEDOUT'));
    sender.release();
    await settle();
    await world.later(3_600_000, lane);
    expect(sender.calls).toHaveLength(1);
    expect(claimLane(db, 'sms', clock.t, 10, clock.t + 120_000).filter((r) => r.member_id === member)).toEqual([]);
    retractAlert(db, alert, clock.t);
    expect(followUpRetractions(db, vault, clock.t, 50).corrected).toBe(1);
  });
});

describe('a copy in flight when a moderator refuses and blocks her request for one more area', () => {
  it('is not sent again when its try comes back for a retry', async () => {
    const MOD = '+14155550199';
    const ROSA = '+14155550101';
    const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    const refOf = (text: string | null) => /#([A-Z0-9]{4,6}) join/.exec(text ?? '')?.[1] as string;
    w.sms(ROSA, 'JOIN 415');
    w.sms(MOD, `APPROVE ${refOf(w.sms(MOD, 'PENDING').reply)}`);
    w.sms(ROSA, 'JOIN 212');
    const more = refOf(w.sms(MOD, 'PENDING').reply);
    expect(w.sms(MOD, 'ALERT 415 grey van, knife').reply).toMatch(/Alert #/);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    const log = createLogger('debug', { write: () => undefined });
    const sender = new FakeSender([], true);
    const writer = new OutcomeWriter(w.db, log, () => w.clock.now);
    const lane = world.laneOn({ db: w.db, vault: w.vault, log, now: () => w.clock.now, writer }, sender, { pollMs: 3_600_000 });
    lane.start();
    try {
      await settle();
      const alerts = () => sender.calls.filter((c) => c.to === ROSA && c.body.includes('grey van'));
      expect(alerts()).toHaveLength(1);
      w.clock.now += 1_000;
      expect(w.sms(MOD, `BLOCK ${more}`).reply).toContain(more);
      for (const c of [...sender.calls]) sender.answer(c.to === ROSA && c.body.includes('grey van') ? new SendError('server', '20503') : undefined);
      sender.release();
      await settle();
      w.clock.now += 3_600_000;
      lane.wake();
      await settle();
      expect(alerts()).toHaveLength(1);
    } finally {
      await lane.stop();
      writer.flush();
    }
  });
});
