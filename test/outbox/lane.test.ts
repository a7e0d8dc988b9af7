/**
 * One lane over a real SQLite file and real crypto, with a fake sender in
 * place of the provider's adapter and a clock the test moves: what each
 * answer does to the row and to the member, the last attempt, a 429 that
 * names a wait pausing the whole lane, the latency the lane learns, a stop
 * that waits for what is in flight, and its promises under a slow, paused or
 * misconfigured provider.
 *
 * The lane is driven a step at a time: it only polls once an hour here, so
 * it moves when something wakes it (an answer, an outcome written, the test),
 * and `settle()` lets it run until it has nothing left to do now. A lane that
 * stalls fails an assertion at once rather than a wait.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { classifySignalError } from '../../src/channels/signal/signal-errors';
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, type DispatcherOptions } from '../../src/outbox/dispatcher';
import { Lane, type LaneDeps } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import { ensureMember, setMemberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage, PRIORITY } from '../../src/store/outbox';
import { subscribe, listAreas } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const T0 = 1_800_000_000_000;
const NUMBER = '+14155550100';
const HOUR = 3_600_000;

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

interface Row {
  state: string;
  attempts: number;
  due_at: number;
  error: string | null;
  provider_id: string | null;
}

describe('an outbox lane', () => {
  let db: Db;
  let vault: Vault;
  let clock: { t: number };
  let member: number;
  let lane: Lane | null = null;
  let sender: FakeSender | null = null;
  let writer: OutcomeWriter | null = null;
  let logs: string[];

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    clock = { t: T0 };
    logs = [];
    member = ensureMember(db, vault, { channel: 'sms', address: NUMBER, phone: NUMBER }, 'en', T0).id;
    subscribe(db, member, ['415'], T0);
  });
  afterEach(async () => {
    sender?.release();
    await lane?.stop();
    writer?.flush();
    lane = sender = writer = null;
    db.close();
  });

  function makeLane(s: FakeSender, opts: Partial<DispatcherOptions> = {}, extra: Partial<LaneDeps> = {}): Lane {
    const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
    const now = () => clock.t;
    sender = s;
    writer = new OutcomeWriter(db, log, now);
    lane = new Lane(s, {
      db,
      vault,
      log,
      now,
      opts: { ...DEFAULT_DISPATCHER, pollMs: HOUR, ...opts },
      writer,
      renderer: new AlertRenderer(db, vault),
      ...extra,
    });
    return lane;
  }
  function startLane(s: FakeSender, opts: Partial<DispatcherOptions> = {}, extra: Partial<LaneDeps> = {}): Lane {
    const l = makeLane(s, opts, extra);
    l.start();
    return l;
  }
  /** Moves the clock and has the lane look for work, as its own timer would. */
  async function later(ms: number, l: Lane): Promise<void> {
    clock.t += ms;
    l.wake();
    await settle();
  }

  const row = (id: number) => db.sqlite.prepare('SELECT state, attempts, due_at, error, provider_id FROM outbox WHERE id = ?').get(id) as Row;
  const memberStatus = () => (db.sqlite.prepare('SELECT status FROM members WHERE id = ?').get(member) as { status: string }).status;
  const logged = (text: string) => logs.filter((l) => l.includes(text));

  it('sends a due row to the member, with its text and reference, and records the provider id', async () => {
    const id = enqueueMessage(db, vault, member, 'grey van on 5th', T0);
    const s = new FakeSender([{ providerId: 'SMabc' }]);
    startLane(s);
    await settle();
    expect(s.calls).toEqual([{ to: NUMBER, body: 'grey van on 5th', ref: id }]);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMabc', attempts: 1, error: null });
  });

  it('retries a server error later, with backoff, keeps the member, and sends the row again once it is due', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const backoff = { baseMs: 10_000, maxMs: 60_000, maxAttempts: 3 };
    const s = new FakeSender([new SendError('server', '500')]);
    const l = startLane(s, { backoff });
    await settle();
    const r = row(id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, error: 'server:500' });
    // Equal jitter: between half and all of the first wait.
    expect(r.due_at).toBeGreaterThanOrEqual(T0 + 5_000);
    expect(r.due_at).toBeLessThanOrEqual(T0 + 10_000);
    expect(memberStatus()).toBe('active');
    // Not before it is due.
    await later(4_999, l);
    expect(s.calls).toHaveLength(1);
    await later(5_001, l);
    expect(s.calls).toHaveLength(2);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 2, provider_id: 'SM2' });
  });

  it('sends a row that falls due later by itself, when its time comes', async () => {
    const id = enqueueMessage(db, vault, member, 'your check-in is due', T0, { dueAt: T0 + 40 });
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(s.calls).toEqual([]);
    // Nothing wakes the lane: it slept until the row's due time (40 ms), not until its next poll (an hour).
    clock.t = T0 + 40;
    await waitFor(() => row(id).state === 'sent', 1_000, 'the row sent when due');
    expect(s.calls.map((c) => c.body)).toEqual(['your check-in is due']);
    expect(logged('outbox lane failed')).toEqual([]);
  });

  it('makes maxAttempts attempts, and more while the message is younger than maxAgeMs (an outage), then fails the row for good', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender(Array.from({ length: 10 }, () => new SendError('connection', 'ECONNRESET')));
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 }, maxAgeMs: 150_000 });
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 1, error: 'connection:ECONNRESET' });
    await later(60_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 2 });
    await later(60_000, l);
    // The third try failed, 2 minutes after the message was queued: younger than maxAgeMs, it is tried again.
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 3 });
    await later(60_000, l);
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 4, error: 'gave_up:connection:ECONNRESET' });
    await later(60_000, l);
    expect(s.calls).toHaveLength(4);
    // A warning for each of its maxAttempts tries; the tries an outage adds past them only at debug.
    expect(logs.filter((x) => x.includes('will retry') && x.includes('"level":40'))).toHaveLength(2);
    expect(logs.filter((x) => x.includes('will retry') && x.includes('"level":20'))).toHaveLength(1);
  });

  it.each([
    ['stopped', '21610', 'stopped'],
    ['invalid', '21211', 'invalid'],
  ] as const)('fails a row the provider refuses as %s at once, and marks and unsubscribes the member', async (kind, code, status) => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    startLane(new FakeSender([new SendError(kind, code)]));
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 1, error: `${kind}:${code}` });
    expect(memberStatus()).toBe(status);
    expect(listAreas(db, member)).toEqual([]);
  });

  it('fails a permanent refusal without retrying, and leaves the member as they were', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender([new SendError('rejected', '21602')]);
    const l = startLane(s);
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 1, error: 'rejected:21602' });
    expect(memberStatus()).toBe('active');
    expect(listAreas(db, member)).toEqual(['415']);
    await later(HOUR, l);
    expect(s.calls).toHaveLength(1);
  });

  it('treats an error that is not a SendError as a retryable internal one, and logs only that one as unexpected', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const l = startLane(new FakeSender([new Error('a bug in an adapter'), new SendError('server', '503')]));
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', error: 'server:internal' });
    expect(logged('unexpected send failure').map((l) => JSON.parse(l) as { outboxId?: number })).toMatchObject([{ outboxId: id }]);
    await later(HOUR, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 2, error: 'server:503' });
    expect(logged('unexpected send failure')).toHaveLength(1);
  });

  it('records a failure the provider gave no code for by its kind alone', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    startLane(new FakeSender([new SendError('server')]));
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', error: 'server' });
  });

  it('does not send an alert queued to a member who then sent STOP', async () => {
    const id = enqueueMessage(db, vault, member, 'an alert already queued', T0);
    setMemberStatus(db, member, 'stopped');
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', error: 'recipient_stopped' });
    expect(s.calls).toEqual([]);
  });

  it('does not send an alert copy to a member waiting for a moderator (pending), and still sends her the reply queued to her', async () => {
    const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, T0);
    while (!planNextRange(db, alert, T0).done);
    // Planned while she was admitted; she stopped and asked to come back (SUBSCRIBE_MODE=approval).
    setMemberStatus(db, member, 'pending');
    const reply = enqueueMessage(db, vault, member, 'Your request is waiting for a moderator.', T0);
    const s = new FakeSender();
    startLane(s);
    await settle();
    const copy = db.sqlite.prepare('SELECT state, error FROM outbox WHERE alert_id = ?').get(alert);
    expect(copy).toEqual({ state: 'failed', error: 'recipient_pending' });
    expect(row(reply).state).toBe('sent');
    expect(s.calls.map((c) => c.body)).toEqual(['Your request is waiting for a moderator.']);
  });

  it('does not send to a member whose number the provider called invalid', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    setMemberStatus(db, member, 'invalid');
    const s = new FakeSender();
    startLane(s);
    await settle();
    expect(row(id)).toMatchObject({ state: 'failed', error: 'recipient_invalid' });
    expect(s.calls).toEqual([]);
  });

  it('pauses the whole lane for the wait a 429 names: no send until it is over, and that row not sooner', async () => {
    const first = enqueueMessage(db, vault, member, 'first', T0);
    const s = new FakeSender([new SendError('throttled', '429', 90_000)]);
    const l = startLane(s);
    await settle();
    expect(row(first)).toMatchObject({ state: 'pending', error: 'throttled:429' });
    expect(row(first).due_at).toBeGreaterThanOrEqual(T0 + 90_000);
    expect(l.pacer.paused).toBe(true);
    const second = enqueueMessage(db, vault, member, 'second', clock.t);
    await later(89_999, l);
    expect(s.calls.map((c) => c.body)).toEqual(['first']);
    await later(1, l);
    expect(s.calls.map((c) => c.body).sort()).toEqual(['first', 'first', 'second']);
    expect([row(first).state, row(second).state]).toEqual(['sent', 'sent']);
  });

  it('ends a 429 pause at once when resumed, and sends what waited', async () => {
    enqueueMessage(db, vault, member, 'first', T0);
    const s = new FakeSender([new SendError('throttled', '429', HOUR)]);
    const l = startLane(s);
    await settle();
    const second = enqueueMessage(db, vault, member, 'second', T0);
    l.wake();
    await settle();
    expect(s.calls).toHaveLength(1);
    l.resume();
    await settle();
    expect(l.pacer.paused).toBe(false);
    // What the 429 put back goes again now, in its place in line, not at the pause's old end.
    expect(s.calls.map((c) => c.body)).toEqual(['first', 'first', 'second']);
    expect(row(second).state).toBe('sent');
  });

  it("holds the whole lane when the provider refuses the line's own sender: the messages wait with their tries, one message probes, all go once it is fixed", async () => {
    const ids = ['first', 'second', 'third'].map((text) => enqueueMessage(db, vault, member, text, T0));
    const line = () => new SendError('line', '21212');
    const outcomes: string[] = [];
    const observer = { outcome: (_c: string, kind: string, reason?: string) => void outcomes.push(`${kind}:${reason ?? ''}`) };
    // The three sends in flight are refused, then the first probe; the second probe goes through.
    const s = new FakeSender([line(), line(), line(), line()]);
    const l = startLane(s, { lineBackoff: { baseMs: 60_000, maxMs: 120_000 } }, { observer });
    await settle();
    expect(s.calls.length).toBeGreaterThanOrEqual(3);
    // Nothing failed, no try used up, the member untouched: the fault is the line's.
    expect(ids.map(row)).toEqual(ids.map(() => expect.objectContaining({ state: 'pending', attempts: 0, error: 'line:21212' })));
    expect(memberStatus()).toBe('active');
    expect(listAreas(db, member)).toEqual(['415']);
    expect(outcomes).toEqual(['held:line:21212', 'held:line:21212', 'held:line:21212']);
    // Not before the hold is over (at least half its first wait), whatever is queued meanwhile.
    const fourth = enqueueMessage(db, vault, member, 'fourth', clock.t);
    await later(29_999, l);
    expect(s.calls.length).toBeGreaterThanOrEqual(3);
    // Then a single message tries: refused again, the hold grows.
    await later(30_001, l);
    expect(s.calls).toHaveLength(4);
    await later(59_999, l);
    expect(s.calls).toHaveLength(4);
    // Fixed: the probe goes through, and everything that waited follows.
    await later(60_001, l);
    await settle();
    expect(s.calls).toHaveLength(8);
    expect([...ids, fourth].map(row)).toEqual([...ids, fourth].map(() => expect.objectContaining({ state: 'sent', attempts: 1 })));
    // The operator is told once when the hold begins (and again when it ends), with the code and never a number.
    const held = logged('held until the operator fixes it');
    expect(held).toHaveLength(1);
    expect(JSON.parse(held[0]!)).toMatchObject({ level: 50, channel: 'sms', reason: 'line:21212' });
    expect(logged('sending resumes')).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('5550100');
  });

  it('raises a fault that comes and goes (a Messaging Service not taking messages, 21702) as an error once an hour: holds again within it are warnings', async () => {
    const s = new FakeSender();
    const l = startLane(s, { lineBackoff: { baseMs: 1_000, maxMs: 1_000 } });
    const holdThenFix = async (text: string) => {
      s.script.push(new SendError('line', '21702'));
      const id = enqueueMessage(db, vault, member, text, clock.t);
      l.wake();
      await settle();
      expect(row(id)).toMatchObject({ state: 'pending', error: 'line:21702' });
      await later(1_000, l);
      expect(row(id).state).toBe('sent');
    };
    await holdThenFix('first');
    await later(10 * 60_000, l);
    await holdThenFix('second');
    await later(HOUR, l);
    await holdThenFix('third');
    const held = logged('held until the operator fixes it').map((line) => (JSON.parse(line) as { level: number }).level);
    expect(held).toEqual([50, 40, 50]);
    expect(logged('sending resumes')).toHaveLength(3);
  });

  it("holds a refused token like a refused sender, and a message past its tries' count is not failed by the hold", async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender(Array.from({ length: 6 }, () => new SendError('line', '20003')));
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 2 }, lineBackoff: { baseMs: 1_000, maxMs: 1_000 } });
    await settle();
    for (let i = 0; i < 5; i++) await later(1_000, l);
    expect(s.calls).toHaveLength(6);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 0, error: 'line:20003' });
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('retries a 429 that names no wait after the throttle backoff, without pausing the lane', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender([new SendError('throttled', '20429')]);
    const l = startLane(s, { throttleBackoff: { baseMs: 40_000, maxMs: 40_000 } });
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', error: 'throttled:20429' });
    expect(row(id).due_at).toBeGreaterThanOrEqual(T0 + 20_000);
    expect(row(id).due_at).toBeLessThanOrEqual(T0 + 40_000);
    expect(l.pacer.paused).toBe(false);
    const other = enqueueMessage(db, vault, member, 'meanwhile', T0);
    l.wake();
    await settle();
    expect(row(other).state).toBe('sent');
  });

  it('keeps retrying a message the provider throttles past the count of tries (a 429 is "later", never "no"), then sends it', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender(Array.from({ length: 5 }, () => new SendError('throttled', '21611')));
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 }, throttleBackoff: { baseMs: 1_000, maxMs: 1_000 } });
    await settle();
    for (let i = 0; i < 4; i++) await later(1_000, l);
    expect(s.calls).toHaveLength(5);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 5, error: 'throttled:21611' });
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 6 });
  });

  it('leaves a message throttled past its count of tries the whole count, and backoff, for real failures', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const throttled = Array.from({ length: 4 }, () => new SendError('throttled', '20429'));
    const server = Array.from({ length: 3 }, () => new SendError('server', '500'));
    const s = new FakeSender([...throttled, ...server]);
    // maxAgeMs 1: only the count of tries bounds the real failures here.
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 8_000, maxAttempts: 3 }, throttleBackoff: { baseMs: 1_000, maxMs: 1_000 }, maxAgeMs: 1 });
    await settle();
    for (let i = 0; i < 3; i++) await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 4, error: 'throttled:20429' });
    // The first server error: retried after the first wait of the backoff (not its fifth, 8 s).
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 5, error: 'server:500' });
    expect(row(id).due_at).toBeLessThanOrEqual(clock.t + 1_000);
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 6, error: 'server:500' });
    // The third real failure is the last of maxAttempts.
    await later(2_000, l);
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 7, error: 'gave_up:server:500' });
    expect(s.calls).toHaveLength(7);
  });

  it('halves its rate when 429s persist, and not for other failures', async () => {
    const throttled = () => new SendError('throttled', '20429');
    const server = () => new SendError('server', '500');
    const rateAfter = async (answer: () => SendError): Promise<number> => {
      const l = startLane(new FakeSender([answer(), answer(), answer(), answer()]), { sendRate: 10, backoff: { ...DEFAULT_DISPATCHER.backoff, baseMs: 100, maxMs: 100 } });
      for (let i = 0; i < 4; i++) enqueueMessage(db, vault, member, `m${i}`, clock.t);
      l.wake();
      await settle();
      // The next second's first answer closes the window that held the failures.
      await later(1_000, l);
      const rate = l.pacer.currentRate;
      sender?.release();
      await l.stop();
      return rate;
    };
    expect(await rateAfter(server)).toBe(10);
    expect(await rateAfter(throttled)).toBe(5);
  });

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
      const failures = logged('outbox lane failed; trying again');
      expect(failures).toHaveLength(1);
      expect(JSON.parse(failures[0]!)).toMatchObject({ channel: 'sms', err: expect.objectContaining({ code: 'SQLITE_BUSY' }) });
    } finally {
      other.exec('COMMIT');
      other.close();
    }
    l.wake();
    await settle();
    expect(row(id).state).toBe('sent');
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

  // A slow, paused or misconfigured provider, and stale rows before fresh ones.
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

  it('sends what a 429 put back as soon as the pause is lifted (a Signal captcha solved), before bulk alerts', async () => {
    const urgent = enqueueMessage(db, vault, member, 'your buddy missed a check-in', T0);
    // Signal's pause after a few 429 windows in a row: 15 minutes (DEFAULT_THROTTLE's cap).
    const s = new FakeSender([new SendError('throttled', '429', 15 * 60_000)]);
    const l = startLane(s);
    await settle();
    expect(row(urgent)).toMatchObject({ state: 'pending', error: 'throttled:429' });
    const bulk = enqueueMessage(db, vault, member, 'bulk alert', clock.t, { priority: PRIORITY.bulk });
    // The operator solves the captcha a minute later: the lane resumes.
    clock.t += 60_000;
    l.resume();
    await settle();
    expect(row(bulk).state).toBe('sent');
    // The urgent message went with it, not 14 minutes later.
    expect(row(urgent).state).toBe('sent');
  });

  it("holds Signal's messages, tries kept, while the bot's own account is not registered: the line's fault, not theirs", async () => {
    const id = enqueueMessage(db, vault, member, 'an alert', T0, { priority: PRIORITY.bulk });
    const s = new FakeSender(Array.from({ length: 20 }, () => classifySignalError(400, 'User +15005550199 is not registered.')));
    const l = startLane(s);
    await settle();
    let failedAt = 0;
    for (let i = 0; i < 24 * 60 && !failedAt; i++) {
      clock.t += 60_000;
      l.wake();
      await settle();
      if (row(id).state === 'failed') failedAt = clock.t;
    }
    // Twenty refusals (it was given up after 12, within the hour), then the account is registered again: it goes.
    expect(failedAt).toBe(0);
    expect(row(id).state).toBe('sent');
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
