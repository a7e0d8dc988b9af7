/**
 * A PUBLIC_URL that is not the address Twilio signs (another port, another
 * path) makes every text a 403: the log must say so at warn, with a fixed
 * hint and nothing from the request, and only once in a while, since
 * forged webhooks are an attack anyone can repeat.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import twilio from 'twilio';
import { Regions } from '../../src/alerts/regions';
import { buildApp } from '../../src/app';
import { Bot } from '../../src/bot/bot';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, newSid, PUBLIC_URL, tempDir } from '../helpers/harness';

const PATH = '/webhooks/twilio/sms';
const SENDER = '+12065550171';
const BODY = 'bad date on 5th ave';

describe('a webhook refused for its signature', () => {
  let db: Db;
  let lines: Record<string, unknown>[];
  let now: number;
  let app: ReturnType<typeof buildApp>;

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterAll(() => db.close());

  beforeEach(() => {
    lines = [];
    now = Date.UTC(2026, 11, 2, 0, 0, 0);
    // LOG_LEVEL=warn: the level an operator who wants a quiet log runs at.
    const log = createLogger('warn', new Writable({ write: (c, _e, done) => (lines.push(JSON.parse(String(c))), done()) }));
    const metrics = new Metrics(db);
    const vault = new Vault(new Uint8Array(32).fill(3));
    const bot = new Bot({
      db, vault, regions: Regions.load(), moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
      limits: DEFAULT_LIMITS, now: () => now, onQueued: () => undefined, onAlert: () => undefined,
    });
    const inbound = new InboundPath({ message: bot.message, log, metrics, now: () => now });
    app = buildApp({
      log,
      metrics,
      twilio: { inbound, db, vault, metrics, publicUrl: PUBLIC_URL, authToken: AUTH_TOKEN, carrier: true, now: () => now },
      health: { database: () => 'ready' as const, providers: async () => ({}), channels: () => ({}) },
    });
  });

  /** A webhook as Twilio sends it when the number's URL is `signedBase` + PATH (or, unsigned, as anyone can). */
  function post(signedBase: string | null) {
    const fields = { MessageSid: newSid(), AccountSid: ACCOUNT_SID, From: SENDER, To: FROM_NUMBER, Body: BODY };
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (signedBase !== null) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(AUTH_TOKEN, signedBase + PATH, fields);
    return app.inject({ method: 'POST', url: PATH, headers, payload: new URLSearchParams(fields).toString() });
  }

  const warnings = () => lines.filter((l) => l.level === 40 && String(l.msg).includes('signature does not match'));

  it('is logged at warn with a hint naming PUBLIC_URL and doctor, and nothing from the request', async () => {
    expect((await post('https://headsup.example.org:8443')).statusCode).toBe(403);
    expect(warnings()).toHaveLength(1);
    const text = JSON.stringify(warnings()[0]);
    expect(text).toContain('PUBLIC_URL');
    expect(text).toContain('doctor');
    for (const leak of ['example.org', '8443', '2065550171', '5th ave', SENDER]) expect(text).not.toContain(leak);
  });

  it('is logged once in five minutes however many come, then again with the count refused meanwhile', async () => {
    for (let i = 0; i < 20; i++) expect((await post('https://elsewhere.example.net')).statusCode).toBe(403);
    expect(warnings()).toHaveLength(1);
    now += 4 * 60_000;
    await post('https://elsewhere.example.net');
    expect(warnings()).toHaveLength(1);
    now += 60_000;
    await post('https://elsewhere.example.net');
    expect(warnings()).toHaveLength(2);
    // The 20 after the first warning, and this one.
    expect(warnings()[1]?.refused).toBe(21);
  });

  it('is logged again once the clock is stepped back, not silenced until it catches up', async () => {
    await post('https://elsewhere.example.net');
    now -= 3_600_000;
    await post('https://elsewhere.example.net');
    expect(warnings()).toHaveLength(2);
  });

  it('is not logged for a webhook with no signature at all (not Twilio: nothing to fix in PUBLIC_URL)', async () => {
    expect((await post(null)).statusCode).toBe(403);
    expect(warnings()).toHaveLength(0);
  });

  it('is not logged for one signed for PUBLIC_URL', async () => {
    expect((await post(PUBLIC_URL)).statusCode).toBe(200);
    expect(warnings()).toHaveLength(0);
  });
});
