/** The Twilio sender's edges against the fake Twilio: a Messaging Service, readiness and its cache, a 429's Retry-After, the status callback's row reference. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { statusCallbackFor, statusRefOf, TwilioSender } from '../../../src/channels/twilio/twilio-sender';
import { SendError } from '../../../src/channels/types';
import { FakeTwilio, TWILIO_ERRORS } from '../../fakes/fake-twilio';

const ACCOUNT = `AC${'3'.repeat(32)}`;
const TOKEN = 'fake-token-2';
const CALLBACK = 'https://headsup.example.org/webhooks/twilio/status';

function senderFor(apiBaseUrl: string, extra: { messagingServiceSid?: string; fromNumber?: string } = { fromNumber: '+15005550006' }): TwilioSender {
  return new TwilioSender({ config: { accountSid: ACCOUNT, apiBaseUrl, redact: false, ...extra }, authToken: TOKEN, statusCallbackUrl: CALLBACK, timeoutMs: 5_000 });
}

describe('TwilioSender', () => {
  let fake: FakeTwilio;
  let url: string;
  beforeEach(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN });
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  it('sends through a Messaging Service instead of a From number when one is configured', async () => {
    const s = senderFor(url, { messagingServiceSid: `MG${'4'.repeat(32)}` });
    await s.send('+14155550100', 'hello', { ref: 9 });
    expect(fake.sent.at(-1)).toMatchObject({ messagingServiceSid: `MG${'4'.repeat(32)}`, statusCallback: `${CALLBACK}?o=9` });
    expect(fake.sent.at(-1)?.from).toBeUndefined();
    expect([s.name, s.channel]).toEqual(['twilio', 'sms']);
    await s.close();
  });

  it('is ready when the account answers, and remembers it for a while rather than asking at every probe', async () => {
    const s = senderFor(url);
    expect(await s.ready()).toBe('ready');
    await fake.stop();
    expect(await s.ready()).toBe('ready');
    await s.close();
    fake = new FakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN });
    url = await fake.start();
  });

  it('is not ready when Twilio refuses the credentials (every send would be refused), nor when nothing answers', async () => {
    const wrong = new TwilioSender({ config: { accountSid: ACCOUNT, apiBaseUrl: url, redact: false, fromNumber: '+15005550006' }, authToken: 'wrong', statusCallbackUrl: CALLBACK, timeoutMs: 5_000 });
    expect(await wrong.ready()).toBe('credentials_refused');
    await wrong.close();
    const down = senderFor('http://127.0.0.1:9');
    expect(await down.ready()).toBe('no_answer');
    await down.close();
  });

  it('is not ready when Twilio answers with a server error', async () => {
    const broken = http.createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 20503, message: 'Service unavailable', status: 503 }));
    });
    await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
    const s = senderFor(`http://127.0.0.1:${(broken.address() as AddressInfo).port}`);
    try {
      expect(await s.ready()).toBe('no_answer');
    } finally {
      await s.close();
      await new Promise((r) => broken.close(r));
    }
  });
});

describe("TwilioSender and a 429's Retry-After (twilio-node drops the headers from its error)", () => {
  const recipients = { slow: '+14155550101', quick: '+14155550102', silent: '+14155550103' };
  const waits: Record<string, string | undefined> = { [recipients.slow]: '30', [recipients.quick]: '5', [recipients.silent]: undefined };
  let fake: FakeTwilio;
  let s: TwilioSender;
  beforeAll(async () => {
    fake = new FakeTwilio({
      accountSid: ACCOUNT,
      authToken: TOKEN,
      // Long enough that every send below is in flight at once.
      latencyMs: 50,
      answer: (msg) => (msg.to in waits ? { ...TWILIO_ERRORS.throttled, retryAfter: waits[msg.to] } : 'accept'),
      cleanupAnswer: () => ({ ...TWILIO_ERRORS.throttled, retryAfter: '120' }),
    });
    s = senderFor(await fake.start());
  });
  afterAll(async () => {
    await s.close();
    await fake.stop();
  });
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SendError);

  it('makes a throttled SendError carrying the wait Twilio named', async () => {
    const err = await failure(s.send(recipients.slow, 'hello', { ref: 1, attempt: 1 }));
    expect(err).toBeInstanceOf(SendError);
    expect({ kind: err?.kind, code: err?.code, retryAfterMs: err?.retryAfterMs }).toEqual({ kind: 'throttled', code: '20429', retryAfterMs: 30_000 });
  });

  it('gives each of several sends in flight at once the wait of its own answer', async () => {
    const errs = await Promise.all([recipients.slow, recipients.quick, recipients.silent, recipients.slow].map((to) => failure(s.send(to, 'hello'))));
    expect(errs.map((e) => e?.retryAfterMs)).toEqual([30_000, 5_000, undefined, 30_000]);
  });

  it("gives the clean-up worker the wait too (a redaction's 429)", async () => {
    const { providerId } = await s.send('+14155550199', 'hello');
    fake.messages.get(providerId)!.status = 'delivered';
    const err = await failure(s.redact(providerId));
    expect({ kind: err?.kind, retryAfterMs: err?.retryAfterMs }).toEqual({ kind: 'throttled', retryAfterMs: 120_000 });
  });
});

describe('the status callback reference', () => {
  it('adds the row id, and the try when given, to a callback URL with or without a query of its own', () => {
    expect(statusCallbackFor(CALLBACK, undefined)).toBe(CALLBACK);
    expect(statusCallbackFor(CALLBACK, 7)).toBe(`${CALLBACK}?o=7`);
    expect(statusCallbackFor(CALLBACK, 7, 2)).toBe(`${CALLBACK}?o=7&a=2`);
    expect(statusCallbackFor(`${CALLBACK}?k=1`, 7)).toBe(`${CALLBACK}?k=1&o=7`);
  });

  it('reads back only a whole positive id of at most sixteen digits, and a try when it is one', () => {
    expect(statusRefOf({ o: '7' })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '7', a: '3' })).toEqual({ row: 7, attempt: 3 });
    expect(statusRefOf({ o: '7', a: '0' })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '7', a: '1234567' })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '7', a: ['1', '2'] })).toEqual({ row: 7 });
    expect(statusRefOf({ o: '1234567890123456' })).toEqual({ row: 1234567890123456 });
    expect(statusRefOf({ o: '12345678901234567' })).toBeUndefined();
    expect(statusRefOf({ o: '01' })).toBeUndefined();
    expect(statusRefOf({ o: 'a12' })).toBeUndefined();
    expect(statusRefOf({ o: '12 ' })).toBeUndefined();
    expect(statusRefOf(null)).toBeUndefined();
  });
});
