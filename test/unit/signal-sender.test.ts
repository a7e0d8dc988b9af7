/**
 * The Signal sender's classification and pause at their edges: exact codes,
 * error bodies of every shape, the 2xx range, what the operator is told and
 * when. Against the fake signal-cli-rest-api, and a bare server where the
 * fake has no such answer (odd statuses).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { challengeToken, classifySignalError, DEFAULT_THROTTLE, readSendResult, SignalSender } from '../../src/channels/signal/signal-sender';
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { FakeSignal, SIGNAL_ERRORS } from '../fakes/fake-signal';

const ACCOUNT = '+15005550199';
const UUID = '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21';

function collectingLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger('debug', { write: (l: string) => void lines.push(l) }) };
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SendError);

describe('classifySignalError, exactly', () => {
  it.each([
    ['a bare 429', 429, '', 'throttled', '429'],
    ['a "ratelimit" in one word', 400, 'Ratelimit reached', 'throttled', '429'],
    ['a 500', 500, 'Internal Server Error', 'server', '500'],
    ['a 400 naming nothing known', 400, 'bad request', 'rejected', '400'],
    ['an untrusted recipient key (json-rpc)', 400, 'Unable to complete request due to untrusted recipient keys', 'rejected', 'untrusted_identity'],
    ['a user that is not registered', 400, 'User is not registered', 'invalid', 'unregistered'],
  ] as const)('classifies %s', (_what, status, text, kind, code) => {
    expect(classifySignalError(status, text)).toMatchObject({ kind, code });
  });

  it('carries the system code of a connection failure', () => {
    expect(classifySignalError(undefined, '', 'ECONNRESET')).toMatchObject({ kind: 'connection', code: 'ECONNRESET' });
  });

  it('pauses 15 s at first, up to 15 min', () => {
    expect(DEFAULT_THROTTLE).toEqual({ baseMs: 15_000, maxMs: 900_000 });
  });
});

describe('challengeToken', () => {
  it('takes the first string token of a json-rpc refusal, or the one named in normal mode', () => {
    expect(challengeToken({ challenge_tokens: [7, 'tok-1', 'tok-2'] })).toBe('tok-1');
    expect(challengeToken({ error: 'Rate limit: retry with challenge token "abc-123"' })).toBe('abc-123');
    expect(challengeToken('Rate limit: retry with challenge token "abc-124"')).toBe('abc-124');
    expect(challengeToken({ challenge_tokens: ['has space'] })).toBeNull();
    expect(challengeToken(null)).toBeNull();
    expect(challengeToken({ challenge_tokens: [] })).toBeNull();
  });
});

describe('readSendResult, exactly', () => {
  it('reads the error text of per-recipient errors, not the timestamp', () => {
    const r = readSendResult([{ timestamp: '1', errors: [{ error: 'Unregistered user' }] }]);
    expect('error' in r && r.error).toContain('Unregistered user');
  });

  it('refuses a missing timestamp and one that is neither a string nor a number', () => {
    expect(readSendResult({})).toEqual({ error: 'unexpected response' });
    expect(readSendResult({ timestamp: true })).toEqual({ error: 'unexpected response' });
    expect(readSendResult([null])).toEqual({ error: 'unexpected response' });
    expect(readSendResult({ timestamp: '1', errors: 'some text' })).toEqual({ timestamp: '1' });
  });
});

describe('SignalSender, at the edges', () => {
  let fake: FakeSignal;
  beforeEach(async () => {
    fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
  });
  afterEach(() => fake.stop());

  it('reads error bodies of every shape: no body, an object without an error field, a long text', async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    fake.answer = () => ({ status: 400, body: null });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'rejected', code: '400' });
    fake.answer = () => ({ status: 400, body: { message: 'User is not registered' } });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'invalid', code: 'unregistered' });
    // Only the first 2 000 characters of a text body are read.
    fake.answer = () => ({ status: 400, body: `${'x'.repeat(2_100)} rate limit` });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'rejected', code: '400' });
    fake.answer = () => ({ status: 400, body: 'rate limit' });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'throttled', code: '429' });
    await s.close();
  });

  it('accepts any 2xx with a timestamp, and refuses a 3xx', async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    fake.answer = () => ({ status: 200, body: { timestamp: '42' } });
    expect(await s.send(UUID, 'x')).toEqual({ providerId: '42' });
    fake.answer = () => ({ status: 300, body: { timestamp: '43' } });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'rejected', code: '300' });
    fake.answer = () => ({ status: 201, body: [{ timestamp: '44', errors: [{ error: 'Unregistered user' }] }] });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'invalid', code: 'unregistered' });
    await s.close();
  });

  it('tells the operator once how to lift a rate limit, whether a captcha was asked, then how long each later pause is, and when it is over', async () => {
    let t = 2_000_000;
    const { log, lines } = collectingLogger();
    const challenges: string[] = [];
    let recovered = 0;
    const s = new SignalSender({
      apiUrl: fake.url,
      number: ACCOUNT,
      log,
      throttle: { baseMs: 1_000, maxMs: 8_000 },
      now: () => t,
      onChallenge: (token) => challenges.push(token),
      onRecovered: () => recovered++,
    });
    // A success first: nothing to report.
    await s.send(UUID, 'x');
    expect(lines.filter((l) => l.includes('accepts messages again'))).toEqual([]);
    fake.answer = () => SIGNAL_ERRORS.rateLimited(ACCOUNT);
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'throttled', retryAfterMs: 1_000 });
    t += 1_000;
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'throttled', retryAfterMs: 2_000 });
    const first = lines.filter((l) => l.includes('HTTP 429')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ level: 40, pauseMs: 1_000, challenge: true });
    expect(first[0]?.msg).toMatch(/signal-captcha/);
    const later = lines.filter((l) => l.includes('still rate-limiting')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(later).toEqual([expect.objectContaining({ level: 40, pauseMs: 2_000, windows: 2 })]);
    expect(challenges).toHaveLength(2);
    fake.answer = undefined;
    t += 2_000;
    await s.send(UUID, 'x');
    expect(lines.filter((l) => l.includes('accepts messages again'))).toHaveLength(1);
    expect(recovered).toBe(1);
    await s.send(UUID, 'x');
    expect(lines.filter((l) => l.includes('accepts messages again'))).toHaveLength(1);
    expect(recovered).toBe(1);
    await s.close();
  });

  it('says no captcha was asked when the 429 carries no token', async () => {
    const { log, lines } = collectingLogger();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log });
    fake.answer = () => ({ status: 429, body: { error: 'Failed to send message due to rate limiting' } });
    await failure(s.send(UUID, 'x'));
    const warn = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l.msg).includes('HTTP 429'));
    expect(warn).toMatchObject({ challenge: false, pauseMs: 15_000 });
    await s.close();
  });

  it('ends the pause on resume(): the next 429 starts again from the first window', async () => {
    const t = 3_000_000;
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log, throttle: { baseMs: 1_000, maxMs: 8_000 }, now: () => t });
    fake.answer = () => SIGNAL_ERRORS.rateLimited(ACCOUNT);
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ retryAfterMs: 1_000 });
    s.resume();
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ retryAfterMs: 1_000 });
    await s.close();
  });
});

describe('SignalSender.ready', () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [300, false],
    [503, false],
  ])('answers %s to the health check: ready %s', async (status, ready) => {
    const server = http.createServer((req, res) => {
      res.writeHead(req.url === '/v1/health' ? status : 404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const s = new SignalSender({ apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, number: ACCOUNT, log: collectingLogger().log });
    try {
      expect(await s.ready()).toBe(ready);
    } finally {
      await s.close();
      await new Promise((r) => server.close(r));
    }
  });
});
