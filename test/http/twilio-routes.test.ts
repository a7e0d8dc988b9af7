/**
 * The Twilio webhook route through Fastify's inject (no socket needed): it
 * checks the signature, hands the message to the inbound path and answers
 * with TwiML; the carrier's own keywords are acted on without a second
 * answer, unless no carrier is there to answer them (the console channel).
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
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, newSid, PUBLIC_URL, tempDir, twimlMessage } from '../helpers/harness';

const PATH = '/webhooks/twilio/sms';

describe('POST /webhooks/twilio/sms', () => {
  let db: Db;
  let build: (carrier: boolean, publicUrl?: string) => ReturnType<typeof buildApp>;

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const vault = new Vault(new Uint8Array(32).fill(3));
    const log = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
    const metrics = new Metrics(db);
    const bot = new Bot({
      db, vault, regions: Regions.load(), moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
      limits: DEFAULT_LIMITS, now: Date.now, onQueued: () => undefined, onAlert: () => undefined,
    });
    const inbound = new InboundPath({ message: bot.message, log, metrics, now: Date.now });
    build = (carrier, publicUrl = PUBLIC_URL) =>
      buildApp({
        log,
        metrics,
        twilio: { inbound, db, vault, metrics, publicUrl, authToken: AUTH_TOKEN, carrier, now: Date.now },
        health: { database: () => 'ready', providers: async () => ({}), channels: () => ({}) },
      });
  });
  afterAll(() => db.close());

  function post(app: ReturnType<typeof buildApp>, from: string, body: string, signed = true, signedUrl = PUBLIC_URL + PATH) {
    const fields = { MessageSid: newSid(), AccountSid: ACCOUNT_SID, From: from, To: FROM_NUMBER, Body: body };
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (signed) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(AUTH_TOKEN, signedUrl, fields);
    return app.inject({ method: 'POST', url: PATH, headers, payload: new URLSearchParams(fields).toString() });
  }

  it('answers a signed JOIN with TwiML carrying the reply', async () => {
    const res = await post(build(true), '+12065550150', 'JOIN');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(twimlMessage(res.body)).toContain('alerts for 206');
  });

  // Twilio posts each field once: a repeated one is a signed form cut again (twilio-routes.ts, recut).
  it('refuses a field posted twice with 400, though signed over both as Twilio signs it, and acts on nothing', async () => {
    const app = build(true);
    const fields = { MessageSid: newSid(), AccountSid: ACCOUNT_SID, From: ['+12065550159', '+13125550159'], To: FROM_NUMBER, Body: ['JOIN', 'AREAS'] };
    const payload = 'MessageSid=' + fields.MessageSid + '&AccountSid=' + ACCOUNT_SID + '&From=%2B12065550159&From=%2B13125550159&To=' +
      encodeURIComponent(FROM_NUMBER) + '&Body=JOIN&Body=AREAS';
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + PATH, fields) };
    const res = await app.inject({ method: 'POST', url: PATH, headers, payload });
    expect(res.statusCode).toBe(400);
    expect(twimlMessage((await post(app, '+12065550159', 'AREAS')).body)).toContain('not subscribed');
    expect(twimlMessage((await post(app, '+13125550159', 'AREAS')).body)).toContain('not subscribed');
  });

  it('refuses an unsigned one with 403 and acts on nothing', async () => {
    const app = build(true);
    expect((await post(app, '+12065550151', 'JOIN', false)).statusCode).toBe(403);
    expect(twimlMessage((await post(app, '+12065550151', 'AREAS')).body)).toContain('not subscribed');
  });

  it('accepts, for a PUBLIC_URL that writes the default port, the signature over the URL without it (as Twilio signs https)', async () => {
    const host = new URL(PUBLIC_URL).host;
    const app = build(true, `https://${host}:443`);
    expect((await post(app, '+12065550160', 'AREAS', true, `https://${host}${PATH}`)).statusCode).toBe(200);
    expect((await post(app, '+12065550160', 'AREAS', true, `https://${host}:443${PATH}`)).statusCode).toBe(200);
    // Only the default port: another port is part of what Twilio signs, and a port-less PUBLIC_URL is not tried with one.
    expect((await post(build(true, `https://${host}:8443`), '+12065550160', 'AREAS', true, `https://${host}${PATH}`)).statusCode).toBe(403);
    expect((await post(build(true, `https://${host}`), '+12065550160', 'AREAS', true, `https://${host}:443${PATH}`)).statusCode).toBe(403);
  });

  it('leaves a bare HELP to Twilio, and answers it where no carrier does', async () => {
    const withTwilio = await post(build(true), '+12065550152', 'HELP');
    expect(withTwilio.statusCode).toBe(200);
    expect(twimlMessage(withTwilio.body)).toBeNull();
    expect(twimlMessage((await post(build(false), '+12065550152', 'HELP')).body)).toContain('JOIN 415');
  });

  it('acts on a STOP Twilio answered, silently, and names START when it answers one itself', async () => {
    const app = build(true);
    await post(app, '+12065550153', 'JOIN');
    expect(twimlMessage((await post(app, '+12065550153', 'STOP')).body)).toBeNull();
    expect(twimlMessage((await post(app, '+12065550153', 'AREAS')).body)).toContain('no alert areas');
    expect(twimlMessage((await post(build(false), '+12065550154', 'STOP')).body)).toContain('START');
  });
});
