/**
 * The dispatcher with the real Twilio adapter (twilio-node) pointed at the
 * fake Twilio API on loopback, which answers with Twilio's own error bodies:
 * what a refusal of the line's own setup (the sender: 21212; the
 * StatusCallback built from PUBLIC_URL: 21609; the Messaging Service:
 * 21701, 21702, 21704; the account's daily limit: 63038) does to a
 * fan-out (it waits, nothing is failed, nobody is unsubscribed, the operator
 * is told) and what a refusal of one route (21612) does (that message fails,
 * the member stays; 21606 and 21659: lane-twilio-one-destination.test.ts). Real SQLite file, real crypto, real clock; the lane's
 * hold is a few milliseconds here, and every wait is bounded.
 */
import path from 'node:path';
import { classifyTwilioError, TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio, TWILIO_ERRORS, type FakeAnswer, type MessagingService } from '../fakes/fake-twilio';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const ACCOUNT_SID = `AC${'6'.repeat(32)}`;
const AUTH_TOKEN = 'lane-twilio-test-token-0123456789';
/** Made-up numbers, new ones for each fan-out (the fake keeps what every test sent). */
let nextNumber = 2000;
const newNumber = () => `+1415555${String(nextNumber++)}`;
/** The line's Messaging Service (TWILIO_MESSAGING_SERVICE_SID), as the fake's account holds it. */
const SERVICE_SID = `MG${'6'.repeat(32)}`;

describe("an SMS lane against Twilio's API", () => {
  let fake: FakeTwilio;
  let sender: TwilioSender;
  /** The same line sending through its Messaging Service instead of TWILIO_FROM_NUMBER. */
  let serviceSender: TwilioSender;
  let service: MessagingService;
  let vault: Vault;
  let db: Db;
  let dispatcher: Dispatcher | null;
  let metrics: Metrics;
  let logs: string[];
  /** How the fake answers each create now. */
  let answer: (to: string) => FakeAnswer;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(9));
    service = { senders: ['+15005550006'], available: true };
    const services = new Map([[SERVICE_SID, service]]);
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: (msg) => answer(msg.to), services });
    await fake.start();
    const senderVia = (via: { fromNumber: string } | { messagingServiceSid: string }) =>
      new TwilioSender({
        config: { accountSid: ACCOUNT_SID, apiBaseUrl: fake.url, redact: false, ...via },
        authToken: AUTH_TOKEN,
        statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
        timeoutMs: 5_000,
      });
    sender = senderVia({ fromNumber: '+15005550006' });
    serviceSender = senderVia({ messagingServiceSid: SERVICE_SID });
  });
  afterAll(async () => {
    await sender.close();
    await serviceSender.close();
    await fake.stop();
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    logs = [];
    metrics = new Metrics(db);
    answer = () => 'accept';
    dispatcher = null;
  });
  afterEach(async () => {
    await dispatcher?.stop();
    db.close();
  });

  function start(through = sender): Dispatcher {
    const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
    const made = new Dispatcher(db, vault, new Map([['sms', through]]), log, { ...DEFAULT_DISPATCHER, sendRate: 1_000, pollMs: 20, lineBackoff: { baseMs: 10, maxMs: 20 } }, metrics);
    // As the server wires it (parts/delivery.ts): the gauge reads the dispatcher's hold at each scrape.
    metrics.watchHolds(['sms'], (channel) => made.held(channel));
    dispatcher = made;
    dispatcher.start();
    return dispatcher;
  }

  /** `n` members subscribed to 415, each with one message queued. */
  function fanOut(n: number): Array<{ member: number; row: number; to: string }> {
    return Array.from({ length: n }, (_, i) => {
      const to = newNumber();
      const member = ensureMember(db, vault, { channel: 'sms', address: to, phone: to }, 'en', Date.now()).id;
      subscribe(db, member, ['415'], Date.now());
      return { member, row: enqueueMessage(db, vault, member, `warning ${i}`, Date.now(), { priority: 1 }), to };
    });
  }

  const rows = () => db.sqlite.prepare('SELECT state, error FROM outbox ORDER BY id').all() as Array<{ state: string; error: string | null }>;
  const statuses = () => (db.sqlite.prepare('SELECT DISTINCT status FROM members').all() as Array<{ status: string }>).map((r) => r.status);
  const heldGauge = async () => (await metrics.laneHeld.get()).values.find((v) => v.labels.channel === 'sms')?.value;

  it.each(['fromInvalid', 'statusCallbackRefused', 'dailyLimit'] as const)(
    'holds a fan-out while Twilio refuses the line\'s own setup (%s), and sends all of it once the operator fixes it',
    async (refusal) => {
      answer = () => TWILIO_ERRORS[refusal];
      const queued = fanOut(12);
      const before = fake.requests;
      start();
      // Tries reach Twilio again and again (the first window, then one message at a time)...
      await waitFor(() => fake.requests - before >= 20, 5_000, 'tries while held');
      // ... and not one message failed, nor one member was marked or unsubscribed.
      expect(rows().filter((r) => r.state !== 'pending')).toEqual([]);
      expect(statuses()).toEqual(['active']);
      expect(queued.map((q) => listAreas(db, q.member))).toEqual(queued.map(() => ['415']));
      expect(await heldGauge()).toBe(1);
      const told = logs.filter((l) => l.includes('held until the operator fixes it'));
      expect(told).toHaveLength(1);
      expect(JSON.parse(told[0]!)).toMatchObject({ channel: 'sms', reason: `line:${TWILIO_ERRORS[refusal].code}` });
      // The operator reads what is wrong in words (the daily limit's too, though Twilio answers it with a 429).
      expect((JSON.parse(told[0]!) as { msg: string }).msg).toContain(classifyTwilioError(TWILIO_ERRORS[refusal]).fault);
      expect(logs.join('\n')).not.toMatch(/555\d{4}/);

      answer = () => 'accept';
      await waitFor(() => rows().every((r) => r.state === 'sent'), 5_000, 'the fan-out sent');
      expect(queued.map((q) => fake.to(q.to).length)).toEqual(queued.map(() => 1));
      expect(await heldGauge()).toBe(0);
    },
  );

  // [what is wrong with the Messaging Service, as the fake's account holds it; Twilio's code; what the log says of it]
  it.each<[string, MessagingService, number, string]>([
    ['its sender pool is empty', { senders: [], available: true }, 21704, 'the Messaging Service has no phone number or short code in its sender pool (see `doctor`)'],
    ['it takes no new messages', { senders: ['+15005550006'], available: false }, 21702, 'the Messaging Service is not taking new messages (see it in the Twilio console; this may pass by itself)'],
  ])('holds a fan-out sent through a Messaging Service when %s, and sends all of it once the operator fixes it', async (_what, broken, code, words) => {
    const fixed = { ...service };
    Object.assign(service, broken);
    const queued = fanOut(12);
    const before = fake.requests;
    start(serviceSender);
    try {
      // (Or every alert answered: a refusal taken for one message's fails them one by one.)
      await waitFor(() => fake.requests - before >= 20 || rows().every((r) => r.state !== 'pending'), 5_000, 'tries while held');
      // Not one alert dropped, nor one member marked or unsubscribed.
      expect(rows().filter((r) => r.state !== 'pending')).toEqual([]);
      expect(statuses()).toEqual(['active']);
      expect(queued.map((q) => listAreas(db, q.member))).toEqual(queued.map(() => ['415']));
      expect(await heldGauge()).toBe(1);
      const told = logs.filter((l) => l.includes('held until the operator fixes it'));
      expect(told.map((l) => JSON.parse(l) as { reason: string }).map((l) => l.reason)).toEqual([`line:${code}`]);
      // The operator reads what is wrong, not only a code; and no number.
      expect((JSON.parse(told[0]!) as { msg: string }).msg).toContain(words);
      expect(logs.join('\n')).not.toMatch(/555\d{4}/);
    } finally {
      Object.assign(service, fixed);
    }
    await waitFor(() => rows().every((r) => r.state === 'sent'), 5_000, 'the fan-out sent');
    expect(queued.map((q) => fake.to(q.to).length)).toEqual(queued.map(() => 1));
  });

  it('holds a fan-out sent through a Messaging Service the account does not have (21701)', async () => {
    const stranger = new TwilioSender({
      config: { accountSid: ACCOUNT_SID, messagingServiceSid: `MG${'e'.repeat(32)}`, apiBaseUrl: fake.url, redact: false },
      authToken: AUTH_TOKEN,
      statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
      timeoutMs: 5_000,
    });
    try {
      fanOut(6);
      const before = fake.requests;
      start(stranger);
      await waitFor(() => fake.requests - before >= 10 || rows().every((r) => r.state !== 'pending'), 5_000, 'tries while held');
      expect(rows()).toEqual(rows().map(() => ({ state: 'pending', error: 'line:21701' })));
      expect(await heldGauge()).toBe(1);
    } finally {
      await dispatcher?.stop();
      dispatcher = null;
      await stranger.close();
    }
  });

  it('waits as long as a 429 from Twilio asks (Retry-After) before trying that message again', async () => {
    const tries: number[] = [];
    answer = () => {
      tries.push(Date.now());
      return tries.length === 1 ? { ...TWILIO_ERRORS.throttled, retryAfter: '1' } : 'accept';
    };
    fanOut(1);
    start();
    await waitFor(() => rows().every((r) => r.state === 'sent'), 5_000, 'sent after the wait');
    // Without the named wait, the lane's throttle backoff tries again within a quarter of a second.
    expect(tries).toHaveLength(2);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(950);
  });

  it("holds back only the message a 429 names a wait for (Retry-After): a moderator's notice queued after it goes at once", async () => {
    let tries = 0;
    answer = () => (tries++ === 0 ? { ...TWILIO_ERRORS.throttled, retryAfter: '120' } : 'accept');
    const [alert] = fanOut(1);
    start();
    await waitFor(() => tries >= 1 && rows()[0]?.error === 'throttled:20429', 5_000, 'the 429');
    const to = newNumber();
    const moderator = ensureMember(db, vault, { channel: 'sms', address: to, phone: to }, 'en', Date.now()).id;
    enqueueMessage(db, vault, moderator, 'report #AB12 waits for you', Date.now(), { priority: 0 });
    dispatcher!.wake();
    await waitFor(() => fake.to(to).length === 1, 3_000, 'the notice sent while the alert waits');
    // The alert itself waits out the two minutes Twilio named.
    const due = (db.sqlite.prepare('SELECT due_at FROM outbox WHERE id = ?').get(alert!.row) as { due_at: number }).due_at;
    expect(due - Date.now()).toBeGreaterThan(100_000);
    expect(fake.to(alert!.to)).toHaveLength(0);
  });

  it("fails only the one message Twilio cannot route now (21612), and keeps the member and every later message", async () => {
    const [a] = fanOut(2);
    answer = (to) => (to === a!.to ? TWILIO_ERRORS.toUnreachable : 'accept');
    start();
    await waitFor(() => rows().every((r) => r.state !== 'pending'), 5_000, 'both answered');
    expect(rows()).toEqual([
      { state: 'failed', error: 'rejected:21612' },
      { state: 'sent', error: null },
    ]);
    expect(statuses()).toEqual(['active']);
    expect(listAreas(db, a!.member)).toEqual(['415']);
    // The next alert is tried again.
    answer = () => 'accept';
    enqueueMessage(db, vault, a!.member, 'the next warning', Date.now(), { priority: 1 });
    dispatcher!.wake();
    await waitFor(() => fake.to(a!.to).length === 1, 5_000, 'the next warning sent');
  });
});
