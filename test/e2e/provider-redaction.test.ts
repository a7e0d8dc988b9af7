/**
 * The provider's copy (issue 9): once a sent message reaches a final status
 * its body is redacted at Twilio, and each handled inbound message is deleted
 * there; the outbox keeps no provider id of a finished message; failures are
 * retried with backoff, survive a restart, and never touch members.
 * TWILIO_REDACT=off leaves Twilio's copy alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const OK = '+14155550121';
const LANDLINE = '+14155550122'; // 30006: fails for good
const REPORTER = '+14155550123';

/** Short waits: inbound messages deleted at once, failures retried within milliseconds. */
const FAST = { pollMs: 50, inboundDelayMs: 0, rate: 1000, backoff: { baseMs: 20, maxMs: 100, maxAttempts: 4 } };

const count = (h: Harness, sql: string) => (h.server.db.sqlite.prepare(sql).get() as { n: number }).n;
const tasks = (h: Harness) => count(h, 'SELECT count(*) AS n FROM provider_tasks');
const keptProviderIds = (h: Harness) => count(h, 'SELECT count(*) AS n FROM outbox WHERE provider_id IS NOT NULL');

/** Whether `needle` appears in the database file or its WAL, as bytes. */
function onDisk(dataDir: string, needle: string): boolean {
  return ['heads-up.db', 'heads-up.db-wal'].some((f) => {
    const file = path.join(dataDir, f);
    return fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(needle));
  });
}

/** Sends a signed inbound SMS that the fake Twilio also holds, as Twilio does; returns its sid. */
async function inbound(h: Harness, fake: FakeTwilio, from: string, body: string, before?: (sid: string) => void): Promise<string> {
  // FAST deletes at once: the message arrived at Twilio a minute before its webhook (Twilio refuses an earlier DELETE).
  const sid = fake.receive(from, body, { ageMs: 60_000 });
  before?.(sid);
  const res = await h.sms(from, body, { sid });
  expect(res.status).toBe(200);
  return sid;
}

describe("Twilio's copy of finished messages", () => {
  let fake: FakeTwilio;
  let h: Harness;
  /** Cleanup calls about these sids get a 500 this many times. */
  const refuse = new Map<string, number>();

  beforeAll(async () => {
    fake = new FakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      callbackDelayMs: 2,
      cleanupAnswer: (_op, sid, attempt) => (attempt <= (refuse.get(sid) ?? 0) ? TWILIO_ERRORS.serverError : 'accept'),
    });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '100' }, cleanup: FAST });
    fake.callbackBase = h.url;
    for (const n of [OK, LANDLINE]) await inbound(h, fake, n, 'JOIN');
    fake.failDelivery(LANDLINE, 30006);
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('redacts the body of every sent message once it is delivered or failed, and keeps no provider id', async () => {
    await inbound(h, fake, MOD, 'ALERT 415 grey truck, driver named Dale');
    const alerts = () => fake.sent.filter((m) => m.body.includes('grey truck') && fake.callbacks.some((c) => c.sid === m.sid && (c.status === 'delivered' || c.status === 'undelivered')));
    await waitFor(() => alerts().length === 2, 10_000, 'both alerts final');
    const sids = alerts().map((m) => m.sid);
    await waitFor(() => sids.every((s) => fake.done('redact').includes(s)), 10_000, 'both redacted');
    // At Twilio: the body is gone, delivered and undelivered alike.
    for (const s of sids) expect({ sid: s, body: fake.messages.get(s)?.body }).toEqual({ sid: s, body: '' });
    await waitFor(() => tasks(h) === 0, 5_000, 'tasks erased');
    // Here: no finished message keeps the id Twilio maps to its recipient.
    expect(count(h, "SELECT count(*) AS n FROM outbox WHERE state IN ('delivered', 'failed')")).toBeGreaterThanOrEqual(2);
    expect(keptProviderIds(h)).toBe(0);
    // Erased, not just unlinked (secure_delete), once the WAL is copied back; old WAL frames are the checkpoint's to clear.
    h.server.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const s of sids) expect(onDisk(h.dataDir, s)).toBe(false);
  });

  it("redacts a reply given in the webhook's TwiML answer once Twilio reports it final", async () => {
    const sid = fake.receive(REPORTER, 'AREAS');
    const res = await h.sms(REPORTER, 'AREAS', { sid });
    expect(res.message).not.toBeNull();
    const reply = fake.answerTwiml(REPORTER, res.body)!;
    await waitFor(() => fake.done('redact').includes(reply), 10_000, 'reply redacted');
    expect(fake.messages.get(reply)?.body).toBe('');
    expect(fake.callbacks.filter((c) => c.sid === reply).map((c) => [c.status, c.answer])).toEqual([
      ['queued', 204],
      ['sent', 204],
      ['delivered', 204],
    ]);
  });

  it('queues no second redaction when a final status callback is replayed (an alert, and a TwiML reply that matches no row)', async () => {
    await inbound(h, fake, MOD, 'ALERT 415 blue hatchback, says his name is Rick');
    await waitFor(() => fake.to(OK).some((m) => m.body.includes('blue hatchback')), 10_000, 'alert sent');
    const alert = fake.to(OK).find((m) => m.body.includes('blue hatchback'))!.sid;
    const sid = fake.receive(REPORTER, 'AREAS');
    const reply = fake.answerTwiml(REPORTER, (await h.sms(REPORTER, 'AREAS', { sid })).body)!;
    await waitFor(() => [alert, reply].every((s) => fake.done('redact').includes(s)), 10_000, 'both redacted');
    await waitFor(() => tasks(h) === 0, 5_000, 'tasks done');

    // The very requests Twilio posted for the final status, posted again (captured: the signature has no nonce).
    for (const s of [alert, reply]) {
      const msg = fake.messages.get(s)!;
      const u = new URL(msg.statusCallback!);
      const fields = { ApiVersion: '2010-04-01', AccountSid: ACCOUNT_SID, MessageSid: s, SmsSid: s, MessageStatus: 'delivered', SmsStatus: 'delivered', To: msg.to, From: msg.from! };
      // Answered as the first was (Twilio may itself post a status twice); nothing is done again.
      for (let i = 0; i < 3; i++) expect((await h.postForm(`${u.pathname}${u.search}`, fields)).status).toBe(204);
    }
    expect(tasks(h)).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect([alert, reply].map((s) => fake.cleanups.filter((c) => c.sid === s).length)).toEqual([1, 1]);
  });

  it('deletes each handled inbound message from Twilio, and stores its id only sealed', async () => {
    const sid = await inbound(h, fake, REPORTER, 'REPORT 415 a man in a grey truck, calls himself Dale');
    await waitFor(() => fake.done('delete').includes(sid), 10_000, 'inbound deleted');
    expect(fake.messages.has(sid)).toBe(false);
    await waitFor(() => tasks(h) === 0, 5_000, 'task erased');
    expect(onDisk(h.dataDir, sid)).toBe(false);
  });

  it('retries a failed cleanup with backoff, gives up on a message Twilio does not have, and leaves members alone', async () => {
    const sid = await inbound(h, fake, OK, 'HELP', (s) => refuse.set(s, 2));
    await waitFor(() => fake.done('delete').includes(sid), 10_000, 'deleted after two failures');
    expect(fake.cleanups.filter((c) => c.sid === sid).map((c) => c.answer)).toEqual([500, 500, 204]);

    // An id Twilio does not know (404, 20404): nothing to clean, asked once.
    const unknown = `SM${'ab'.repeat(16)}`;
    expect((await h.sms(REPORTER, 'HELP', { sid: unknown })).status).toBe(200);
    await waitFor(() => fake.cleanups.some((c) => c.sid === unknown), 10_000, 'unknown id asked');
    await waitFor(() => tasks(h) === 0, 5_000, 'task dropped');
    expect(fake.cleanups.filter((c) => c.sid === unknown).map((c) => c.answer)).toEqual([404]);

    // Failures that never end: bounded tries, then the task goes; the member is still active and still gets alerts.
    const active = count(h, "SELECT count(*) AS n FROM members WHERE status = 'active'");
    const stuck = await inbound(h, fake, OK, 'HELP', (s) => refuse.set(s, Infinity));
    await waitFor(() => fake.cleanups.some((c) => c.sid === stuck), 10_000, 'stuck id asked');
    await waitFor(() => tasks(h) === 0, 10_000, 'gave up');
    expect(fake.cleanups.filter((c) => c.sid === stuck).length).toBe(FAST.backoff.maxAttempts);
    expect(count(h, "SELECT count(*) AS n FROM members WHERE status = 'active'")).toBe(active);
    await inbound(h, fake, MOD, 'ALERT 415 blue hatchback');
    await waitFor(() => fake.to(OK).some((m) => m.body.includes('blue hatchback')), 10_000, 'alert while cleanup fails');
  });
});

describe('cleanup across a restart', () => {
  it('a task written before a stop runs after the next start', async () => {
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    const dataDir = tempDir();
    // An hour's wait before the inbound delete, and before its task is even written: the stop writes it.
    let h = await startHarness({ dataDir, twilioApiBaseUrl: fake.url, cleanup: { ...FAST, inboundDelayMs: 3600_000, inboundBatchMs: 3600_000 } });
    try {
      const sid = await inbound(h, fake, OK, 'JOIN');
      expect(tasks(h)).toBe(0);
      await h.close();
      // While it waits, its id is on disk only sealed.
      expect(onDisk(dataDir, sid)).toBe(false);
      expect(fake.cleanups).toHaveLength(0);
      // Two hours later: due, and done.
      h = await startHarness({ dataDir, twilioApiBaseUrl: fake.url, cleanup: FAST, now: () => Date.now() + 2 * 3600_000 });
      await waitFor(() => fake.done('delete').includes(sid), 10_000, 'deleted after restart');
      await waitFor(() => tasks(h) === 0, 5_000, 'task erased');
    } finally {
      await h.close();
      await fake.stop();
    }
  });
});

describe('TWILIO_REDACT=off', () => {
  it("leaves Twilio's copy alone, and still drops the provider ids of finished messages", async () => {
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbackDelayMs: 2 });
    await fake.start();
    const h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, TWILIO_REDACT: 'off', SEND_RATE: '100' }, cleanup: FAST });
    fake.callbackBase = h.url;
    try {
      const joined = await inbound(h, fake, OK, 'JOIN');
      await inbound(h, fake, MOD, 'ALERT 415 silver minivan');
      await waitFor(() => fake.callbacks.some((c) => c.to === OK && c.status === 'delivered' && c.answer === 204), 10_000, 'alert delivered');
      const alert = fake.to(OK).find((m) => m.body.includes('silver minivan'))!;
      expect(fake.messages.get(alert.sid)?.body).toContain('silver minivan');
      expect(fake.messages.has(joined)).toBe(true);
      // No status callbacks are asked for replies either.
      expect(await h.sms(OK, 'AREAS').then((r) => r.body)).not.toContain('action=');
      expect(fake.cleanups).toHaveLength(0);
      expect(tasks(h)).toBe(0);
      expect(keptProviderIds(h)).toBe(0);
    } finally {
      await h.close();
      await fake.stop();
    }
  });
});
