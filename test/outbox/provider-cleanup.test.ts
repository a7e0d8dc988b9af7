/**
 * The provider clean-up worker over a real SQLite file and real crypto, with
 * a scripted cleaner in place of the Twilio adapter and Jest's fake timers
 * as the worker's clock and sleeps: each test lets the worker run one pass
 * (every step it can take without time passing), then moves time on to the
 * next due time and looks again. What was cleaned and when, what is still
 * owed (with its tries and due time), the pace, retries with backoff, giving
 * up, a message already gone, stops and restarts; the ids are never stored
 * or logged in the clear.
 *
 * No test waits for the worker in real time, and stop() is only awaited once
 * the pass it ends has been checked: a worker that never gets anywhere fails
 * an assertion at once instead of hanging.
 */
import path from 'node:path';
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_CLEANUP, ProviderCleanup, type CleanupOptions, type ProviderCleaner } from '../../src/outbox/provider-cleanup';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { claimProviderTasks, countProviderTasks, enqueueProviderTask } from '../../src/store/provider-tasks';
import { cryptoReady, Vault, type Slot } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const sid = (n: number) => `SM${n.toString(16).padStart(32, '0')}`;

/** Answers each call by the next entry of its script (an error to throw, or undefined: done); `hold` keeps the next call in flight. */
class ScriptedCleaner implements ProviderCleaner {
  readonly calls: Array<[string, string]> = [];
  private held: (() => void) | null = null;
  private holdNext = false;
  constructor(readonly script: Array<Error | undefined> = []) {}
  async redact(s: string): Promise<void> {
    this.calls.push(['redact', s]);
    return this.answer();
  }
  async remove(s: string): Promise<void> {
    this.calls.push(['delete', s]);
    return this.answer();
  }
  isGone(err: SendError): boolean {
    return err.code === '20404';
  }
  /** The next call stays in flight until release(). */
  hold(): void {
    this.holdNext = true;
  }
  release(): void {
    this.held?.();
    this.held = null;
  }
  private async answer(): Promise<void> {
    if (this.holdNext) {
      this.holdNext = false;
      await new Promise<void>((resolve) => (this.held = resolve));
    }
    const e = this.script.shift();
    if (e) throw e;
  }
}

/** A vault whose next seals fail (a full disk, a crypto fault), while it opens as usual. */
class FlakyVault extends Vault {
  failSeals = 0;
  override seal(plaintext: string, slot: Slot): Buffer {
    if (this.failSeals > 0) {
      this.failSeals--;
      throw new Error('seal failed for +14155550100');
    }
    return super.seal(plaintext, slot);
  }
}

/** Lets every step the worker can take without time passing run (promise callbacks all run before an immediate). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Moves the fake clock on by `ms`, running the timers that fall due on the way. */
async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  await settle();
}

describe('provider clean-up', () => {
  let db: Db;
  let vault: FlakyVault;
  let logs: string[];

  beforeAll(async () => {
    await cryptoReady();
  });
  beforeEach(() => {
    vault = new FlakyVault(new Uint8Array(32).fill(5));
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    logs = [];
    // Timers and Date are fake; immediates stay real, so settle() can let promise callbacks run.
    jest.useFakeTimers({ now: T0, doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
  });
  afterEach(() => {
    // A worker a test left running sleeps on a fake timer that never fires: it just stays asleep.
    jest.useRealTimers();
    db.close();
  });

  /** 1,000 calls a second unless a test says otherwise: a batch goes through in one pass. */
  function worker(cleaner: ScriptedCleaner, opts: Partial<CleanupOptions> = {}): ProviderCleanup {
    const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
    return new ProviderCleanup(db, vault, cleaner, log, { ...DEFAULT_CLEANUP, rate: 1_000, ...opts }, () => Date.now());
  }
  function start(cleaner: ScriptedCleaner, opts: Partial<CleanupOptions> = {}): ProviderCleanup {
    const w = worker(cleaner, opts);
    w.start();
    return w;
  }
  /** Stops `w`, which must be done once the call in flight (if any) has answered: no time passes. */
  async function stopNow(w: ProviderCleanup): Promise<void> {
    let stopped = false;
    void w.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(true);
  }

  /** The log lines with message `msg`, parsed. */
  const logged = (msg: string) => logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);
  const RETRY = 'provider cleanup failed; will retry';
  const GAVE_UP = 'provider cleanup gave up; the provider keeps these messages';

  /** The one task's row as stored: tries, due time, lease. */
  const task = () => db.sqlite.prepare('SELECT attempts, due_at, lease_until FROM provider_tasks').get() as { attempts: number; due_at: number; lease_until: number } | undefined;
  /** The ids each task still owes (claiming them: call last). */
  const owed = () => claimProviderTasks(db, vault, Number.MAX_SAFE_INTEGER, 10, 0).map((t) => t.sids);
  /** Whether `s` appears in the clear anywhere in the task table or the log. */
  function inClear(s: string): boolean {
    const rows = db.sqlite.prepare('SELECT * FROM provider_tasks').all() as Array<Record<string, unknown>>;
    const stored = rows.some((r) => Object.values(r).some((v) => (Buffer.isBuffer(v) ? v.includes(Buffer.from(s)) : String(v).includes(s))));
    return stored || logs.some((l) => l.includes(s));
  }

  describe('redactions', () => {
    it('queues a sealed task with the final status, and redacts as soon as it commits, without waiting for the poll', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner, { pollMs: 60_000 });
      await settle();
      db.transaction(() => {
        w.redact(sid(1));
        expect(countProviderTasks(db)).toBe(1);
        expect(inClear(sid(1))).toBe(false);
        expect(cleaner.calls).toEqual([]);
      });
      await settle();
      expect(cleaner.calls).toEqual([['redact', sid(1)]]);
      expect(countProviderTasks(db)).toBe(0);
      // A start with nothing left over says nothing about leases.
      expect(logs.filter((l) => l.includes('due again'))).toEqual([]);
      await stopNow(w);
    });

    it('queues one redaction per message however often its final status comes (a replay: the signature has no nonce), and keeps the id only as an index', () => {
      const w = worker(new ScriptedCleaner());
      for (let i = 0; i < 3; i++) db.transaction(() => w.redact(sid(4)));
      expect(countProviderTasks(db)).toBe(1);
      db.transaction(() => w.redact(sid(5)));
      expect(owed()).toEqual([[sid(4)], [sid(5)]]);
      // Neither the id, nor its digits without "SM" (two bytes alone would turn up in ciphertext by chance).
      expect(inClear(sid(4)) || inClear(sid(4).slice(2))).toBe(false);
      const seen = db.sqlite.prepare('SELECT provider_bidx FROM inbound_seen').all() as Array<{ provider_bidx: Buffer }>;
      expect(seen.some((r) => r.provider_bidx.includes(Buffer.from(sid(4))))).toBe(false);
    });

    it('queues nothing for anything that is not a message id', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner);
      db.transaction(() => {
        w.redact('not-a-sid');
        w.redact(`../${sid(2)}`);
      });
      await settle();
      expect(countProviderTasks(db)).toBe(0);
      expect(cleaner.calls).toEqual([]);
      await stopNow(w);
    });

    it('finishes at once a message the provider no longer has', async () => {
      const cleaner = new ScriptedCleaner([new SendError('rejected', '20404')]);
      const w = start(cleaner);
      w.redact(sid(3));
      await settle();
      expect(cleaner.calls).toEqual([['redact', sid(3)]]);
      expect(countProviderTasks(db)).toBe(0);
      expect(logged(RETRY)).toEqual([]);
      await stopNow(w);
    });
  });

  describe('deletions of handled inbound messages', () => {
    it('writes the ids of a moment as one sealed task after inboundBatchMs, and deletes them once the delay has passed', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner, { rate: 1, pollMs: 5_000, inboundBatchMs: 200, inboundDelayMs: 7_000 });
      w.deleteInbound(sid(2));
      w.deleteInbound(sid(3));
      await advance(199);
      expect(countProviderTasks(db)).toBe(0);
      await advance(1);
      expect(countProviderTasks(db)).toBe(1);
      expect(task()).toEqual({ attempts: 0, due_at: T0 + 7_200, lease_until: 0 });
      expect(inClear(sid(2)) || inClear(sid(3))).toBe(false);
      // The worker looks every pollMs (at T0 + 5 s it sees the task), then sleeps exactly until the task is due.
      await advance(6_999);
      expect(cleaner.calls).toEqual([]);
      await advance(1);
      expect(cleaner.calls).toEqual([['delete', sid(2)]]);
      // One call a second.
      await advance(999);
      expect(cleaner.calls).toEqual([['delete', sid(2)]]);
      await advance(1);
      expect(cleaner.calls).toEqual([['delete', sid(2)], ['delete', sid(3)]]);
      expect(countProviderTasks(db)).toBe(0);
      await stopNow(w);
    });

    it('deletes them once the delay has passed even when the delay is shorter than pollMs', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner, { rate: 1, pollMs: 5_000, inboundBatchMs: 200, inboundDelayMs: 1_000 });
      await settle();
      w.deleteInbound(sid(8));
      await advance(1_199);
      expect(cleaner.calls).toEqual([]);
      await advance(1);
      expect(cleaner.calls).toEqual([['delete', sid(8)]]);
      expect(countProviderTasks(db)).toBe(0);
      await stopNow(w);
    });

    it('writes 1,024 waiting ids at once as one task, and the next ones after inboundBatchMs', async () => {
      const w = worker(new ScriptedCleaner(), { inboundBatchMs: 200 });
      const ids = Array.from({ length: 2_047 }, (_, i) => sid(10_000 + i));
      for (const id of ids.slice(0, 1_023)) w.deleteInbound(id);
      expect(countProviderTasks(db)).toBe(0);
      w.deleteInbound(ids[1_023]!);
      expect(countProviderTasks(db)).toBe(1);
      for (const id of ids.slice(1_024)) w.deleteInbound(id);
      expect(countProviderTasks(db)).toBe(1);
      await advance(200);
      expect(countProviderTasks(db)).toBe(2);
      expect(owed()).toEqual([ids.slice(0, 1_024), ids.slice(1_024)]);
    });

    it('writes the waiting ids on stop', async () => {
      const w = start(new ScriptedCleaner(), { inboundDelayMs: 10_000 });
      w.deleteInbound(sid(4));
      await stopNow(w);
      expect(task()).toEqual({ attempts: 0, due_at: T0 + 10_000, lease_until: 0 });
      expect(owed()).toEqual([[sid(4)]]);
    });

    it('logs, without the ids, a batch it could not write, and writes the next one', async () => {
      const w = worker(new ScriptedCleaner(), { inboundBatchMs: 200 });
      w.deleteInbound(sid(5));
      w.deleteInbound(sid(6));
      vault.failSeals = 1;
      await advance(200);
      expect(countProviderTasks(db)).toBe(0);
      expect(logged('could not queue the deletion of handled messages at Twilio')).toEqual([
        expect.objectContaining({ level: 50, messages: 2, err: expect.objectContaining({ type: 'Error' }) }),
      ]);
      expect(logs.some((l) => l.includes('+14155550100'))).toBe(false);
      w.deleteInbound(sid(7));
      await stopNow(w);
      expect(owed()).toEqual([[sid(7)]]);
      expect(inClear(sid(5)) || inClear(sid(6))).toBe(false);
    });
  });

  describe('pace', () => {
    it('makes at most `rate` calls a second', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner, { rate: 2 });
      enqueueProviderTask(db, vault, 'delete', [1, 2, 3, 4, 5].map(sid), T0);
      w.wake();
      await settle();
      expect(cleaner.calls).toHaveLength(2);
      await advance(999);
      expect(cleaner.calls).toHaveLength(2);
      await advance(1);
      expect(cleaner.calls).toHaveLength(4);
      await advance(1_000);
      expect(cleaner.calls.map(([, s]) => s)).toEqual([1, 2, 3, 4, 5].map(sid));
      expect(countProviderTasks(db)).toBe(0);
      await stopNow(w);
    });

    // At 4 a second, a second of 429s halves the pace; answers and other failures leave it.
    it.each([
      ['answered', undefined, 8],
      ['refused by a server error', new SendError('server', '500'), 8],
      ['throttled (429)', new SendError('throttled', '429'), 6],
    ])('slows down only when calls are throttled: calls %s', async (_what, failure, inTwoSeconds) => {
      const cleaner = new ScriptedCleaner(Array.from({ length: 8 }, () => failure));
      const w = start(cleaner, { rate: 4, backoff: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 5 } });
      enqueueProviderTask(db, vault, 'delete', [1, 2, 3, 4, 5, 6, 7, 8].map(sid), T0);
      w.wake();
      await settle();
      expect(cleaner.calls).toHaveLength(4);
      await advance(1_000);
      expect(cleaner.calls).toHaveLength(inTwoSeconds);
    });
  });

  describe('failures', () => {
    it('retries a failure later, by the backoff or the wait the provider named, whichever is longer', async () => {
      const cleaner = new ScriptedCleaner([new SendError('server', '500'), new SendError('throttled', '429', 7_200_000)]);
      const w = start(cleaner, { backoff: { baseMs: 60_000, maxMs: 600_000, maxAttempts: 5 } });
      w.redact(sid(5));
      await settle();
      expect(cleaner.calls).toEqual([['redact', sid(5)]]);
      const first = task()!;
      expect(first).toEqual({ attempts: 1, due_at: expect.any(Number), lease_until: 0 });
      expect(first.due_at).toBeGreaterThanOrEqual(T0 + 30_000);
      expect(first.due_at).toBeLessThanOrEqual(T0 + 60_000);
      await advance(first.due_at - T0 - 1);
      expect(cleaner.calls).toHaveLength(1);
      await advance(1);
      expect(cleaner.calls).toHaveLength(2);
      expect(task()).toEqual({ attempts: 2, due_at: first.due_at + 7_200_000, lease_until: 0 });
      expect(logged(RETRY).map((l) => [l.reason, l.attempts, l.failed])).toEqual([
        ['server:500', 1, 1],
        ['throttled:429', 2, 1],
      ]);
      // A provider's refusal is expected: nothing is called unexpected.
      expect(logged('unexpected provider cleanup failure')).toEqual([]);
      expect(inClear(sid(5))).toBe(false);
      expect(owed()).toEqual([[sid(5)]]);
    });

    it('gives up after maxAttempts tries, and the provider keeps the message', async () => {
      const cleaner = new ScriptedCleaner([new SendError('server', '500'), new SendError('server', '503')]);
      const w = start(cleaner, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 2 } });
      w.redact(sid(6));
      await settle();
      expect(task()).toMatchObject({ attempts: 1, lease_until: 0 });
      await advance(1_000);
      expect(cleaner.calls).toEqual([['redact', sid(6)], ['redact', sid(6)]]);
      expect(countProviderTasks(db)).toBe(0);
      expect(logged(GAVE_UP)).toEqual([expect.objectContaining({ level: 40, kind: 'redact', reason: 'server:503', attempts: 2, failed: 1 })]);
      expect(logged(RETRY)).toHaveLength(1);
      await advance(60_000);
      expect(cleaner.calls).toHaveLength(2);
    });

    it('finishes quietly a task whose last try succeeds', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 } });
      enqueueProviderTask(db, vault, 'redact', [sid(7)], T0, 2);
      w.wake();
      await settle();
      expect(cleaner.calls).toEqual([['redact', sid(7)]]);
      expect(countProviderTasks(db)).toBe(0);
      expect(logs.filter((l) => l.includes('gave up') || l.includes('will retry'))).toEqual([]);
    });

    it('treats an unexpected error as a server error to retry, and logs it without its message', async () => {
      const cleaner = new ScriptedCleaner([new Error('a bug about +14155550100')]);
      const w = start(cleaner, { backoff: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 5 } });
      const id = enqueueProviderTask(db, vault, 'redact', [sid(8)], T0);
      w.wake();
      await settle();
      expect(logged('unexpected provider cleanup failure')).toEqual([expect.objectContaining({ level: 50, task: id, err: expect.objectContaining({ type: 'Error' }) })]);
      expect(logged(RETRY).map((l) => l.reason)).toEqual(['server:internal']);
      expect(task()).toMatchObject({ attempts: 1, lease_until: 0 });
      expect(logs.some((l) => l.includes('+14155550100'))).toBe(false);
    });

    it('names a failure that has no provider code by its kind alone', async () => {
      const cleaner = new ScriptedCleaner([new SendError('connection')]);
      const w = start(cleaner);
      w.redact(sid(9));
      await settle();
      expect(logged(RETRY).map((l) => l.reason)).toEqual(['connection']);
    });

    it('goes through a batch past a failure, and keeps only the failed ids, sealed, for the next try', async () => {
      const cleaner = new ScriptedCleaner([new SendError('rejected', '20404'), new SendError('server', '500')]);
      const w = start(cleaner, { backoff: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 5 } });
      enqueueProviderTask(db, vault, 'delete', [sid(10), sid(11), sid(12)], T0);
      w.wake();
      await settle();
      expect(cleaner.calls).toEqual([['delete', sid(10)], ['delete', sid(11)], ['delete', sid(12)]]);
      expect(task()).toMatchObject({ attempts: 1, lease_until: 0 });
      expect(task()!.due_at).toBeGreaterThanOrEqual(T0 + 30_000);
      expect(task()!.due_at).toBeLessThanOrEqual(T0 + 60_000);
      expect(inClear(sid(11))).toBe(false);
      expect(owed()).toEqual([[sid(11)]]);
    });

    it('logs a pass whose outcome could not be written, and tries the task again once its lease ends', async () => {
      const cleaner = new ScriptedCleaner([new SendError('server', '500')]);
      const w = start(cleaner, { pollMs: 5_000, leaseMs: 120_000, backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 5 } });
      enqueueProviderTask(db, vault, 'redact', [sid(12)], T0);
      vault.failSeals = 1;
      w.wake();
      await settle();
      expect(cleaner.calls).toHaveLength(1);
      expect(logged('provider cleanup failed; trying again')).toEqual([expect.objectContaining({ level: 50, err: expect.objectContaining({ type: 'Error' }) })]);
      expect(logs.some((l) => l.includes('+14155550100'))).toBe(false);
      // Still held by the claim's lease: not called again before it ends.
      expect(task()).toEqual({ attempts: 1, due_at: T0 + 120_000, lease_until: T0 + 120_000 });
      await advance(5_000);
      expect(cleaner.calls).toHaveLength(1);
      await advance(115_000);
      expect(cleaner.calls).toEqual([['redact', sid(12)], ['redact', sid(12)]]);
      expect(countProviderTasks(db)).toBe(0);
    });
  });

  describe('stops and starts', () => {
    it('stops after the call in flight, and keeps what it left untried due at once, without using up a try', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner);
      enqueueProviderTask(db, vault, 'delete', [sid(13), sid(14), sid(15)], T0);
      cleaner.hold();
      w.wake();
      await settle();
      expect(cleaner.calls).toEqual([['delete', sid(13)]]);
      let stopped = false;
      void w.stop().then(() => (stopped = true));
      await settle();
      expect(stopped).toBe(false);
      cleaner.release();
      await settle();
      expect(stopped).toBe(true);
      expect(cleaner.calls).toEqual([['delete', sid(13)]]);
      expect(task()).toEqual({ attempts: 0, due_at: T0, lease_until: 0 });
      expect(inClear(sid(14))).toBe(false);
      expect(owed()).toEqual([[sid(14), sid(15)]]);
    });

    it('stops while waiting for the pace, keeping the failed ids due by the backoff and the untried with them', async () => {
      const cleaner = new ScriptedCleaner([new SendError('server', '500')]);
      const w = start(cleaner, { rate: 1, backoff: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 5 } });
      enqueueProviderTask(db, vault, 'delete', [sid(16), sid(17)], T0);
      w.wake();
      await settle();
      expect(cleaner.calls).toEqual([['delete', sid(16)]]);
      await stopNow(w);
      expect(task()).toMatchObject({ attempts: 1, lease_until: 0 });
      expect(task()!.due_at).toBeGreaterThanOrEqual(T0 + 30_000);
      expect(owed()).toEqual([[sid(16), sid(17)]]);
    });

    it('gives up on the ids that failed their last try, and keeps the untried ones', async () => {
      const cleaner = new ScriptedCleaner([new SendError('server', '500')]);
      const w = start(cleaner, { rate: 1, backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 } });
      enqueueProviderTask(db, vault, 'delete', [sid(18), sid(19)], T0, 2);
      w.wake();
      await settle();
      expect(cleaner.calls).toEqual([['delete', sid(18)]]);
      await stopNow(w);
      expect(logged(GAVE_UP)).toEqual([expect.objectContaining({ failed: 1, attempts: 3 })]);
      expect(task()).toEqual({ attempts: 2, due_at: T0, lease_until: 0 });
      expect(owed()).toEqual([[sid(19)]]);
    });

    it('makes tasks claimed before a stop due again at the next start, and says so', async () => {
      enqueueProviderTask(db, vault, 'redact', [sid(20)], T0);
      claimProviderTasks(db, vault, T0, 1, T0 + 3_600_000);
      jest.setSystemTime(T0 + 5);
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner);
      await settle();
      expect(cleaner.calls).toEqual([['redact', sid(20)]]);
      expect(countProviderTasks(db)).toBe(0);
      expect(logged('provider tasks claimed before the last stop are due again')).toEqual([expect.objectContaining({ level: 40, released: 1 })]);
      await stopNow(w);
    });

    it('ignores a second start while running: a call in flight is not made again', async () => {
      const cleaner = new ScriptedCleaner();
      const w = start(cleaner);
      enqueueProviderTask(db, vault, 'redact', [sid(21)], T0);
      cleaner.hold();
      w.wake();
      await settle();
      expect(cleaner.calls).toHaveLength(1);
      w.start();
      await settle();
      cleaner.release();
      await settle();
      expect(cleaner.calls).toEqual([['redact', sid(21)]]);
      expect(countProviderTasks(db)).toBe(0);
      await stopNow(w);
    });
  });
});
