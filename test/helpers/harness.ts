/**
 * Boots the real server (same composition as main.ts) on a loopback port
 * against a temporary SQLite file, collects its log lines and console
 * output, and sends correctly signed Twilio webhooks to it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import twilio from 'twilio';
import type { BotLimits } from '../../src/bot/context';
import type { ChannelSender } from '../../src/channels/types';
import { readConfig } from '../../src/config/env';
import { createLogger } from '../../src/log/logger';
import type { DispatcherOptions } from '../../src/outbox/dispatcher';
import { createServer, type HeadsUp, type ServerOptions } from '../../src/server';
import { FakeTwilio } from '../fakes/fake-twilio';
import { newSid } from './provider-ids';
import { tempDir } from './temp-dir';

// The light helpers, for the tests that use the harness too.
export { newSid } from './provider-ids';
export { tempDir } from './temp-dir';
export { waitFor } from './wait-for';

export const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const FROM_NUMBER = '+15005550006';
/** Twilio signs against the public URL; requests really go to loopback, as behind a proxy. */
export const PUBLIC_URL = 'https://headsup.example.org';
/** The bot's Signal number in tests. */
export const SIGNAL_NUMBER = '+15005550199';

export interface HarnessOptions {
  env?: Record<string, string>;
  limits?: BotLimits;
  dispatcher?: Partial<DispatcherOptions>;
  senders?: ChannelSender[];
  /** Reuse a data directory (restart tests). */
  dataDir?: string;
  /** Sign webhooks with AUTH_TOKEN and configure Twilio (default true). */
  twilio?: boolean;
  twilioApiBaseUrl?: string;
  /** Configure Signal against this signal-cli-rest-api (a FakeSignal's url). */
  signalApiUrl?: string;
  signalReceiveMode?: 'websocket' | 'poll';
  /** Signal tuning; short test defaults are used otherwise. */
  signal?: ServerOptions['signal'];
  /** HTTP connection and time limits (shortened by the edge tests). */
  http?: ServerOptions['http'];
  /** Cleanup of Twilio's copy (TWILIO_REDACT): shortened waits. */
  cleanup?: ServerOptions['cleanup'];
  /** The follow-up of RETRACT: shortened waits. */
  retractions?: ServerOptions['retractions'];
  /** The server's clock (restart tests move it on). */
  now?: () => number;
  /** How often check-in timers are looked for (1 s in production; shorter here, so a test's check-in ends when it is due). */
  checkinPollMs?: number;
  /** How often alerts approved by the admin command are looked for (5 s by default, as in production). */
  plannerWatchMs?: number;
  /** How often the database's files are watched for removal (1 s by default, as in production). */
  lineWatchMs?: number;
}

export interface SmsReply {
  status: number;
  body: string;
  /** The <Message> text of a TwiML reply, or null when none. */
  message: string | null;
}

export interface Harness {
  server: HeadsUp;
  url: string;
  dataDir: string;
  logs: string[];
  consoleLines: string[];
  /** Sends a signed inbound SMS; `sid` defaults to a fresh MessageSid. */
  sms(from: string, body: string, opts?: { sid?: string; signature?: string | null; extra?: Record<string, string> }): Promise<SmsReply>;
  /** Posts a signed form to a path. */
  postForm(pathname: string, fields: Record<string, string>, opts?: { signature?: string | null; contentType?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** The harness's METRICS_TOKEN: without one there is no /metrics. */
export const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

/** The text of /metrics of a server at `url` started with METRICS_TOKEN (the harness's, or a child given it). */
export async function readMetrics(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/**
 * The harness's Signal receiver tuning: quick pings, reconnects and polls. A pong is waited for 5 s: a test
 * process stalled longer than the wait (a loaded CI) would reconnect, and what a test pushes meanwhile is lost.
 */
export const TEST_RECEIVER = { pingMs: 200, pongTimeoutMs: 5_000, reconnectBaseMs: 20, reconnectMaxMs: 200, pollMs: 20, pollTimeoutS: 1, boundMs: 3_000 };

/** A fixed test master key (base64 of 32 bytes). */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** A child server's environment on a real DATA_DIR with Twilio against a fake (test/helpers/child-server.ts starts it); `extra` added over it. */
export function twilioChildEnv(dataDir: string, twilioUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    TWILIO_API_BASE_URL: twilioUrl,
    ...extra,
  };
}

/** The TwiML <Message> text, unescaped. */
export function twimlMessage(xml: string): string | null {
  const m = /<Message(?: [^>]*)?>([\s\S]*?)<\/Message>/.exec(xml);
  if (!m) return null;
  return (m[1] as string)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A signed inbound SMS to a server at `url` (a child process, say); returns the reply its TwiML carries. */
export async function smsTo(url: string, from: string, body: string): Promise<string | null> {
  const fields = { MessageSid: newSid(), AccountSid: ACCOUNT_SID, From: from, To: FROM_NUMBER, Body: body };
  const res = await fetch(`${url}/webhooks/twilio/sms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, fields),
    },
    body: new URLSearchParams(fields).toString(),
  });
  return twimlMessage(await res.text());
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dataDir = opts.dataDir ?? tempDir();
  const useTwilio = opts.twilio ?? true;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL,
    HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
    METRICS_TOKEN,
    LOG_LEVEL: 'debug',
    ...(useTwilio
      ? {
          TWILIO_ACCOUNT_SID: ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: AUTH_TOKEN,
          TWILIO_FROM_NUMBER: FROM_NUMBER,
          TWILIO_API_BASE_URL: opts.twilioApiBaseUrl ?? 'http://127.0.0.1:9',
        }
      : {}),
    ...(opts.signalApiUrl
      ? { SIGNAL_API_URL: opts.signalApiUrl, SIGNAL_NUMBER, SIGNAL_RECEIVE_MODE: opts.signalReceiveMode ?? 'websocket' }
      : {}),
    ...opts.env,
  };
  const { config, secrets } = readConfig(env);
  const logs: string[] = [];
  const consoleLines: string[] = [];
  const log = createLogger(config.logLevel, { write: (line: string) => void logs.push(line) });
  const server = await createServer({
    config,
    secrets,
    log,
    limits: opts.limits,
    dispatcher: { pollMs: 50, ...opts.dispatcher },
    senders: opts.senders,
    signal: opts.signal ?? {
      throttle: { baseMs: 100, maxMs: 800 },
      receiver: TEST_RECEIVER,
    },
    consoleOut: (line) => consoleLines.push(line),
    http: opts.http,
    // Deletions of Twilio's copies are written a tick after each webhook, not 200 ms later.
    cleanup: { inboundBatchMs: 0, ...opts.cleanup },
    retractions: opts.retractions,
    checkinPollMs: opts.checkinPollMs ?? 100,
    plannerWatchMs: opts.plannerWatchMs,
    lineWatchMs: opts.lineWatchMs,
    now: opts.now,
  });
  const url = await server.start();

  const postForm: Harness['postForm'] = async (pathname, fields, o = {}) => {
    const signature = o.signature === undefined ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + pathname, fields) : o.signature;
    const headers: Record<string, string> = { 'content-type': o.contentType ?? 'application/x-www-form-urlencoded' };
    if (signature !== null) headers['x-twilio-signature'] = signature;
    return fetch(url + pathname, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  };

  return {
    server,
    url,
    dataDir,
    logs,
    consoleLines,
    postForm,
    async sms(from, body, o = {}) {
      const fields: Record<string, string> = {
        MessageSid: o.sid ?? newSid(),
        AccountSid: ACCOUNT_SID,
        From: from,
        To: FROM_NUMBER,
        Body: body,
        NumMedia: '0',
        ...o.extra,
      };
      const res = await postForm('/webhooks/twilio/sms', fields, { signature: o.signature });
      const text = await res.text();
      return { status: res.status, body: text, message: res.status === 200 ? twimlMessage(text) : null };
    },
    async close() {
      await server.close();
    },
  };
}

/** A server whose SMS goes to a fresh fake Twilio; `stop` closes both. */
export interface TwilioLine {
  fake: FakeTwilio;
  h: Harness;
  stop: () => Promise<void>;
}

export async function startTwilioLine(opts: HarnessOptions = {}): Promise<TwilioLine> {
  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await fake.start();
  const h = await startHarness({ twilioApiBaseUrl: fake.url, ...opts });
  return { fake, h, stop: async () => (await h.close(), await fake.stop()) };
}

/** The report reference ("#AB12") a reply names, without its #; throws when it names none. */
export function refOf(text: string | null | undefined): string {
  const m = /#([A-Z0-9]{4,6})/.exec(text ?? '');
  if (!m) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return m[1] as string;
}
