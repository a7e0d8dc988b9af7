/**
 * The provider clean-up worker with the real Twilio adapter (twilio-node)
 * pointed at the fake Twilio API on loopback: the calls Twilio gets (DELETE
 * of a handled inbound message, POST Body="" of a finished sent one), its
 * status codes (404/20404 for a message it does not have, 500) and what the
 * worker makes of them. The worker's clock and sleeps are Jest's fake timers
 * (time passes only when a test moves it); only the HTTP calls take real
 * time, and each wait for them is bounded.
 */
import path from 'node:path';
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_CLEANUP, ProviderCleanup } from '../../src/outbox/provider-cleanup';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { countProviderTasks } from '../../src/store/provider-tasks';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { tempDir } from '../helpers/temp-dir';

const ACCOUNT_SID = `AC${'2'.repeat(32)}`;
const AUTH_TOKEN = 'provider-cleanup-test-token-0123';
const MEMBER = '+14155550131';
const T0 = 1_800_000_000_000;

/** Polls `check` between real event-loop turns (the HTTP calls' answers), for at most `ms` of real time; fake time stands still. */
async function until(check: () => boolean, what: string, ms = 1_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe("provider clean-up against Twilio's API", () => {
  let fake: FakeTwilio;
  let sender: TwilioSender;
  let vault: Vault;
  let db: Db;
  let w: ProviderCleanup;
  let logs: string[];
  /** Set by a test that got to its end: only then is the worker stopped (a broken one stays asleep on a fake timer). */
  let passed: boolean;
  /** Cleanup calls about these sids are answered 500 this many times. */
  const refuse = new Map<string, number>();

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(7));
    fake = new FakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      cleanupAnswer: (_op, sid, attempt) => (attempt <= (refuse.get(sid) ?? 0) ? TWILIO_ERRORS.serverError : 'accept'),
    });
    await fake.start();
    sender = new TwilioSender({
      config: { accountSid: ACCOUNT_SID, fromNumber: '+15005550006', apiBaseUrl: fake.url, redact: true },
      authToken: AUTH_TOKEN,
      statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
      timeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    await sender.close();
    await fake.stop();
  });
  beforeEach(() => {
    jest.useFakeTimers({ now: T0, doNotFake: ['setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
    passed = false;
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    logs = [];
    const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
    const opts = { ...DEFAULT_CLEANUP, rate: 1_000, pollMs: 5_000, inboundDelayMs: 0, inboundBatchMs: 5, backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 4 } };
    w = new ProviderCleanup(db, vault, sender, log, opts, () => Date.now());
  });
  afterEach(async () => {
    if (passed) await w.stop();
    jest.useRealTimers();
    db.close();
  });

  /** Whether `s` is stored in the clear in the task table, or logged. */
  function inClear(s: string): boolean {
    const rows = db.sqlite.prepare('SELECT * FROM provider_tasks').all() as Array<Record<string, unknown>>;
    return rows.some((r) => Object.values(r).some((v) => (Buffer.isBuffer(v) ? v.includes(Buffer.from(s)) : String(v).includes(s)))) || logs.some((l) => l.includes(s));
  }

  it('deletes handled inbound messages and empties the body of a finished sent one, their ids sealed while they wait', async () => {
    // This worker deletes at once (inboundDelayMs 0): the messages arrived a minute ago, as Twilio needs.
    const inbound = [fake.receive(MEMBER, 'REPORT 415 grey truck', { ageMs: 60_000 }), fake.receive(MEMBER, 'HELP', { ageMs: 60_000 })];
    const { providerId: sent } = await sender.send(MEMBER, 'ALERT 415 grey truck');
    fake.messages.get(sent)!.status = 'delivered';
    for (const s of inbound) w.deleteInbound(s);
    w.redact(sent);
    jest.advanceTimersByTime(5);
    expect(countProviderTasks(db)).toBe(2);
    for (const s of [...inbound, sent]) expect(inClear(s)).toBe(false);
    w.start();
    await until(() => countProviderTasks(db) === 0, 'tasks done');
    expect(fake.cleanups.filter((c) => [...inbound, sent].includes(c.sid))).toEqual([
      { op: 'redact', sid: sent, answer: 200 },
      { op: 'delete', sid: inbound[0], answer: 204 },
      { op: 'delete', sid: inbound[1], answer: 204 },
    ]);
    for (const s of inbound) expect(fake.messages.has(s)).toBe(false);
    expect(fake.messages.get(sent)?.body).toBe('');
    expect(logs.some((l) => l.includes(MEMBER) || l.includes('grey truck'))).toBe(false);
    passed = true;
  });

  it('deletes a handled inbound message only after two minutes, never in the minute Twilio refuses it (20009)', async () => {
    const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
    w = new ProviderCleanup(db, vault, sender, log, { ...DEFAULT_CLEANUP, rate: 1_000, inboundBatchMs: 5 }, () => Date.now());
    const sid = fake.receive(MEMBER, 'HELP');
    w.deleteInbound(sid);
    jest.advanceTimersByTime(5);
    w.start();
    const calls = () => fake.cleanups.filter((c) => c.sid === sid).map((c) => c.answer);
    const idle = () => db.sqlite.prepare('SELECT 1 FROM provider_tasks WHERE lease_until > 0').get() === undefined;
    // A second at a time, each pass's calls answered before the clock moves on.
    for (let s = 1; s < 120; s++) {
      jest.advanceTimersByTime(1_000);
      await new Promise<void>((resolve) => setImmediate(resolve));
      await until(idle, `the pass at ${s} s`);
    }
    expect(calls()).toEqual([]);
    jest.advanceTimersByTime(1_000);
    await until(() => countProviderTasks(db) === 0, 'deleted');
    expect(calls()).toEqual([204]);
    passed = true;
  });

  it('asks once about a message Twilio does not have, and retries a 500 by the backoff until it goes through', async () => {
    const unknown = `SM${'cd'.repeat(16)}`;
    const refused = fake.receive(MEMBER, 'JOIN', { ageMs: 60_000 });
    refuse.set(refused, 2);
    w.deleteInbound(unknown);
    w.deleteInbound(refused);
    jest.advanceTimersByTime(5);
    w.start();
    const answers = () => fake.cleanups.filter((c) => c.sid === unknown || c.sid === refused).map((c) => [c.sid, c.answer]);
    // Each pass: its calls answered, and the task written back before the worker goes to sleep again.
    const tried = (n: number) => () => answers().length === n && db.sqlite.prepare('SELECT 1 FROM provider_tasks WHERE lease_until > 0').get() === undefined;
    await until(tried(2), 'first pass');
    expect(answers()).toEqual([
      [unknown, 404],
      [refused, 500],
    ]);
    expect(countProviderTasks(db)).toBe(1);
    // The backoff (1 s at most) must pass before the next try.
    jest.advanceTimersByTime(499);
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(tried(2)()).toBe(true);
    jest.advanceTimersByTime(501);
    await until(tried(3), 'second pass');
    jest.advanceTimersByTime(1_000);
    await until(() => countProviderTasks(db) === 0, 'third pass');
    expect(fake.cleanups.filter((c) => c.sid === unknown || c.sid === refused).map((c) => [c.sid, c.answer])).toEqual([
      [unknown, 404],
      [refused, 500],
      [refused, 500],
      [refused, 204],
    ]);
    expect(logs.filter((l) => l.includes('will retry') && l.includes('"reason":"server:20500"'))).toHaveLength(2);
    passed = true;
  });
});
