/**
 * One lane over a real SQLite file and real crypto, with a scripted sender in
 * place of the provider's adapter and a clock the test moves: what each
 * answer does to the row and to the member, the last attempt, and a 429
 * that names a wait pausing the whole lane.
 */
import path from 'node:path';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { SendError, type ChannelSender } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, type DispatcherOptions } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { Db } from '../../src/store/db';
import { ensureMember, setMemberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { subscribe, listAreas } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const T0 = 1_800_000_000_000;
const NUMBER = '+14155550100';

type Answer = { providerId: string } | SendError | Error;

/** The adapter's side: answers each send as scripted (accepting when the script is empty). */
class ScriptedSender implements ChannelSender {
  readonly channel = 'sms' as const;
  readonly name = 'scripted';
  readonly calls: Array<{ to: string; body: string; ref?: number }> = [];
  constructor(readonly script: Answer[] = []) {}
  async send(to: string, body: string, opts?: { ref?: number }): Promise<{ providerId: string }> {
    this.calls.push({ to, body, ref: opts?.ref });
    const next = this.script.shift() ?? { providerId: `SM${this.calls.length}` };
    if (next instanceof Error) throw next;
    return next;
  }
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
  const logs: string[] = [];

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    clock = { t: T0 };
    member = ensureMember(db, vault, { channel: 'sms', address: NUMBER, phone: NUMBER }, 'en', T0).id;
    subscribe(db, member, ['415'], T0);
  });
  afterEach(async () => {
    await lane?.stop();
    lane = null;
    db.close();
  });

  function startLane(sender: ScriptedSender, opts: Partial<DispatcherOptions> = {}): Lane {
    const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
    const now = () => clock.t;
    lane = new Lane(sender, {
      db,
      vault,
      log,
      now,
      opts: { ...DEFAULT_DISPATCHER, pollMs: 5, ...opts },
      writer: new OutcomeWriter(db, log, now),
      renderer: new AlertRenderer(db, vault),
    });
    lane.start();
    return lane;
  }

  const row = (id: number) => db.sqlite.prepare('SELECT state, attempts, due_at, error, provider_id FROM outbox WHERE id = ?').get(id) as Row;
  const memberStatus = () => (db.sqlite.prepare('SELECT status FROM members WHERE id = ?').get(member) as { status: string }).status;
  /** Waits until the lane has recorded an outcome for the row (a failure, or a final state). */
  const settled = (id: number) => waitFor(() => row(id).error !== null || row(id).state !== 'pending', 5_000, `row ${id} settled`);

  it('sends a due row to the member, with its text and reference, and records the provider id', async () => {
    const id = enqueueMessage(db, vault, member, 'grey van on 5th', T0);
    const sender = new ScriptedSender([{ providerId: 'SMabc' }]);
    startLane(sender);
    await waitFor(() => row(id).state === 'sent', 5_000, 'sent');
    expect(sender.calls).toEqual([{ to: NUMBER, body: 'grey van on 5th', ref: id }]);
    expect(row(id)).toMatchObject({ state: 'sent', provider_id: 'SMabc', attempts: 1 });
  });

  it('retries a server error later, with backoff, and keeps the member', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const backoff = { baseMs: 10_000, maxMs: 60_000, maxAttempts: 3 };
    startLane(new ScriptedSender([new SendError('server', '500')]), { backoff });
    await settled(id);
    const r = row(id);
    expect(r).toMatchObject({ state: 'pending', attempts: 1, error: 'server:500' });
    // Equal jitter: between half and all of the first wait.
    expect(r.due_at).toBeGreaterThanOrEqual(T0 + 5_000);
    expect(r.due_at).toBeLessThanOrEqual(T0 + 10_000);
    expect(memberStatus()).toBe('active');
  });

  it('makes exactly maxAttempts attempts, then fails the row for good', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const sender = new ScriptedSender(Array.from({ length: 10 }, () => new SendError('connection', 'ECONNRESET')));
    const l = startLane(sender, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 } });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await waitFor(() => row(id).attempts === attempt && row(id).error !== null && (row(id).state !== 'pending' || row(id).due_at > clock.t), 5_000, `attempt ${attempt}`);
      clock.t += 60_000;
      l.wake();
    }
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 3, error: 'gave_up:connection:ECONNRESET' });
    expect(sender.calls).toHaveLength(3);
  });

  it.each([
    ['stopped', '21610', 'stopped'],
    ['invalid', '21211', 'invalid'],
  ] as const)('fails a row the provider refuses as %s at once, and marks and unsubscribes the member', async (kind, code, status) => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const sender = new ScriptedSender([new SendError(kind, code)]);
    startLane(sender);
    await waitFor(() => row(id).state === 'failed', 5_000, 'failed');
    expect(row(id)).toMatchObject({ attempts: 1, error: `${kind}:${code}` });
    await waitFor(() => memberStatus() === status, 5_000, 'member marked');
    expect(listAreas(db, member)).toEqual([]);
  });

  it('fails a permanent refusal without retrying, and leaves the member as they were', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const sender = new ScriptedSender([new SendError('rejected', '21602')]);
    startLane(sender);
    await waitFor(() => row(id).state === 'failed', 5_000, 'failed');
    expect(row(id)).toMatchObject({ attempts: 1, error: 'rejected:21602' });
    expect(memberStatus()).toBe('active');
    expect(listAreas(db, member)).toEqual(['415']);
  });

  it('treats an error that is not a SendError as a retryable internal one', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    startLane(new ScriptedSender([new Error('a bug in an adapter')]));
    await settled(id);
    expect(row(id)).toMatchObject({ state: 'pending', error: 'server:internal' });
    expect(logs.some((l) => l.includes('unexpected send failure'))).toBe(true);
  });

  it('does not send to a member who stopped after the row was queued', async () => {
    const id = enqueueMessage(db, vault, member, 'an alert already queued', T0);
    setMemberStatus(db, member, 'stopped');
    const sender = new ScriptedSender();
    startLane(sender);
    await waitFor(() => row(id).state === 'failed', 5_000, 'failed');
    expect(row(id).error).toBe('recipient_stopped');
    expect(sender.calls).toEqual([]);
  });

  it('does not send to a member whose number the provider called invalid', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    setMemberStatus(db, member, 'invalid');
    const sender = new ScriptedSender();
    startLane(sender);
    await waitFor(() => row(id).state === 'failed', 5_000, 'failed');
    expect(row(id).error).toBe('recipient_invalid');
    expect(sender.calls).toEqual([]);
  });

  it('pauses the whole lane for the wait a 429 names, and retries that row no sooner', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const l = startLane(new ScriptedSender([new SendError('throttled', '429', 90_000)]));
    await settled(id);
    expect(row(id)).toMatchObject({ state: 'pending', error: 'throttled:429' });
    expect(row(id).due_at).toBeGreaterThanOrEqual(T0 + 90_000);
    expect(l.pacer.paused).toBe(true);
    expect(l.pacer.waitMs()).toBe(90_000);
    l.resume();
    expect(l.pacer.paused).toBe(false);
  });

  it('retries a 429 that names no wait after the throttle backoff, without pausing the lane', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const l = startLane(new ScriptedSender([new SendError('throttled', '20429')]), { throttleBackoff: { baseMs: 40_000, maxMs: 40_000 } });
    await settled(id);
    expect(row(id)).toMatchObject({ state: 'pending', error: 'throttled:20429' });
    expect(row(id).due_at).toBeGreaterThanOrEqual(T0 + 20_000);
    expect(row(id).due_at).toBeLessThanOrEqual(T0 + 40_000);
    expect(l.pacer.paused).toBe(false);
  });

  it('keeps in flight about the rate times the latency, within its bounds', () => {
    const l = new Lane(new ScriptedSender(), {
      db,
      vault,
      log: createLogger('silent'),
      now: () => clock.t,
      opts: { ...DEFAULT_DISPATCHER, sendRate: 100, maxInFlight: 20 },
      writer: new OutcomeWriter(db, createLogger('silent')),
      renderer: new AlertRenderer(db, vault),
    });
    // 100/s at the first guess of 250 ms: 100 · 0.25 · 1.5 + 1 = 38.5, capped at maxInFlight.
    expect(l.window()).toBe(20);
    const slow = new Lane(new ScriptedSender(), {
      db,
      vault,
      log: createLogger('silent'),
      now: () => clock.t,
      opts: { ...DEFAULT_DISPATCHER, sendRate: 10, maxInFlight: 256 },
      writer: new OutcomeWriter(db, createLogger('silent')),
      renderer: new AlertRenderer(db, vault),
    });
    // 10/s: 10 · 0.25 · 1.5 + 1 = 4.75 → 5, under one second of the rate.
    expect(slow.window()).toBe(5);
  });
});
