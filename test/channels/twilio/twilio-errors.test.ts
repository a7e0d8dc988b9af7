import { classifyTwilioError, TwilioSender } from '../../../src/channels/twilio/twilio-sender';
import { classifyDeliveryStatus, twilioReportFault, twilioTookIt } from '../../../src/channels/twilio/twilio-errors';
import { statusCallbackFor, statusRefOf } from '../../../src/channels/twilio/twilio-sender';
import { SendError, type SendErrorKind } from '../../../src/channels/types';
import { FakeTwilio, TWILIO_ERRORS, type FakeAnswer } from '../../fakes/fake-twilio';

describe('classifyTwilioError', () => {
  // [what Twilio said, what twilio-node threw, kind, code recorded, retryable]
  const table: Array<[string, unknown, SendErrorKind, string | undefined, boolean]> = [
    ['429 Too Many Requests', { status: 429, code: 20429 }, 'throttled', '20429', true],
    ['429 without a code', { status: 429 }, 'throttled', '429', true],
    ['20429 with another status', { status: 400, code: 20429 }, 'throttled', '20429', true],
    ["21611 the From number's queue is full", { status: 400, code: 21611 }, 'throttled', '21611', true],
    ['500 Internal Server Error', { status: 500, code: 20500 }, 'server', '20500', true],
    ['502 without a body', { status: 502 }, 'server', '502', true],
    ['503 Service Unavailable', { status: 503, code: 20503 }, 'server', '20503', true],
    ['21610 recipient replied STOP', { status: 400, code: 21610 }, 'stopped', '21610', false],
    ['21610 as a string code', { status: 400, code: '21610' }, 'stopped', '21610', false],
    ['21211 invalid To', { status: 400, code: 21211 }, 'invalid', '21211', false],
    ['21614 not a mobile number', { status: 400, code: 21614 }, 'invalid', '21614', false],
    // "Not currently reachable" from this From number: this message fails, the member is kept (a route, not a dead number).
    ['21612 To not currently reachable via SMS', { status: 400, code: 21612 }, 'rejected', '21612', false],
    // Can be one destination's (a short code reaches its own country only): this message fails, the lane and the member go on.
    ['21606 From not message-capable for this destination/account', { status: 400, code: 21606 }, 'rejected', '21606', false],
    ['21659 From not a Twilio number or short code country mismatch', { status: 400, code: 21659 }, 'rejected', '21659', false],
    // The line's own sender, whatever the destination: every message would fail alike until the operator fixes it.
    ['21212 invalid From number', { status: 400, code: 21212 }, 'line', '21212', true],
    // The StatusCallback, built from PUBLIC_URL: every message would be refused alike until the operator fixes it.
    ['21609 StatusCallback URL refused', { status: 400, code: 21609 }, 'line', '21609', true],
    // The Messaging Service (TWILIO_MESSAGING_SERVICE_SID) itself: not the account's, not taking messages, an empty
    // sender pool, not a SID. Every message through it would fail alike until the operator fixes it.
    ['21701 Messaging Service does not exist', { status: 400, code: 21701 }, 'line', '21701', true],
    ['21702 Messaging Service not available to send new messages', { status: 400, code: 21702 }, 'line', '21702', true],
    ['21704 Messaging Service contains no phone numbers', { status: 400, code: 21704 }, 'line', '21704', true],
    ['21705 Messaging Service is invalid', { status: 400, code: 21705 }, 'line', '21705', true],
    // The account's daily limit (a rolling 24 hours): every message refused alike until it frees, whatever the status
    // Twilio gives it (a 429 taken for one request's rate would retry each message on its own, the operator never told).
    ['63038 account exceeded the daily messages limit (429)', { status: 429, code: 63038 }, 'line', '63038', true],
    ['63038 account exceeded the daily messages limit (400)', { status: 400, code: 63038 }, 'line', '63038', true],
    // 14107, Twilio's guard against a loop between two numbers (30 replies in 30 seconds): one conversation's, left failed.
    ['14107 SMS send rate limit exceeded (between two numbers)', { status: 400, code: 14107 }, 'rejected', '14107', false],
    // No sender of the pool available for this message: can be this destination's alone (no number for its country).
    ['21703 Messaging Service has no phone number available to send', { status: 400, code: 21703 }, 'rejected', '21703', false],
    ['21408 region not enabled for the account', { status: 400, code: 21408 }, 'rejected', '21408', false],
    ['21217 not a valid phone number', { status: 400, code: 21217 }, 'invalid', '21217', false],
    ['499 is not a server error', { status: 499 }, 'rejected', '499', false],
    ['21602 body required', { status: 400, code: 21602 }, 'rejected', '21602', false],
    ['401 authentication failed (the line\'s token: held while the operator fixes it)', { status: 401, code: 20003 }, 'line', '20003', true],
    ['401 without a code', { status: 401 }, 'line', '401', true],
    ['404 without a code', { status: 404 }, 'rejected', '404', false],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'connection', 'ECONNREFUSED', true],
    ['a time-out', Object.assign(new Error('timeout'), { code: 'ECONNABORTED' }), 'connection', 'ECONNABORTED', true],
    ['an error with no code', new Error('socket hang up'), 'connection', undefined, true],
    ['an error with a numeric code and no status', Object.assign(new Error('odd'), { code: 42 }), 'connection', undefined, true],
    ['something that is not an error', undefined, 'connection', undefined, true],
  ];

  it.each(table)('classifies %s', (_what, thrown, kind, code, retryable) => {
    const e = classifyTwilioError(thrown);
    expect(e).toBeInstanceOf(SendError);
    expect({ kind: e.kind, code: e.code, retryable: e.retryable }).toEqual({ kind, code, retryable });
  });

  it('never carries the provider message, which can contain the number', () => {
    const e = classifyTwilioError({ status: 400, code: 21211, message: "The 'To' number +14155550100 is not a valid phone number." });
    expect(e.message).not.toContain('4155550100');
    expect(e.message).toBe('invalid (21211)');
  });
});

describe("a throttled answer's Retry-After", () => {
  const now = Date.parse('2026-12-04T22:00:00Z');
  const throttledWith = (retryAfter: string | undefined, thrown: unknown = { status: 429, code: 20429 }) => classifyTwilioError(thrown, retryAfter, now).retryAfterMs;

  // [Retry-After as Twilio sent it, the wait carried (ms), or undefined for none]
  const table: Array<[string | undefined, number | undefined]> = [
    ['30', 30_000],
    [' 30 ', 30_000],
    ['1', 1_000],
    ['Fri, 04 Dec 2026 22:01:30 GMT', 90_000],
    // Bounded: a wait longer than 15 minutes is most likely a mistake, and an alert is worth less each minute.
    ['3600', 15 * 60_000],
    ['99999999999999999999999', 15 * 60_000],
    ['Sat, 05 Dec 2026 22:00:00 GMT', 15 * 60_000],
    // Nothing to wait for: the lane's own short backoff.
    ['0', undefined],
    ['Fri, 04 Dec 2026 21:59:00 GMT', undefined],
    // Garbage is ignored, not guessed at.
    ['soon', undefined],
    ['', undefined],
    ['1.5', undefined],
    ['-5', undefined],
    ['30 s', undefined],
    ['2026-12-04T22:01:30Z', undefined],
    ['Fri, 04 Dec 2026 22:01:30', undefined],
    [undefined, undefined],
  ];
  it.each(table)('reads %p as a wait of %p ms', (retryAfter, ms) => {
    expect(throttledWith(retryAfter)).toBe(ms);
  });

  it("is Twilio's wait for that request only, never a pause of the whole account", () => {
    expect(classifyTwilioError({ status: 429, code: 20429 }, '120', now)).toMatchObject({ retryAfterMs: 120_000, pausesAccount: false });
  });

  it('is carried by a throttled error only (429, 20429, 21611), not by a server error or a refusal', () => {
    expect(throttledWith('30', { status: 400, code: 21611 })).toBe(30_000);
    expect(throttledWith('30', { status: 503, code: 20503 })).toBeUndefined();
    expect(throttledWith('30', { status: 400, code: 21610 })).toBeUndefined();
  });
});

describe('TwilioSender against a fake Twilio', () => {
  const ACCOUNT = `AC${'2'.repeat(32)}`;
  const TOKEN = 'fake-token';
  let answer: FakeAnswer = 'accept';
  let fake: FakeTwilio;
  let sender: TwilioSender;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN, answer: () => answer });
    const url = await fake.start();
    sender = new TwilioSender({
      config: { accountSid: ACCOUNT, fromNumber: '+15005550006', apiBaseUrl: url, redact: true },
      authToken: TOKEN,
      statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await sender.close();
    await fake.stop();
  });

  it('sends with a status callback and a validity period, returning the message SID', async () => {
    answer = 'accept';
    const { providerId } = await sender.send('+14155550100', 'hello');
    expect(providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.sent.at(-1)).toMatchObject({
      to: '+14155550100',
      from: '+15005550006',
      body: 'hello',
      statusCallback: 'https://headsup.example.org/webhooks/twilio/status',
      validityPeriod: '14400',
    });
  });

  it.each<[keyof typeof TWILIO_ERRORS, SendErrorKind, boolean]>([
    ['throttled', 'throttled', true],
    ['serverError', 'server', true],
    ['queueFull', 'throttled', true],
    ['stopped', 'stopped', false],
    ['invalidTo', 'invalid', false],
    ['notMobile', 'invalid', false],
    ['toUnreachable', 'rejected', false],
    ['fromNotCapable', 'rejected', false],
    ['fromInvalid', 'line', true],
    ['fromNotTwilio', 'rejected', false],
    ['statusCallbackRefused', 'line', true],
    ['serviceMissing', 'line', true],
    ['serviceUnavailable', 'line', true],
    ['serviceEmpty', 'line', true],
    ['serviceInvalid', 'line', true],
    ['serviceNoSender', 'rejected', false],
  ])('turns the real SDK error for %s into a %s SendError', async (name, kind, retryable) => {
    answer = TWILIO_ERRORS[name];
    const err = await sender.send('+14155550100', 'hello').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SendError);
    expect({ kind: (err as SendError).kind, code: (err as SendError).code, retryable: (err as SendError).retryable }).toEqual({
      kind,
      code: String(TWILIO_ERRORS[name].code),
      retryable,
    });
    // Twilio's message names the recipient and the line's own number: neither is carried.
    expect((err as SendError).message).not.toMatch(/555\d{4}/);
  });

  it("turns a refused token (the real SDK, against the fake that checks it) into a fault of the line's own", async () => {
    answer = 'accept';
    const stale = new TwilioSender({
      config: { accountSid: ACCOUNT, fromNumber: '+15005550006', apiBaseUrl: fake.url, redact: true },
      authToken: 'a-token-since-rotated',
      statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
      timeoutMs: 5_000,
    });
    try {
      const err = await stale.send('+14155550100', 'hello').then(
        () => null,
        (e: unknown) => e as SendError,
      );
      expect({ kind: err?.kind, code: err?.code, retryable: err?.retryable }).toEqual({ kind: 'line', code: '20003', retryable: true });
    } finally {
      await stale.close();
    }
  });

  it("redacts a finished message's body and deletes an inbound message, as the Messages/{Sid} contract answers", async () => {
    answer = 'accept';
    const { providerId } = await sender.send('+14155550100', 'a body Twilio should not keep');
    const failure = (p: Promise<void>) => p.then(() => null, (e: unknown) => e as SendError);
    // Still queued (no final status yet): Twilio refuses, and that is no reason to stop trying.
    const early = await failure(sender.redact(providerId));
    expect({ code: early?.code, gone: early && sender.isGone(early) }).toEqual({ code: '20009', gone: false });
    fake.messages.get(providerId)!.status = 'delivered';
    await sender.redact(providerId);
    expect(fake.messages.get(providerId)?.body).toBe('');
    expect(fake.sent.find((m) => m.sid === providerId)?.body).toBe('a body Twilio should not keep');

    // Just arrived: Twilio refuses its DELETE for a minute (20009), no reason to stop trying either.
    const fresh = fake.receive('+14155550100', 'HELP');
    const tooSoon = await failure(sender.remove(fresh));
    expect({ code: tooSoon?.code, gone: tooSoon && sender.isGone(tooSoon) }).toEqual({ code: '20009', gone: false });
    const inbound = fake.receive('+14155550100', 'REPORT a man named Dale', { ageMs: 60_000 });
    await sender.remove(inbound);
    expect(fake.messages.has(inbound)).toBe(false);
    expect(fake.cleanups.slice(-4).map((c) => [c.op, c.answer])).toEqual([['redact', 400], ['redact', 200], ['delete', 400], ['delete', 204]]);
    // Gone: 404 with 20404, which ends the task.
    const again = await failure(sender.remove(inbound));
    expect({ code: again?.code, gone: again && sender.isGone(again) }).toEqual({ code: '20404', gone: true });
  });

  it('holds the line when Twilio refuses a StatusCallback whose host name has an underscore (the fake checks it as Twilio does)', async () => {
    answer = 'accept';
    const misnamed = new TwilioSender({
      config: { accountSid: ACCOUNT, fromNumber: '+15005550006', apiBaseUrl: fake.url, redact: true },
      authToken: TOKEN,
      statusCallbackUrl: 'https://heads_up.example.org/webhooks/twilio/status',
      timeoutMs: 5_000,
    });
    try {
      const err = await misnamed.send('+14155550100', 'hello', { ref: 1, attempt: 1 }).then(
        () => null,
        (e: unknown) => e as SendError,
      );
      expect({ kind: err?.kind, code: err?.code }).toEqual({ kind: 'line', code: '21609' });
    } finally {
      await misnamed.close();
    }
  });

  it('calls it a connection failure when nothing listens', async () => {
    const down = new TwilioSender({
      config: { accountSid: ACCOUNT, fromNumber: '+15005550006', apiBaseUrl: 'http://127.0.0.1:9', redact: true },
      authToken: TOKEN,
      statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
      timeoutMs: 5_000,
    });
    try {
      const err = await down.send('+14155550100', 'hello').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SendError);
      expect((err as SendError).kind).toBe('connection');
      expect((err as SendError).retryable).toBe(true);
    } finally {
      await down.close();
    }
  });
});

describe('classifyDeliveryStatus', () => {
  // [MessageStatus, ErrorCode, kind, or null for progress]
  const table: Array<[string, string | undefined, string | null]> = [
    ['queued', undefined, null],
    ['sending', undefined, null],
    ['sent', undefined, null],
    ['delivered', undefined, 'delivered'],
    ['read', undefined, 'delivered'],
    ['accepted', undefined, null],
    ['receiving', '30003', null],
    ['undelivered', '30003', 'unreachable'],
    ['undelivered', '30005', 'invalid'],
    ['undelivered', '30006', 'invalid'],
    ['failed', '30007', 'filtered'],
    ['undelivered', '30034', 'setup'],
    ['undelivered', '30032', 'setup'],
    ['failed', '63038', 'limited'],
    ['undelivered', '63038', 'limited'],
    ['undelivered', '21610', 'stopped'],
    ['undelivered', '30008', 'unreachable'],
    ['failed', '30001', 'unreachable'],
    ['undelivered', '30022', 'unreachable'],
    ['undelivered', '30004', 'failed'],
    ['failed', undefined, 'failed'],
  ];
  it.each(table)('%s with %s is %s', (status, code, kind) => {
    expect(classifyDeliveryStatus(status, code)?.kind ?? null).toBe(kind);
  });

  it('tells the operator of the daily limit in plain words, whichever way Twilio says it, never the recipient', () => {
    const refused = classifyTwilioError({ status: 429, code: 63038, message: 'Account exceeded the 50 daily messages limit' });
    expect(refused.fault).toMatch(/^the Twilio account has reached its daily message limit \(a rolling 24 hours; 50 on a trial account\)/);
    expect(twilioReportFault('limited', '63038')).toBe(`Twilio reports messages not sent (63038): ${refused.fault}; each is sent again within the hour, until it is a day old`);
    expect(twilioReportFault('setup', '30034')).toMatch(/^Twilio reports messages undelivered \(30034\): the sending number is a US long code not registered for A2P 10DLC/);
    // A report about one recipient names nothing to fix.
    expect(twilioReportFault('unreachable', '30003')).toBeUndefined();
    expect(twilioReportFault('limited', '30003')).toBeUndefined();
  });

  it('records the status and the error code, and no code for a delivery', () => {
    expect(classifyDeliveryStatus('undelivered', '30003')).toEqual({ kind: 'unreachable', code: 'undelivered:30003' });
    expect(classifyDeliveryStatus('failed', undefined)).toEqual({ kind: 'failed', code: 'failed:' });
    expect(classifyDeliveryStatus('delivered', undefined)).toEqual({ kind: 'delivered' });
  });
});

describe('twilioTookIt', () => {
  it.each([
    ['accepted', true],
    ['queued', true],
    ['sending', true],
    ['sent', true],
    ['scheduled', false],
    ['receiving', false],
    ['delivered', false],
    ['undelivered', false],
    ['failed', false],
    ['canceled', false],
  ])('%s says Twilio took the message: %s', (status, took) => {
    expect(twilioTookIt(status)).toBe(took);
  });
});

describe('the StatusCallback URL', () => {
  it('carries the outbox row id, and reads it back only when well formed', () => {
    const url = new URL(statusCallbackFor('https://x.example/webhooks/twilio/status', 42, 3));
    expect(statusRefOf(Object.fromEntries(url.searchParams))).toEqual({ row: 42, attempt: 3 });
    expect(statusRefOf({ o: '0' })).toBeUndefined();
    expect(statusRefOf({ o: '12abc' })).toBeUndefined();
    expect(statusRefOf({ o: ['1', '2'] })).toBeUndefined();
    expect(statusRefOf(undefined)).toBeUndefined();
  });
});
