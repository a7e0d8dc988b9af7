/**
 * The Signal sender's classification and pause at their edges: exact codes,
 * error bodies of every shape, the 2xx range, what the operator is told and
 * when. Against the fake signal-cli-rest-api, and a bare server where the
 * fake has no such answer (odd statuses).
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { challengeToken, classifySignalError, readSendResult, signalLineFault } from '../../../src/channels/signal/signal-errors';
import { DEFAULT_THROTTLE, SignalSender } from '../../../src/channels/signal/signal-sender';
import { SendError } from '../../../src/channels/types';
import { createLogger } from '../../../src/log/logger';
import { FakeSignal, SIGNAL_ERRORS } from '../../fakes/fake-signal';
import { basicAuthProxy, redirectingProxy } from '../../helpers/proxies';

const ACCOUNT = '+15005550199';
const UUID = '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21';

function collectingLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger('debug', { write: (l: string) => void lines.push(l) }) };
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as SendError);

/** A server answering each request with `handler`; returns its URL and a stop function. */
async function bare(handler: http.RequestListener): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

/**
 * A raw TCP server answering every request with `status` (three digits), which
 * node's HTTP server cannot write below 100: a broken proxy's "099".
 */
async function rawStatus(status: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.once('data', () => socket.end(`HTTP/1.1 ${status} Odd\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((r) => server.close(() => r())) };
}

describe('classifySignalError, exactly', () => {
  it.each([
    ['a bare 429', 429, '', 'throttled', '429'],
    ['a "ratelimit" in one word', 400, 'Ratelimit reached', 'throttled', '429'],
    ["signal-cli's bracketed 429", 400, 'Failed to send message: [429] Too many', 'throttled', '429'],
    ["a service's bad response 429", 400, 'NonSuccessfulResponseCodeException: Bad response: 429', 'throttled', '429'],
    ['a status code 429 in the text', 400, 'StatusCode: 429', 'throttled', '429'],
    ['a 429 inside a group id', 400, 'Invalid group id: "xK/429+Qm0w=="', 'rejected', '400'],
    ['a 429 inside a quoted text', 400, 'Message too long: "call me at 429 5550"', 'rejected', '400'],
    ['a 500', 500, 'Internal Server Error', 'server', '500'],
    // A request timeout (a proxy that gave up waiting): transient by HTTP's own definition, never the recipient's.
    ["a proxy's 408", 408, '<html>408 Request Time-out</html>', 'server', '408'],
    ['a 400 naming nothing known', 400, 'bad request', 'rejected', '400'],
    ['an untrusted recipient key (json-rpc)', 400, 'Unable to complete request due to untrusted recipient keys', 'rejected', 'untrusted_identity'],
    ['a recipient that is not registered', 400, 'The user 0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21 is not registered.', 'invalid', 'unregistered'],
    ["the bot's own account not registered", 400, 'User is not registered', 'line', 'account_not_registered'],
    ['a proxy refusing the credentials', 401, '', 'line', '401'],
    ['a proxy forbidding the line', 403, 'Forbidden', 'line', '403'],
    ['a proxy asking for its own credentials', 407, '', 'line', '407'],
    ['a 404 (a wrong path or an older signal-cli-rest-api)', 404, '404 page not found', 'line', '404'],
    ['a 405 (a proxy allowing no such method there)', 405, '<html><body>405 Not Allowed</body></html>', 'line', '405'],
    ["a proxy's redirect (to https, to its login page), never followed", 308, '', 'line', '308'],
    ['a 302 whose page names a rate limit', 302, '<p>rate limit</p>', 'line', '302'],
    ['a 400 naming its lost daemon as "EOF" only in passing', 400, 'Message too long: "EOF"', 'rejected', '400'],
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
    fake.answer = () => ({ status: 400, body: { message: 'Unregistered user' } });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'invalid', code: 'unregistered' });
    // Only the first 2 000 characters of a text body are read.
    fake.answer = () => ({ status: 400, body: `${'x'.repeat(2_100)} rate limit` });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'rejected', code: '400' });
    fake.answer = () => ({ status: 400, body: 'rate limit' });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'throttled', code: '429' });
    await s.close();
  });

  it("accepts any 2xx with a timestamp, and takes a 3xx for the line's fault, not the message's", async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    fake.answer = () => ({ status: 200, body: { timestamp: '42' } });
    expect(await s.send(UUID, 'x')).toEqual({ providerId: '42' });
    fake.answer = () => ({ status: 300, body: { timestamp: '43' } });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'line', code: '300' });
    fake.answer = () => ({ status: 201, body: [{ timestamp: '44', errors: [{ error: 'Unregistered user' }] }] });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'invalid', code: 'unregistered' });
    await s.close();
  });

  it('never follows a redirect at SIGNAL_API_URL: the line is held, the message kept, and neither the URL nor the Location is told', async () => {
    const proxy = await redirectingProxy(`https://user:s3cret@elsewhere.example${fake.url.slice('http://127.0.0.1'.length)}`);
    const s = new SignalSender({ apiUrl: `${proxy.url}/signal`, number: ACCOUNT, log: collectingLogger().log });
    try {
      const e = await failure(s.send(UUID, 'x'));
      expect(e).toMatchObject({ kind: 'line', code: '308', retryable: true });
      expect(e?.fault).toMatch(/redirect/);
      expect(`${e?.message} ${e?.fault}`).not.toMatch(/elsewhere|s3cret|127\.0\.0\.1|signal\//);
      expect(signalLineFault('308')).toBe(e?.fault);
      // The same for a deletion (RETRACT): held, never refused for good.
      expect(await failure(s.remoteDelete(UUID, 1))).toMatchObject({ kind: 'line', code: '308', retryable: true });
      expect(proxy.requests).toEqual(['POST /signal/v2/send', `DELETE /signal/v1/remote-delete/${encodeURIComponent(ACCOUNT)}`]);
      expect(fake.sent).toEqual([]);
    } finally {
      await s.close();
      await proxy.stop();
    }
  });

  it("sends through a proxy with the Basic credentials SIGNAL_API_URL holds (doctor asks with them too)", async () => {
    const proxy = await basicAuthProxy(fake.url, 'heads', 's3cret');
    const s = new SignalSender({ apiUrl: proxy.url.replace('http://', 'http://heads:s3cret@'), number: ACCOUNT, log: collectingLogger().log });
    try {
      expect(await s.send(UUID, 'x')).toEqual({ providerId: expect.stringMatching(/^\d+$/) });
      expect(fake.sent).toHaveLength(1);
    } finally {
      await s.close();
      await proxy.stop();
    }
  });

  it("takes a proxy's 200 page in front of signal-cli-rest-api for an outage to retry, not a refusal that fails the message for good", async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    fake.proxyPage = '<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>';
    const e = await failure(s.send(UUID, 'x'));
    expect(e).toMatchObject({ kind: 'server', code: 'unexpected_response' });
    expect(e?.retryable).toBe(true);
    expect(fake.sent).toEqual([]);
    fake.proxyPage = null;
    expect(await s.send(UUID, 'x')).toEqual({ providerId: expect.stringMatching(/^\d+$/) });
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
    let t = 3_000_000;
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log, throttle: { baseMs: 1_000, maxMs: 8_000 }, now: () => t });
    fake.answer = () => SIGNAL_ERRORS.rateLimited(ACCOUNT);
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ retryAfterMs: 1_000 });
    s.resume();
    // Once the first window has passed, a 429 without resume() would be the second window in a row (2 s).
    t += 1_000;
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ retryAfterMs: 1_000 });
    await s.close();
  });
});

describe('SignalSender and a changed safety number', () => {
  let fake: FakeSignal;
  beforeEach(async () => {
    fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
  });
  afterEach(() => fake.stop());

  it("trusts a member's new identity and sends again, once", async () => {
    const outcomes: string[] = [];
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log, onIdentityTrust: (o) => outcomes.push(o) });
    await s.send(UUID, 'first');
    fake.changeIdentity(UUID);
    const { providerId } = await s.send(UUID, 'after the reinstall');
    expect(fake.trusts).toEqual([{ recipient: UUID, how: 'all_known_keys' }]);
    expect(outcomes).toEqual(['trusted']);
    expect(fake.sent.map((m) => m.message)).toEqual(['first', 'after the reinstall']);
    expect(fake.sent.at(-1)?.timestamp).toBe(providerId);
    await s.close();
  });

  it('sends again only once: a second refusal after trusting is the answer', async () => {
    const outcomes: string[] = [];
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log, onIdentityTrust: (o) => outcomes.push(o) });
    await s.send(UUID, 'first');
    let attempts = 0;
    fake.answer = ({ recipient }) => (++attempts, SIGNAL_ERRORS.untrusted(recipient));
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'rejected', code: 'untrusted_identity' });
    expect(attempts).toBe(2);
    expect(outcomes).toEqual(['trusted']);
    await s.close();
  });

  it("never trusts a moderator's new identity, whatever the case of their UUID, and tells the operator once what to do", async () => {
    const outcomes: string[] = [];
    const { log, lines } = collectingLogger();
    const s = new SignalSender({
      apiUrl: fake.url,
      number: ACCOUNT,
      log,
      neverAutoTrust: new Set([UUID]),
      onIdentityTrust: (o) => outcomes.push(o),
    });
    fake.answer = ({ recipient }) => SIGNAL_ERRORS.untrusted(recipient);
    expect(await failure(s.send(UUID.toUpperCase(), 'x'))).toMatchObject({ code: 'untrusted_identity' });
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ code: 'untrusted_identity' });
    expect(outcomes).toEqual(['moderator_skipped', 'moderator_skipped']);
    expect(fake.trusts).toEqual([]);
    const told = lines.filter((l) => l.includes('safety number changed'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/signal-readmit/);
    await s.close();
  });

  it("never trusts a moderator reached at their other address (signal-cli trusts the person), and trusts no one while it cannot tell who", async () => {
    const outcomes: string[] = [];
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log, neverAutoTrust: new Set([UUID]), onIdentityTrust: (o) => outcomes.push(o) });
    // The moderator is listed by UUID; signal-cli also knows their number.
    fake.changeIdentity(UUID, '+14155550188');
    expect(await failure(s.send('+14155550188', 'x'))).toMatchObject({ code: 'untrusted_identity' });
    expect(fake.trusts).toEqual([]);
    // A member whose key changed, while the identities list fails: not trusted either, and the outbox tries later.
    const member = '5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f';
    fake.changeIdentity(member);
    fake.identityListAnswer = () => ({ status: 500, body: { error: 'signal-cli is busy' } });
    const unknown = await failure(s.send(member, 'y'));
    expect(unknown).toMatchObject({ kind: 'server', code: 'identities_unavailable' });
    expect(unknown?.retryable).toBe(true);
    expect(fake.trusts).toEqual([]);
    expect(outcomes).toEqual(['moderator_skipped', 'trust_failed']);
    // Once the list answers, the member is trusted as ever.
    fake.identityListAnswer = undefined;
    await s.send(member, 'z');
    expect(fake.trusts).toEqual([{ recipient: member, how: 'all_known_keys' }]);
    await s.close();
  });

  it('does not tell the operator about safety numbers for other refusals', async () => {
    const { log, lines } = collectingLogger();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log });
    fake.answer = ({ recipient }) => SIGNAL_ERRORS.unregistered(recipient);
    await failure(s.send(UUID, 'x'));
    expect(lines.filter((l) => l.includes('safety number changed'))).toEqual([]);
    await s.close();
  });

  it('gives up when signal-cli-rest-api refuses to trust, and says so without the address', async () => {
    const outcomes: string[] = [];
    const { log, lines } = collectingLogger();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log, onIdentityTrust: (o) => outcomes.push(o) });
    // Never seen: signal-cli has no identity to trust.
    fake.answer = ({ recipient }) => SIGNAL_ERRORS.untrusted(recipient);
    expect(await failure(s.send(UUID, 'x'))).toMatchObject({ kind: 'rejected', code: 'untrusted_identity' });
    expect(outcomes).toEqual(['trust_failed']);
    const refused = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).includes('refused to trust'));
    expect(refused).toEqual([expect.objectContaining({ level: 40, status: 400 })]);
    expect(lines.join('\n')).not.toContain(UUID);
    await s.close();
  });
});

describe('SignalSender against a bare server', () => {
  it("treats a trust answer of 2xx as trusted, of 5xx or a redirect (the line's) as an outage to try again, and anything else as refused", async () => {
    for (const [status, trusted] of [[200, true], [299, true], [300, null], [199, false], [499, false], [500, null], [503, null]] as const) {
      let sends = 0;
      const srv = await bare((req, res) => {
        if (req.method === 'PUT') {
          res.writeHead(status === 199 ? 400 : status);
          return res.end();
        }
        sends++;
        res.writeHead(sends === 1 ? 400 : 201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(sends === 1 ? { error: 'Failed to send message due to untrusted identities' } : { timestamp: '77' }));
      });
      const outcomes: string[] = [];
      const s = new SignalSender({ apiUrl: srv.url, number: ACCOUNT, log: collectingLogger().log, onIdentityTrust: (o) => outcomes.push(o) });
      const result = await s.send(UUID, 'x').catch((e: unknown) => e);
      expect(outcomes).toEqual([trusted ? 'trusted' : 'trust_failed']);
      if (trusted) expect(result).toEqual({ providerId: '77' });
      else if (trusted === null) expect(result).toMatchObject({ kind: 'server', code: 'trust_unavailable' });
      else expect(result).toMatchObject({ kind: 'rejected', code: 'untrusted_identity' });
      await s.close();
      await srv.stop();
    }
  });

  it.each([
    ['the json-rpc daemon lost (broken pipe)', 400, 'write tcp 127.0.0.1:53422->127.0.0.1:6001: write: broken pipe'],
    ['the json-rpc daemon lost (closed connection)', 400, 'write tcp 127.0.0.1:53422->127.0.0.1:6001: use of closed network connection'],
    ['signal-cli killed at SIGNAL_CLI_CMD_TIMEOUT (normal/native)', 400, 'process killed as timeout reached'],
    ['a proxy without the trust route', 404, '404 page not found'],
    ['a proxy refusing the line', 403, 'Forbidden'],
    ['too many requests', 429, 'Too Many Requests'],
  ])('tries the message again later when the trust request meets %s, as a send would', async (_name, status, error) => {
    let sends = 0;
    const srv = await bare((req, res) => {
      if (req.method === 'PUT') {
        res.writeHead(status, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error }));
      }
      sends++;
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Failed to send message due to untrusted identities' }));
    });
    const s = new SignalSender({ apiUrl: srv.url, number: ACCOUNT, log: collectingLogger().log });
    const result = await s.send(UUID, 'x').catch((e: unknown) => e);
    expect(sends).toBe(1);
    expect(result).toMatchObject({ kind: 'server', code: 'trust_unavailable', retryable: true });
    await s.close();
    await srv.stop();
  });

  it('tries the message again later when the trust request gets no answer (an outage, not a refusal), and logs only the error code', async () => {
    const srv = await bare((req, res) => {
      if (req.method === 'PUT') return req.socket.destroy();
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Failed to send message due to untrusted identities' }));
    });
    const outcomes: string[] = [];
    const { log, lines } = collectingLogger();
    const s = new SignalSender({ apiUrl: srv.url, number: ACCOUNT, log, onIdentityTrust: (o) => outcomes.push(o) });
    const e = await failure(s.send(UUID, 'x'));
    expect(e).toMatchObject({ kind: 'server', code: 'trust_unavailable' });
    expect(e?.retryable).toBe(true);
    expect(outcomes).toEqual(['trust_failed']);
    const warned = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).includes('could not reach'));
    expect(warned).toEqual([expect.objectContaining({ level: 40, code: 'ECONNRESET' })]);
    await s.close();
    await srv.stop();
  });

  it('names itself signal for logs and metrics', async () => {
    const s = new SignalSender({ apiUrl: 'http://127.0.0.1:9', number: ACCOUNT, log: collectingLogger().log });
    expect([s.name, s.channel]).toEqual(['signal', 'signal']);
    await s.close();
  });

  it('takes two sends at a time from the outbox where signal-cli serves them one at a time (normal/native), its connections otherwise (json-rpc)', async () => {
    const inTurn = new SignalSender({ apiUrl: 'http://127.0.0.1:9', number: ACCOUNT, log: collectingLogger().log, sendsInTurn: true });
    const daemon = new SignalSender({ apiUrl: 'http://127.0.0.1:9', number: ACCOUNT, log: collectingLogger().log });
    expect([inTurn.maxInFlight, daemon.maxInFlight]).toEqual([2, 16]);
    await inTurn.close();
    await daemon.close();
  });
});

describe('SignalSender.ready', () => {
  it.each([
    [200, 'ready'],
    [204, 'ready'],
    [299, 'ready'],
    [300, 'no_answer'],
    [503, 'no_answer'],
  ])('answers %s to the health check: %s', async (status, ready) => {
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

describe('SignalSender.remoteDelete (RETRACT)', () => {
  let fake: FakeSignal;
  beforeEach(async () => {
    fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
  });
  afterEach(() => fake.stop());

  it("deletes a sent message on the recipient's phones: the bot's number, the recipient and the message's timestamp", async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    const { providerId } = await s.send(UUID, 'an alert');
    await expect(s.remoteDelete(UUID, Number(providerId))).resolves.toBeUndefined();
    expect(fake.remoteDeleteRequests).toBe(1);
    expect(fake.remoteDeletes).toEqual([{ recipient: UUID, timestamp: providerId }]);
    await s.close();
  });

  it('takes any 2xx as done, and classifies anything else without quoting it', async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    fake.remoteDeleteAnswer = () => ({ status: 200, body: { timestamp: '1' } });
    await expect(s.remoteDelete(UUID, 1)).resolves.toBeUndefined();
    fake.remoteDeleteAnswer = () => ({ status: 299, body: { timestamp: '2' } });
    await expect(s.remoteDelete(UUID, 2)).resolves.toBeUndefined();
    fake.remoteDeleteAnswer = () => ({ status: 300, body: { timestamp: '3' } });
    // A redirect is the line's (a proxy at SIGNAL_API_URL), never followed: tried again, not given up.
    expect(await failure(s.remoteDelete(UUID, 3))).toMatchObject({ kind: 'line', code: '300', retryable: true });
    fake.remoteDeleteAnswer = () => SIGNAL_ERRORS.server();
    expect(await failure(s.remoteDelete(UUID, 4))).toMatchObject({ kind: 'server', code: '500', retryable: true });
    fake.remoteDeleteAnswer = () => SIGNAL_ERRORS.unregistered('+14155550100');
    const err = await failure(s.remoteDelete('+14155550100', 5));
    expect(err).toMatchObject({ kind: 'invalid', code: 'unregistered' });
    expect(err?.message).not.toContain('4155550100');
    expect(fake.remoteDeleteRequests).toBe(5);
    await s.close();
  });

  it("is refused by signal-cli-rest-api for an account it does not hold", async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: '+15005550100', log: collectingLogger().log });
    expect(await failure(s.remoteDelete(UUID, 1))).toMatchObject({ kind: 'line', code: 'account_not_registered' });
    expect(fake.remoteDeletes).toEqual([]);
    await s.close();
  });
});

describe('SignalSender.setExpiration (disappearing messages)', () => {
  let fake: FakeSignal;
  beforeEach(async () => {
    fake = new FakeSignal({ account: ACCOUNT });
    await fake.start();
  });
  afterEach(() => fake.stop());

  it("sets the contact's disappearing-messages timer, and 0 turns it off", async () => {
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    await expect(s.setExpiration(UUID, 3_600)).resolves.toBeUndefined();
    expect(fake.expirations.get(UUID)).toBe(3_600);
    await s.setExpiration(UUID, 0);
    expect(fake.expirations.get(UUID)).toBe(0);
    expect(fake.contactUpdates).toEqual([
      { recipient: UUID, name: undefined, expiration_in_seconds: 3_600 },
      { recipient: UUID, name: undefined, expiration_in_seconds: 0 },
    ]);
    await s.close();
  });

  it("throws signal-cli-rest-api's refusals, classified: an account it does not hold, a missing recipient", async () => {
    const other = new SignalSender({ apiUrl: fake.url, number: '+15005550100', log: collectingLogger().log });
    expect(await failure(other.setExpiration(UUID, 60))).toMatchObject({ kind: 'line', code: 'account_not_registered' });
    await other.close();
    const s = new SignalSender({ apiUrl: fake.url, number: ACCOUNT, log: collectingLogger().log });
    expect(await failure(s.setExpiration('', 60))).toMatchObject({ kind: 'rejected', code: '400' });
    expect(fake.contactUpdates).toEqual([]);
    await s.close();
  });
});

describe('SignalSender.remoteDelete and setExpiration against a bare server', () => {
  it.each([
    [200, null],
    [204, null],
    [299, null],
    // A redirect, never followed: the line's setup, as for a send.
    [300, 'line'],
    [308, 'line'],
    // No route there (a wrong SIGNAL_API_URL path): the line's setup, as for a send.
    [404, 'line'],
  ] as const)('a contact update answered %s fails as: %s', async (status, kind) => {
    const requests: string[] = [];
    const srv = await bare((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(status);
      res.end();
    });
    const s = new SignalSender({ apiUrl: srv.url, number: ACCOUNT, log: collectingLogger().log });
    try {
      const err = await failure(s.setExpiration(UUID, 60));
      expect(err).toEqual(kind === null ? null : expect.objectContaining({ kind, code: String(status) }));
      expect(requests).toEqual([`PUT /v1/contacts/${encodeURIComponent(ACCOUNT)}`]);
    } finally {
      await s.close();
      await srv.stop();
    }
  });

  it('refuses a status below 200 (a broken proxy) for both', async () => {
    const srv = await rawStatus('099');
    const s = new SignalSender({ apiUrl: srv.url, number: ACCOUNT, log: collectingLogger().log });
    try {
      expect(await failure(s.remoteDelete(UUID, 1))).toMatchObject({ kind: 'rejected', code: '99' });
      expect(await failure(s.setExpiration(UUID, 60))).toMatchObject({ kind: 'rejected', code: '99' });
    } finally {
      await s.close();
      await srv.stop();
    }
  });

  it('reports a dropped connection as retryable, with its error code, for both', async () => {
    const srv = await bare((req) => req.socket.destroy());
    const s = new SignalSender({ apiUrl: srv.url, number: ACCOUNT, log: collectingLogger().log });
    try {
      expect(await failure(s.remoteDelete(UUID, 1))).toMatchObject({ kind: 'connection', code: 'ECONNRESET', retryable: true });
      expect(await failure(s.setExpiration(UUID, 60))).toMatchObject({ kind: 'connection', code: 'ECONNRESET', retryable: true });
    } finally {
      await s.close();
      await srv.stop();
    }
  });
});
