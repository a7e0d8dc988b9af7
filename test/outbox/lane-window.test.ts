/**
 * One outbox lane (test/helpers/lane-world.ts): the window of sends in
 * flight that the latency it learns sets, a stop that waits for them, a
 * busy database and bookkeeping that throws, its pace under a slow
 * provider, Signal members also on SMS moved once Signal pauses, and an old
 * alert's expired copies spending no SEND_RATE.
 */
import Database from 'better-sqlite3';
import { SendError } from '../../src/channels/types';
import type { Lane } from '../../src/outbox/lane';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage, PRIORITY } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, later, logged, makeLane, member, NUMBER, row, startLane, T0, useLaneWorld, vault, writer } from '../helpers/lane-world';

/** A provider that answers each send `latencyMs` after it started, on the test's clock. */
class SlowSender extends FakeSender {
  readonly starts: number[] = [];
  constructor(
    private readonly clock: { t: number },
    private readonly latencyMs: number,
  ) {
    super([], true);
  }
  override send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    this.starts.push(this.clock.t);
    return super.send(to, body, opts);
  }
  /** Answers the sends started at least `latencyMs` ago (held in the order they started). */
  answerDue(): void {
    const due = this.starts.filter((t) => t + this.latencyMs <= this.clock.t).length - this.answered;
    for (let i = 0; i < due; i++) this.answer();
    this.answered += due;
  }
  private answered = 0;
}

describe('an outbox lane', () => {
  useLaneWorld();

  it('sizes its window to the latency the provider answers with, and a connection failure is no answer', async () => {
    const s = new FakeSender([], true);
    const l = startLane(s, { sendRate: 100, maxInFlight: 256 });
    // 100/s at the first guess of 250 ms: ceil(100 · 0.25 · 1.5) + 1.
    expect(l.window()).toBe(39);
    enqueueMessage(db, vault, member, 'slow', clock.t);
    l.wake();
    await settle();
    // Answered after a second: the latency moves a fifth of the way, to 400 ms.
    clock.t += 1_000;
    s.answer();
    await settle();
    expect(l.window()).toBe(61);
    // A connection that failed after ten seconds says nothing of the provider's latency.
    enqueueMessage(db, vault, member, 'lost', clock.t);
    l.wake();
    await settle();
    clock.t += 10_000;
    s.answer(new SendError('connection', 'ETIMEDOUT'));
    await settle();
    expect(l.window()).toBe(61);
    // An answer at once: 400 · 0.8 = 320 ms.
    enqueueMessage(db, vault, member, 'fast', clock.t);
    l.wake();
    await settle();
    s.answer();
    await settle();
    expect(l.window()).toBe(49);
  });

  it('keeps people also on SMS on Signal while the Signal lane only keeps to its rate, and moves them once it is paused', async () => {
    class SignalFake extends FakeSender {
      override readonly channel = 'signal' as const;
    }
    // Signal members ahead of her, so that the rate binds before her copy is claimed.
    for (let i = 0; i < 5; i++) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: `1b2c3d4e-5f60-4a7b-8c9d-00000000001${i}` }, 'en', T0).id, ['415'], T0);
    const twin = ensureMember(db, vault, { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', phone: NUMBER }, 'en', T0).id;
    subscribe(db, twin, ['415'], T0);
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, T0);
    while (!planNextRange(db, alert, T0).done);
    const copies = () => db.sqlite.prepare('SELECT channel, state, error FROM outbox WHERE alert_id = ? AND member_id IN (?, ?) ORDER BY id').all(alert, twin, member);
    // Two sends go at once, then the rate makes the lane wait (the third will be told to wait ten minutes).
    const s = new SignalFake([{ providerId: 'S1' }, { providerId: 'S2' }, new SendError('throttled', '429', 600_000)]);
    const l = startLane(s, { sendRate: 2, twinSweepMs: 1 });
    await settle();
    writer?.flush();
    expect(s.calls).toHaveLength(2);
    expect(copies()).toEqual([{ channel: 'signal', state: 'pending', error: null }]);
    // Signal says wait ten minutes: her copy goes by SMS.
    await later(1_000, l);
    writer?.flush();
    expect(s.calls.length).toBeGreaterThanOrEqual(3);
    expect(copies()).toEqual([
      { channel: 'signal', state: 'failed', error: 'sms_instead' },
      { channel: 'sms', state: 'pending', error: null },
    ]);
  });

  it('keeps in flight about the rate times the latency, within its bounds', () => {
    // 100/s at the first guess of 250 ms: 100 · 0.25 · 1.5 + 1 = 38.5, capped at maxInFlight.
    expect(makeLane(new FakeSender(), { sendRate: 100, maxInFlight: 20 }).window()).toBe(20);
    // 10/s: 10 · 0.25 · 1.5 + 1 = 4.75 → 5, under one second of the rate.
    expect(makeLane(new FakeSender(), { sendRate: 10, maxInFlight: 256 }).window()).toBe(5);
    // No more than the sender takes at once (Signal: its connections), which would only queue them.
    expect(makeLane(Object.assign(new FakeSender(), { maxInFlight: 3 }), { sendRate: 100, maxInFlight: 256 }).window()).toBe(3);
  });

  it('waits on stop for the sends in flight, and claims nothing more', async () => {
    const a = enqueueMessage(db, vault, member, 'in flight', T0);
    const s = new FakeSender([], true);
    const l = startLane(s, { maxInFlight: 1 });
    await settle();
    const b = enqueueMessage(db, vault, member, 'queued behind', T0);
    let stopped = false;
    const stopping = l.stop().then(() => void (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    s.answer({ providerId: 'SMlate' });
    await stopping;
    await settle();
    expect(row(a)).toMatchObject({ state: 'sent', provider_id: 'SMlate' });
    expect(row(b)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(s.calls).toHaveLength(1);
  });

  it('logs a busy database with its channel, and claims again when woken', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    db.sqlite.pragma('busy_timeout = 5');
    const other = new Database(db.sqlite.name);
    other.exec('BEGIN IMMEDIATE');
    const s = new FakeSender();
    let l: Lane;
    try {
      l = startLane(s);
      await settle();
      expect(s.calls).toEqual([]);
      const failures = logged('background job failed');
      expect(failures).toHaveLength(1);
      expect(JSON.parse(failures[0]!)).toMatchObject({ job: 'outbox lane sms', err: expect.objectContaining({ code: 'SQLITE_BUSY' }) });
      // A database still locked at every poll is not a line a poll: once, then once a minute with a count.
      for (let i = 0; i < 5; i++) {
        l.wake();
        await settle();
      }
      expect(logged('outbox lane sms')).toHaveLength(1);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    l.wake();
    await settle();
    expect(row(id).state).toBe('sent');
    expect(logged('background job works again').map((line) => JSON.parse(line).job)).toEqual(['outbox lane sms']);
  });

  it('keeps sending when the bookkeeping of a send throws, and sends those rows again once their lease is over', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => enqueueMessage(db, vault, member, `m${i}`, T0));
    let broken = true;
    const observer = {
      outcome: () => {
        if (broken) throw new Error('a bug in the metrics');
      },
    };
    const s = new FakeSender();
    // A window of 2: a lane that lost count of these sends would stop after 4.
    const l = startLane(s, { maxInFlight: 2, leaseMs: 60_000 }, { observer });
    await settle();
    expect(s.calls).toHaveLength(6);
    // Not recorded: each row stays leased, as after a crash.
    expect(ids.map((id) => row(id).state)).toEqual(Array(6).fill('pending'));
    const lines = logged('send bookkeeping failed').map((line) => (JSON.parse(line) as { outboxId: number }).outboxId);
    expect(lines.sort((a, b) => a - b)).toEqual(ids);
    broken = false;
    await later(59_999, l);
    expect(s.calls).toHaveLength(6);
    await later(1, l);
    expect(s.calls).toHaveLength(12);
    expect(ids.map((id) => row(id))).toEqual(ids.map(() => expect.objectContaining({ state: 'sent', attempts: 2 })));
  });

  // A slow provider, and stale rows before fresh ones.
  it('keeps up with SEND_RATE whatever the provider\'s latency: 10/s when each send takes 2 s', async () => {
    for (let i = 0; i < 400; i++) enqueueMessage(db, vault, member, `alert ${i}`, T0, { priority: PRIORITY.bulk });
    const p = new SlowSender(clock, 2_000);
    const l = startLane(p, { sendRate: 10 });
    await settle();
    // Twenty seconds of the provider answering every send 2 s after it started.
    for (let step = 0; step < 200; step++) {
      clock.t += 100;
      p.answerDue();
      l.wake();
      await settle();
    }
    const sent = p.starts.filter((t) => t < T0 + 20_000).length;
    // SEND_RATE 10 for 20 s is 200 sends (a window of one second of the rate made it 10 every 2 s).
    expect(sent).toBeGreaterThanOrEqual(180);
    expect(sent).toBeLessThanOrEqual(201);
  });

  it('spends no SEND_RATE on an old alert\'s expired copies: after an outage the fresh alert goes at once', async () => {
    for (let i = 0; i < 300; i++) {
      const n = `+1415555${String(1000 + i)}`;
      subscribe(db, ensureMember(db, vault, { channel: 'sms', address: n, phone: n }, 'en', T0).id, ['415'], T0);
    }
    const old = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'yesterday: grey van' }, T0);
    while (!planNextRange(db, old, T0).done);
    // 25 hours later (the SMS lane was down or held): a new alert is approved.
    clock.t = T0 + 25 * HOUR;
    const fresh = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'NOW: man with knife, Motel 6' }, clock.t);
    while (!planNextRange(db, fresh, clock.t).done);
    const s = new FakeSender();
    const l = startLane(s, { sendRate: 10 });
    const start = clock.t;
    await settle();
    for (let step = 0; step < 400 && s.calls.length === 0; step++) {
      clock.t += 100;
      l.wake();
      await settle();
    }
    // Nothing is sent for the 301 expired copies, and they take no place in SEND_RATE.
    expect(s.calls.length).toBeGreaterThan(0);
    expect(s.calls[0]?.body).toContain('man with knife');
    expect(clock.t - start).toBeLessThan(2_000);
  });
});
