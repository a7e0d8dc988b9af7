/**
 * A lane keeps its promises when the provider is slow, paused or faulty, and
 * when stale rows wait before fresh ones: real SQLite, real crypto, a fake
 * provider, a clock the test moves.
 */
import path from 'node:path';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { classifySignalError } from '../../src/channels/signal/signal-sender';
import { SendError, type ChannelSender } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, type DispatcherOptions } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { Db } from '../../src/store/db';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage, PRIORITY } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from '../helpers/fake-sender';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

/** A provider that answers every send `latencyMs` after it started (on the test's clock). */
class SlowProvider implements ChannelSender {
  readonly channel = 'sms' as const;
  readonly name = 'slow';
  readonly starts: number[] = [];
  private pending: Array<{ at: number; resolve: (r: { providerId: string }) => void }> = [];
  constructor(
    private readonly clock: { t: number },
    private readonly latencyMs: number,
  ) {}
  send(): Promise<{ providerId: string }> {
    this.starts.push(this.clock.t);
    return new Promise((resolve) => this.pending.push({ at: this.clock.t + this.latencyMs, resolve }));
  }
  answerDue(): void {
    const due = this.pending.filter((p) => p.at <= this.clock.t);
    this.pending = this.pending.filter((p) => p.at > this.clock.t);
    for (const p of due) p.resolve({ providerId: `SM${Math.random()}` });
  }
  release(): void {
    for (const p of this.pending.splice(0)) p.resolve({ providerId: 'SMlast' });
  }
}

describe('an outbox lane, under a slow, paused or misconfigured provider', () => {
  let db: Db;
  let vault: Vault;
  let clock: { t: number };
  let member: number;
  let lane: Lane | null = null;
  let writer: OutcomeWriter | null = null;
  let release: (() => void) | null = null;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    clock = { t: T0 };
    member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, member, ['415'], T0);
  });
  afterEach(async () => {
    release?.();
    await lane?.stop();
    writer?.flush();
    lane = writer = null;
    release = null;
    db.close();
  });

  function startLane(s: ChannelSender, opts: Partial<DispatcherOptions> = {}): Lane {
    const log = createLogger('silent', { write: () => undefined });
    const now = () => clock.t;
    writer = new OutcomeWriter(db, log, now);
    lane = new Lane(s, { db, vault, log, now, opts: { ...DEFAULT_DISPATCHER, pollMs: HOUR, ...opts }, writer, renderer: new AlertRenderer(db, vault) });
    lane.start();
    return lane;
  }
  const row = (id: number) => db.sqlite.prepare('SELECT state, attempts, due_at, error FROM outbox WHERE id = ?').get(id) as { state: string; attempts: number; due_at: number; error: string | null };

  it('keeps up with SEND_RATE whatever the provider\'s latency: 10/s when each send takes 2 s', async () => {
    for (let i = 0; i < 400; i++) enqueueMessage(db, vault, member, `alert ${i}`, T0, { priority: PRIORITY.bulk });
    const p = new SlowProvider(clock, 2_000);
    release = () => p.release();
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
    release = () => s.release();
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
