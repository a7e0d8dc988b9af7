/**
 * CONNECTIONS_PER_ADDRESS: one address holding half-sent requests cannot
 * take the whole server from Twilio's webhooks. Real sockets on loopback,
 * the "attacker" bound to 127.0.0.2, Twilio to 127.0.0.3. Loopback is not
 * capped outside tests, so CAP_LOOPBACK caps it here. The time limits are
 * long, so no socket is cut by them while a test runs.
 */
import type net from 'node:net';
import { readConfig } from '../../src/config/env';
import { addressKey, isLocalAddress } from '../../src/http/connection-cap';
import { readMetrics, startHarness, waitFor, type Harness } from '../helpers/harness';
import { exchange, halfRequest, signedSms, statusOf } from './loopback-clients';

const ATTACKER = '127.0.0.2';
const TWILIO = '127.0.0.3';
const LONG = { headersTimeoutMs: 60_000, requestTimeoutMs: 120_000 };
const CAP_LOOPBACK = { ...LONG, capLocalAddresses: true };
const HALF = 'POST /webhooks/twilio/sms HTTP/1.1\r\nHost: x\r\n';
const HEALTHZ = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

async function hold(h: Harness, n: number, sockets: net.Socket[]): Promise<void> {
  for (let i = 0; i < n; i++) sockets.push(await halfRequest(h.url, ATTACKER));
}

describe('one address at its cap', () => {
  let h: Harness;
  const held: net.Socket[] = [];
  beforeAll(async () => {
    // 8 connections in all: without the cap of 4, the attacker's 8 would leave none for Twilio.
    h = await startHarness({ env: { CONNECTIONS_PER_ADDRESS: '4' }, http: { ...CAP_LOOPBACK, maxConnections: 8 } });
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await h.close();
  });

  it("cannot stop another address's signed webhook, and frees its cap as its connections close", async () => {
    await hold(h, 4, held);
    // Past its cap each is closed as it arrives, nothing answered (bounded wait: a socket still open fails the test).
    for (let i = 0; i < 4; i++) expect(await exchange(h.url, ATTACKER, HALF, 10_000)).toEqual({ answer: '', closed: true });

    const sms = await exchange(h.url, TWILIO, signedSms('+14155550123', 'HELP'));
    expect(statusOf(sms.answer)).toBe(200);
    expect(sms.answer).toContain('<Response');

    expect(await readMetrics(h.url)).toMatch(/^headsup_connections_refused_total\{reason="per_address"\} 4$/m);
    const warnings = h.logs.filter((l) => l.includes('CONNECTIONS_PER_ADDRESS'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] as string)).toMatchObject({ level: 40, refused: 1, perAddress: 4 });
    // Never the address: it is Twilio's or the attacker's.
    expect(h.logs.join('\n')).not.toMatch(/127\.0\.0\.[23]/);

    // One closed: the address may open one again (once the server has seen it close).
    (held.shift() as net.Socket).destroy();
    await waitFor(async () => statusOf((await exchange(h.url, ATTACKER, HEALTHZ)).answer) === 200, 10_000, 'a connection from the attacker address again');
  });
});

describe('CONNECTIONS_PER_ADDRESS=off', () => {
  let h: Harness;
  const held: net.Socket[] = [];
  afterEach(async () => {
    for (const s of held.splice(0)) s.destroy();
    await h.close();
  });

  it('lets one address hold more than the default 64', async () => {
    h = await startHarness({ env: { CONNECTIONS_PER_ADDRESS: 'off' }, http: CAP_LOOPBACK });
    await hold(h, 70, held);
    expect(statusOf((await exchange(h.url, ATTACKER, HEALTHZ)).answer)).toBe(200);
    expect(await readMetrics(h.url)).not.toMatch(/^headsup_connections_refused_total\{/m);
  });

  it('leaves only the server-wide cap, which one address can fill (the old behaviour)', async () => {
    h = await startHarness({ env: { CONNECTIONS_PER_ADDRESS: 'off' }, http: { ...CAP_LOOPBACK, maxConnections: 8 } });
    await hold(h, 8, held);
    expect(await exchange(h.url, TWILIO, signedSms('+14155550123', 'HELP'), 10_000)).toEqual({ answer: '', closed: true });
    // /metrics too needs a connection: read once the attacker's are closed.
    for (const s of held.splice(0)) s.destroy();
    let metrics = '';
    await waitFor(async () => (metrics = await readMetrics(h.url).catch(() => '')) !== '', 10_000, '/metrics');
    // At least the webhook's: a read of /metrics before the server saw the attacker's close is dropped too.
    expect(Number(/^headsup_connections_refused_total\{reason="server_full"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });
});

describe('with the default cap', () => {
  let h: Harness;
  const held: net.Socket[] = [];
  afterEach(async () => {
    for (const s of held.splice(0)) s.destroy();
    await h.close();
  });

  it('holds 64 connections from one address and closes the 65th', async () => {
    h = await startHarness({ http: CAP_LOOPBACK });
    await hold(h, 64, held);
    expect(await exchange(h.url, ATTACKER, HEALTHZ, 10_000)).toEqual({ answer: '', closed: true });
    expect(statusOf((await exchange(h.url, TWILIO, HEALTHZ)).answer)).toBe(200);
  });

  it('does not cap a loopback address, where a proxy on this host connects from', async () => {
    h = await startHarness({ http: LONG });
    await hold(h, 70, held);
    expect(statusOf((await exchange(h.url, ATTACKER, HEALTHZ)).answer)).toBe(200);
    expect(await readMetrics(h.url)).not.toMatch(/^headsup_connections_refused_total\{/m);
  });
});

describe('the addresses that are capped', () => {
  it('are public ones, IPv4, IPv6 and IPv4-mapped', () => {
    for (const a of ['203.0.113.9', '8.8.8.8', '172.32.0.1', '2001:db8::1', '::ffff:203.0.113.9']) expect(isLocalAddress(a)).toBe(false);
  });

  it('are not loopback, private or link-local ones, however written', () => {
    const local = ['127.0.0.2', '::1', '10.1.2.3', '172.17.0.1', '172.31.255.255', '192.168.1.1', '169.254.0.5', 'fd12::1', 'fe80::1%eth0', '::ffff:127.0.0.1', '::ffff:ac11:1'];
    for (const a of local) expect(isLocalAddress(a)).toBe(true);
  });
});

describe('the address a connection is counted under', () => {
  it('is the IPv4 address, also as a dual-stack listener reports it', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::FFFF:203.0.113.9')).toBe(addressKey('203.0.113.9'));
    expect(addressKey('203.0.113.9')).not.toBe(addressKey('203.0.113.10'));
  });

  it("is an IPv6 address's /64, however it is written", () => {
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2');
    expect(addressKey('2001:0DB8:0001:0002:0:0:0:7')).toBe('2001:db8:1:2');
    expect(addressKey('2001:db8::3:4:5:6:7')).toBe('2001:db8:0:3');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0');
    expect(addressKey('::1')).toBe('0:0:0:0');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  });
});

describe('CONNECTIONS_PER_ADDRESS', () => {
  const env = (value?: string) => ({ NODE_ENV: 'test', ...(value === undefined ? {} : { CONNECTIONS_PER_ADDRESS: value }) });

  it('is 64 by default, a whole number from 1 to 256, or off', () => {
    expect(readConfig(env()).config.connectionsPerAddress).toBe(64);
    expect(readConfig(env('')).config.connectionsPerAddress).toBe(64);
    expect(readConfig(env('1')).config.connectionsPerAddress).toBe(1);
    expect(readConfig(env(' 256 ')).config.connectionsPerAddress).toBe(256);
    expect(readConfig(env('off')).config.connectionsPerAddress).toBeNull();
    expect(readConfig(env('OFF')).config.connectionsPerAddress).toBeNull();
  });

  it.each(['0', '257', '-1', '4.5', 'no', '32 connections'])('refuses %j, naming the variable', (value) => {
    expect(() => readConfig(env(value))).toThrow(/^CONNECTIONS_PER_ADDRESS: expected a whole number from 1 to 256, or off \(behind a reverse proxy reaching it from a public address/);
  });
});
