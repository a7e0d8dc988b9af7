import { classifySignalError, readSendResult } from '../../../src/channels/signal/signal-errors';
import { SignalSender } from '../../../src/channels/signal/signal-sender';
import { SendError } from '../../../src/channels/types';
import { createLogger } from '../../../src/log/logger';
import { FakeSignal, SIGNAL_ERRORS } from '../../fakes/fake-signal';

const ACCOUNT = '+15005550199';
const UUID = '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21';

function collectingLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger('debug', { write: (l: string) => void lines.push(l) }) };
}

describe('classifySignalError', () => {
  const table: Array<[string, number | undefined, string, SendError['kind'], boolean]> = [
    ['no answer at all', undefined, '', 'connection', true],
    ['a 500', 500, 'Internal Server Error', 'server', true],
    ['a 503', 503, '', 'server', true],
    ['a 429 rate limit', 429, 'Failed to send message due to rate limiting', 'throttled', true],
    ['a 400 naming a rate limit (normal mode)', 400, 'RateLimitException: Rate limit exceeded: 413', 'throttled', true],
    ['a 400 asking for a proof (captcha)', 400, 'ProofRequiredException: Proof required', 'throttled', true],
    ['an untrusted identity', 400, 'Failed to send message due to untrusted identities: +14155550100', 'rejected', false],
    ['an unregistered recipient', 400, 'Failed to send message: Unregistered user "+14155550100"', 'invalid', false],
    ['a bad request', 400, "Couldn't process request - please provide at least one recipient", 'rejected', false],
    ['a 404 (no such route: the line’s setup)', 404, 'not found', 'line', true],
  ];
  it.each(table)('classifies %s', (_name, status, text, kind, retryable) => {
    const e = classifySignalError(status, text);
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(retryable);
    expect(e.message).not.toMatch(/\d{10}/);
  });
});

describe('readSendResult', () => {
  it("accepts 0.100's object and master's array", () => {
    expect(readSendResult({ timestamp: '1745372297238' })).toEqual({ timestamp: '1745372297238' });
    expect(readSendResult([{ timestamp: '1745372297238' }])).toEqual({ timestamp: '1745372297238' });
    expect(readSendResult([{ timestamp: '1745372297238', errors: {} }])).toEqual({ timestamp: '1745372297238' });
  });
  it('reports per-recipient errors of the array form', () => {
    expect(readSendResult([{ timestamp: '1', errors: { x: 'Unregistered user' } }])).toHaveProperty('error');
    expect(readSendResult('nonsense')).toHaveProperty('error');
    expect(readSendResult(null)).toHaveProperty('error');
  });
  // Upstream's own shape (datastructs.go SendMessageErrors): each failed recipient with signal-cli's result type as `reason`.
  it.each([
    ['UNREGISTERED_FAILURE', 'invalid', 'unregistered'],
    ['IDENTITY_FAILURE', 'rejected', 'untrusted_identity'],
    ['NETWORK_FAILURE', 'server', 'network_failure'],
    ['RATE_LIMIT_FAILURE', 'throttled', '429'],
    ['INVALID_PRE_KEY_FAILURE', 'server', 'invalid_pre_key'],
  ])("classifies master's per-recipient reason %s", (reason, kind, code) => {
    const result = readSendResult([{ timestamp: '1', errors: { recipients: [{ uuid: '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21', number: '+14155550100', reason }] } }]);
    expect('error' in result && classifySignalError(400, result.error)).toMatchObject({ kind, code });
  });
});

describe('SignalSender against a fake signal-cli-rest-api', () => {
  let fake: FakeSignal;
  beforeEach(async () => {
    fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('posts {number, message, recipients} to /v2/send and returns the timestamp', async () => {
    const { log } = collectingLogger();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log });
    const { providerId } = await s.send(UUID, 'hello');
    expect(fake.sent).toEqual([{ recipient: UUID, message: 'hello', timestamp: providerId }]);
    expect(await s.ready()).toBe('ready');
    await s.close();
  });

  it('sends text as written even where the operator made styled text the default (a report\'s *asterisks* stay)', async () => {
    await fake.stop();
    fake = new FakeSignal({ account: ACCOUNT, defaultTextMode: 'styled' });
    await fake.start();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    const text = 'said he was *not* a cop, ~6ft, calls himself **Rick**';
    await s.send(UUID, text);
    expect(fake.sent.map((m) => m.message)).toEqual([text]);
    await s.close();
  });

  it("accepts master's array answer", async () => {
    await fake.stop();
    fake = new FakeSignal({ account: ACCOUNT, sendResponse: 'master' });
    await fake.start();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    await expect(s.send(UUID, 'hi')).resolves.toHaveProperty('providerId');
    await s.close();
  });

  it('classifies real error answers without quoting them', async () => {
    const { log, lines } = collectingLogger();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log });
    fake.answer = ({ recipient }) => SIGNAL_ERRORS.untrusted(recipient);
    await expect(s.send('+14155550100', 'x')).rejects.toMatchObject({ kind: 'rejected', code: 'untrusted_identity' });
    fake.answer = ({ recipient }) => SIGNAL_ERRORS.unregistered(recipient);
    const err = (await s.send('+14155550100', 'x').catch((e: unknown) => e)) as SendError;
    expect(err).toMatchObject({ kind: 'invalid', code: 'unregistered' });
    expect(err.message).not.toContain('4155550100');
    fake.answer = () => SIGNAL_ERRORS.server();
    await expect(s.send(UUID, 'x')).rejects.toMatchObject({ kind: 'server', retryable: true });
    expect(lines.join('\n')).not.toContain('4155550100');
    expect(lines.join('\n')).toMatch(/signal-readmit/);
    await s.close();
  });

  it('pauses longer across consecutive 429 windows, logs once what to do, and resets on success', async () => {
    let t = 1_000_000;
    const { log, lines } = collectingLogger();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log, throttle: { baseMs: 1_000, maxMs: 5_000 }, now: () => t });
    fake.answer = () => SIGNAL_ERRORS.rateLimited(ACCOUNT);
    const pauses: number[] = [];
    const next = async () => pauses.push(((await s.send(UUID, 'x').catch((e) => e)) as SendError).retryAfterMs ?? -1);
    await next(); // window 1: 1 s
    t += 400;
    await next(); // in flight during window 1: the same window, 600 ms left
    t += 600;
    await next(); // window 2: 2 s
    t += 2_000;
    await next(); // window 3: 4 s
    t += 4_000;
    await next(); // window 4: capped at 5 s
    expect(pauses).toEqual([1_000, 600, 2_000, 4_000, 5_000]);
    // Signal's limit is the account's: the lane pauses for it, not only this message.
    expect(await s.send(UUID, 'x').catch((e) => e)).toMatchObject({ kind: 'throttled', pausesAccount: true });
    const warnings = lines.filter((l) => l.includes('rate-limit-challenge'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"level":40/);
    fake.answer = undefined;
    t += 5_000;
    await s.send(UUID, 'x');
    fake.answer = () => SIGNAL_ERRORS.rateLimited(ACCOUNT);
    await next();
    expect(pauses.at(-1)).toBe(1_000);
    await s.close();
  });

  it('reports a connection failure as retryable, and not ready', async () => {
    await fake.stop();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    await expect(s.send(UUID, 'x')).rejects.toMatchObject({ kind: 'connection', retryable: true });
    expect(await s.ready()).toBe('no_answer');
    await s.close();
    fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
  });
});
