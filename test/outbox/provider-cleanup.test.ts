/**
 * The provider clean-up worker over a real SQLite file and real crypto, with
 * a scripted cleaner in place of the Twilio adapter and a clock the test
 * moves: what is cleaned and when, retries with backoff, giving up, a
 * message already gone, and leases left by a stop.
 */
import path from 'node:path';
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_CLEANUP, ProviderCleanup, type CleanupOptions, type ProviderCleaner } from '../../src/outbox/provider-cleanup';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { claimProviderTasks, countProviderTasks, enqueueProviderTask } from '../../src/store/provider-tasks';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const T0 = 1_800_000_000_000;
const sid = (n: number) => `SM${n.toString(16).padStart(32, '0')}`;

class ScriptedCleaner implements ProviderCleaner {
  readonly calls: Array<[string, string]> = [];
  constructor(readonly script: Error[] = []) {}
  async redact(s: string): Promise<void> {
    this.calls.push(['redact', s]);
    const e = this.script.shift();
    if (e) throw e;
  }
  async remove(s: string): Promise<void> {
    this.calls.push(['delete', s]);
    const e = this.script.shift();
    if (e) throw e;
  }
  isGone(err: SendError): boolean {
    return err.code === '20404';
  }
}

describe('provider clean-up', () => {
  let db: Db;
  let vault: Vault;
  let clock: { t: number };
  let worker: ProviderCleanup | null = null;
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
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    db.close();
  });

  function start(cleaner: ScriptedCleaner, opts: Partial<CleanupOptions> = {}): ProviderCleanup {
    worker = new ProviderCleanup(db, vault, cleaner, createLogger('debug', { write: (l: string) => void logs.push(l) }), { ...DEFAULT_CLEANUP, rate: 1_000, pollMs: 5, ...opts }, () => clock.t);
    worker.start();
    return worker;
  }
  const task = () => db.sqlite.prepare('SELECT attempts, due_at, lease_until FROM provider_tasks').get() as { attempts: number; due_at: number; lease_until: number } | undefined;

  it('redacts a finished message once its status commits, and forgets the task', async () => {
    const cleaner = new ScriptedCleaner();
    const w = start(cleaner);
    db.transaction(() => w.redact(sid(1)));
    await waitFor(() => countProviderTasks(db) === 0 && cleaner.calls.length === 1, 5_000, 'redacted');
    expect(cleaner.calls).toEqual([['redact', sid(1)]]);
  });

  it('ignores anything that is not a message id', () => {
    const w = start(new ScriptedCleaner());
    db.transaction(() => w.redact('not-a-sid'));
    expect(countProviderTasks(db)).toBe(0);
  });

  it('deletes handled inbound messages only after the delay, queued as one task', async () => {
    const cleaner = new ScriptedCleaner();
    const w = start(cleaner, { inboundDelayMs: 10_000 });
    w.deleteInbound(sid(2));
    w.deleteInbound(sid(3));
    await waitFor(() => countProviderTasks(db) === 1, 5_000, 'queued');
    expect(task()?.due_at).toBe(T0 + 10_000);
    expect(cleaner.calls).toEqual([]);
    clock.t += 10_000;
    w.wake();
    await waitFor(() => countProviderTasks(db) === 0, 5_000, 'deleted');
    expect(cleaner.calls).toEqual([['delete', sid(2)], ['delete', sid(3)]]);
  });

  it('writes queued deletions on stop', async () => {
    const w = start(new ScriptedCleaner(), { inboundDelayMs: 10_000 });
    w.deleteInbound(sid(4));
    await w.stop();
    worker = null;
    expect(countProviderTasks(db)).toBe(1);
  });

  it('retries a failure later, by the backoff or the wait the provider named, whichever is longer', async () => {
    const cleaner = new ScriptedCleaner([new SendError('server', '500'), new SendError('throttled', '429', 7_200_000)]);
    const w = start(cleaner, { backoff: { baseMs: 60_000, maxMs: 600_000, maxAttempts: 5 } });
    db.transaction(() => w.redact(sid(5)));
    await waitFor(() => task()?.attempts === 1 && task()!.lease_until === 0, 5_000, 'first failure');
    expect(task()!.due_at).toBeGreaterThanOrEqual(T0 + 30_000);
    expect(task()!.due_at).toBeLessThanOrEqual(T0 + 60_000);
    clock.t = task()!.due_at;
    w.wake();
    await waitFor(() => task()?.attempts === 2 && task()!.lease_until === 0, 5_000, 'second failure');
    expect(task()!.due_at).toBe(clock.t + 7_200_000);
    expect(logs.filter((l) => l.includes('will retry'))).toHaveLength(2);
  });

  it('gives up after maxAttempts tries, and finishes at once a message the provider no longer has', async () => {
    const cleaner = new ScriptedCleaner([new SendError('server', '500'), new SendError('server', '500'), new SendError('rejected', '20404')]);
    const w = start(cleaner, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 2 } });
    db.transaction(() => w.redact(sid(6)));
    await waitFor(() => task()?.attempts === 1 && task()!.lease_until === 0, 5_000, 'first failure');
    clock.t += 60_000;
    w.wake();
    await waitFor(() => countProviderTasks(db) === 0, 5_000, 'given up');
    expect(cleaner.calls).toHaveLength(2);
    expect(logs.some((l) => l.includes('gave up'))).toBe(true);
    db.transaction(() => w.redact(sid(7)));
    await waitFor(() => countProviderTasks(db) === 0 && cleaner.calls.length === 3, 5_000, 'gone');
    expect(logs.filter((l) => l.includes('will retry'))).toHaveLength(1);
  });

  it('treats an unexpected error as a server error to retry, and logs it', async () => {
    const cleaner = new ScriptedCleaner([new Error('a bug')]);
    const w = start(cleaner);
    db.transaction(() => w.redact(sid(8)));
    await waitFor(() => task()?.attempts === 1 && task()!.lease_until === 0, 5_000, 'failure');
    expect(logs.some((l) => l.includes('unexpected provider cleanup failure'))).toBe(true);
    expect(logs.some((l) => l.includes('"reason":"server:internal"'))).toBe(true);
  });

  it('makes tasks claimed before a stop due again at the next start', async () => {
    enqueueProviderTask(db, vault, 'redact', [sid(9)], T0);
    claimProviderTasks(db, vault, T0, 1, T0 + 3_600_000);
    clock.t = T0 + 5;
    const cleaner = new ScriptedCleaner();
    start(cleaner);
    await waitFor(() => countProviderTasks(db) === 0, 5_000, 'cleaned after restart');
    expect(cleaner.calls).toEqual([['redact', sid(9)]]);
    expect(logs.some((l) => l.includes('"released":1'))).toBe(true);
  });

  const owed = () => claimProviderTasks(db, vault, Number.MAX_SAFE_INTEGER, 10, 0).map((t) => t.sids);

  it('goes through a batch past a failure, and keeps only the failed ids for the next try', async () => {
    const cleaner = new ScriptedCleaner([new SendError('rejected', '20404'), new SendError('server', '500')]);
    const w = start(cleaner, { backoff: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 5 } });
    enqueueProviderTask(db, vault, 'delete', [sid(10), sid(11), sid(12)], T0);
    w.wake();
    await waitFor(() => task()?.attempts === 1 && task()!.lease_until === 0, 5_000, 'batch tried');
    expect(cleaner.calls).toEqual([['delete', sid(10)], ['delete', sid(11)], ['delete', sid(12)]]);
    expect(task()!.due_at).toBeGreaterThanOrEqual(T0 + 30_000);
    expect(task()!.due_at).toBeLessThanOrEqual(T0 + 60_000);
    await w.stop();
    worker = null;
    expect(owed()).toEqual([[sid(11)]]);
  });

  /** Runs one task whose first call stops the worker (and fails, when `failure` is given); resolves once stopped. */
  async function stopDuringFirstCall(sids: string[], attempts: number, failure?: SendError, opts: Partial<CleanupOptions> = {}): Promise<ScriptedCleaner> {
    let stopping: Promise<void> | null = null;
    const cleaner = new ScriptedCleaner();
    cleaner.remove = async (s: string) => {
      cleaner.calls.push(['delete', s]);
      stopping ??= w.stop();
      if (failure) throw failure;
    };
    const w = start(cleaner, opts);
    enqueueProviderTask(db, vault, 'delete', sids, T0, attempts);
    w.wake();
    await waitFor(() => stopping !== null, 5_000, 'first call');
    await stopping;
    worker = null;
    return cleaner;
  }

  it('keeps what a stop left untried, due at once and without using up a try', async () => {
    const cleaner = await stopDuringFirstCall([sid(13), sid(14), sid(15)], 0);
    expect(cleaner.calls).toEqual([['delete', sid(13)]]);
    expect(task()).toEqual({ attempts: 0, due_at: T0, lease_until: 0 });
    expect(owed()).toEqual([[sid(14), sid(15)]]);
  });

  it('gives up on the ids that failed their last try, and keeps the untried ones', async () => {
    await stopDuringFirstCall([sid(16), sid(17)], 2, new SendError('server', '500'), { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 } });
    expect(logs.some((l) => l.includes('gave up') && l.includes('"failed":1'))).toBe(true);
    expect(task()).toEqual({ attempts: 2, due_at: T0, lease_until: 0 });
    expect(owed()).toEqual([[sid(17)]]);
  });
});
