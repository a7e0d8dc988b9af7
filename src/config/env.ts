/**
 * Reads the process environment into a validated Config. Step one of three
 * (raw env → derived, validated config → secrets kept apart), so a bad value
 * stops start-up with a message naming the variable and what it expects.
 */
import { isIP } from 'node:net';
import { canonicalModerator } from '../phone/identity';

export type ReceiveMode = 'websocket' | 'poll';
export type SubscribeMode = 'open' | 'approval';

export interface TwilioConfig {
  accountSid: string;
  fromNumber?: string;
  messagingServiceSid?: string;
  apiBaseUrl: string;
}

export interface SignalConfig {
  apiUrl: string;
  number: string;
  receiveMode: ReceiveMode;
}

export interface Config {
  nodeEnv: string;
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  twilio?: TwilioConfig;
  signal?: SignalConfig;
  /** Canonical moderator identities: E.164 numbers and lower-case Signal UUIDs. */
  moderators: string[];
  subscribeMode: SubscribeMode;
  sendRate: number;
  retentionDays: number;
  /** Most areas one member may hold (MAX_AREAS). */
  maxAreas: number;
  logLevel: string;
}

/** Values that must never be logged or stored in the database. */
export interface Secrets {
  /** Raw base64 from HEADSUP_MASTER_KEY, if set; decoded in master-key.ts. */
  masterKeyBase64?: string;
  twilioAuthToken?: string;
}

/** A configuration value that is wrong; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
  ) {
    super(`${variable}: ${expected}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

function num(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max) {
    throw new ConfigError(name, `expected a number from ${min} to ${max}`);
  }
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], def: T): T {
  const raw = str(env, name);
  if (raw === undefined) return def;
  const v = raw.toLowerCase() as T;
  if (!allowed.includes(v)) throw new ConfigError(name, `expected one of ${allowed.join(', ')}`);
  return v;
}

function url(env: Env, name: string, def?: string): string | undefined {
  const raw = str(env, name) ?? def;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'expected an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, 'expected an absolute http(s) URL');
  }
  return raw.replace(/\/+$/, '');
}

// A DNS name: dot-separated labels of letters, digits and inner hyphens.
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function hostOf(env: Env): string {
  const host = str(env, 'HOST') ?? '127.0.0.1';
  if (!isIP(host) && !HOST_NAME.test(host)) throw new ConfigError('HOST', 'expected an IP address or host name to listen on, such as 127.0.0.1 or 0.0.0.0');
  return host;
}

function readTwilio(env: Env): TwilioConfig | undefined {
  const accountSid = str(env, 'TWILIO_ACCOUNT_SID');
  const token = str(env, 'TWILIO_AUTH_TOKEN');
  if (!accountSid && !token) return undefined;
  if (!accountSid || !/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new ConfigError('TWILIO_ACCOUNT_SID', 'expected AC followed by 32 hex characters (set it with TWILIO_AUTH_TOKEN)');
  }
  if (!token) throw new ConfigError('TWILIO_AUTH_TOKEN', 'expected the auth token of TWILIO_ACCOUNT_SID');
  const fromNumber = str(env, 'TWILIO_FROM_NUMBER');
  const messagingServiceSid = str(env, 'TWILIO_MESSAGING_SERVICE_SID');
  if (!fromNumber && !messagingServiceSid) {
    throw new ConfigError('TWILIO_FROM_NUMBER', 'expected an E.164 number, or set TWILIO_MESSAGING_SERVICE_SID instead');
  }
  if (fromNumber && !/^\+[1-9]\d{6,14}$/.test(fromNumber)) {
    throw new ConfigError('TWILIO_FROM_NUMBER', 'expected an E.164 number such as +14155550100');
  }
  if (messagingServiceSid && !/^MG[0-9a-fA-F]{32}$/.test(messagingServiceSid)) {
    throw new ConfigError('TWILIO_MESSAGING_SERVICE_SID', 'expected MG followed by 32 hex characters');
  }
  return {
    accountSid,
    fromNumber,
    messagingServiceSid,
    apiBaseUrl: url(env, 'TWILIO_API_BASE_URL', 'https://api.twilio.com') as string,
  };
}

function readSignal(env: Env): SignalConfig | undefined {
  const apiUrl = url(env, 'SIGNAL_API_URL');
  const number = str(env, 'SIGNAL_NUMBER');
  if (!apiUrl && !number) return undefined;
  if (!apiUrl) throw new ConfigError('SIGNAL_API_URL', 'expected the URL of signal-cli-rest-api (set it with SIGNAL_NUMBER)');
  if (!number || !/^\+[1-9]\d{6,14}$/.test(number)) {
    throw new ConfigError('SIGNAL_NUMBER', "expected the bot's registered number in E.164, such as +14155550100");
  }
  return { apiUrl, number, receiveMode: oneOf(env, 'SIGNAL_RECEIVE_MODE', ['websocket', 'poll'] as const, 'websocket') };
}

function readModerators(env: Env): string[] {
  const raw = str(env, 'MODERATORS');
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry, i) => {
      const canonical = canonicalModerator(entry);
      if (!canonical) {
        // Position only: the value itself may be a phone number.
        throw new ConfigError('MODERATORS', `entry ${i + 1} is neither an E.164 number nor a Signal UUID`);
      }
      return canonical;
    });
}

/** Parses and validates the environment. Throws ConfigError on the first bad value. */
export function readConfig(env: Env): { config: Config; secrets: Secrets } {
  const nodeEnv = str(env, 'NODE_ENV') ?? 'development';
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = hostOf(env);
  const logLevel = oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
  const masterKeyBase64 = str(env, 'HEADSUP_MASTER_KEY');
  if (nodeEnv === 'production' && !masterKeyBase64) {
    throw new ConfigError('HEADSUP_MASTER_KEY', 'required when NODE_ENV=production: base64 of 32 random bytes (openssl rand -base64 32)');
  }
  const twilio = readTwilio(env);
  const config: Config = {
    nodeEnv,
    port,
    host,
    dataDir: str(env, 'DATA_DIR') ?? './data',
    publicUrl: url(env, 'PUBLIC_URL', `http://${host.includes(':') ? `[${host}]` : host}:${port}`) as string,
    twilio,
    signal: readSignal(env),
    moderators: readModerators(env),
    subscribeMode: oneOf(env, 'SUBSCRIBE_MODE', ['open', 'approval'] as const, 'open'),
    sendRate: num(env, 'SEND_RATE', 10, 0.01, 100000),
    retentionDays: int(env, 'RETENTION_DAYS', 90, 1, 3650),
    maxAreas: int(env, 'MAX_AREAS', 10, 1, 1000),
    logLevel,
  };
  return { config, secrets: { masterKeyBase64, twilioAuthToken: twilio ? str(env, 'TWILIO_AUTH_TOKEN') : undefined } };
}
