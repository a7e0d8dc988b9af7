/**
 * Reads the process environment into a validated Config in three steps: the
 * raw variables checked against a declared zod schema (secrets in a schema
 * of their own), then the rules between variables, then the derived config
 * with the secrets kept apart. A bad value stops start-up with a message
 * naming the variable and what it expects, never quoting the value.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { canonicalModerator } from '../phone/identity';
import { ConfigError } from './config-error';
import { HOST_NAME, httpUrl, number, oneOf, optional, pattern, wholeNumber } from './env-values';

export { ConfigError };

export type ReceiveMode = 'websocket' | 'poll';
export type SubscribeMode = 'open' | 'approval';

export interface TwilioConfig {
  accountSid: string;
  fromNumber?: string;
  messagingServiceSid?: string;
  apiBaseUrl: string;
  /** TWILIO_REDACT: redact finished sent bodies and delete handled inbound messages at Twilio. */
  redact: boolean;
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
  /** CONNECTIONS_PER_ADDRESS: open connections one public remote address may hold; null: off. */
  connectionsPerAddress: number | null;
  // Reach (issue 12)
  /** AREAS_FILE: the line's own areas; North American area codes when unset. */
  areasFile?: string;
  /** DEFAULT_COUNTRY: how national-format numbers in reports and CHECK are read. */
  defaultCountry: CountryCode;
  /** DISCREET_DEFAULT: new members get discreet alerts. */
  discreetDefault: boolean;
  /** DISCREET_TIMER_SECONDS: the disappearing-messages timer discreet sets on a Signal member's conversation (0: none). */
  discreetTimerSeconds: number;
  // Check-ins (issue 13)
  checkin: CheckinConfig;
  /** TZ as set: Node reads it itself (check-in times); kept so a zone it does not know can be warned of. */
  timeZone?: string;
}

/** CHECKIN_*: who hears of a missed check-in without a buddy, and the bounds of a check-in in minutes. */
export interface CheckinConfig {
  fallback: 'moderators' | 'none';
  minMinutes: number;
  maxMinutes: number;
}

/** Values that must never be logged or stored in the database. */
export interface Secrets {
  /** Raw base64 from HEADSUP_MASTER_KEY, if set; decoded in master-key.ts. */
  masterKeyBase64?: string;
  twilioAuthToken?: string;
  /** METRICS_TOKEN: /metrics exists only with it, as a bearer token. */
  metricsToken?: string;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const E164 = /^\+[1-9]\d{6,14}$/;
/** A path segment "webhooks": where the line's own webhook paths begin, never part of PUBLIC_URL (doctor cuts a URL there too). */
export const WEBHOOK_SEGMENT = /\/webhooks(\/|$)/i;
/** The position of the first MODERATORS entry that is neither a number nor a UUID, or -1. */
function badModerator(entries: string[]): number {
  return entries.findIndex((entry) => !canonicalModerator(entry));
}

/**
 * Every variable that is not a secret, with the rule it must follow and what
 * a wrong value is told. Rules between variables come after, in readConfig.
 */
export const ENV_SCHEMA = z.object({
  // Exactly one of these: a typo ("Production") would otherwise run a public line as a development
  // server (a generated key, unsigned webhooks on the console channel).
  NODE_ENV: optional(z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' })).default('development'),
  PORT: optional(wholeNumber(0, 65535)).default(3000),
  HOST: optional(
    z.string().refine((h) => isIP(h) !== 0 || HOST_NAME.test(h), { error: 'expected an IP address or host name to listen on, such as 127.0.0.1 or 0.0.0.0' }),
  ).default('127.0.0.1'),
  LOG_LEVEL: optional(oneOf(LOG_LEVELS)).default('info'),
  DATA_DIR: optional(z.string()).default('./data'),
  // The base address only: the line adds each webhook's path itself, so a pasted webhook URL doubles it (every text a 404).
  PUBLIC_URL: optional(
    httpUrl.refine((url) => !WEBHOOK_SEGMENT.test(new URL(url).pathname), {
      error: 'expected the base address only, such as https://headsup.example.org (a path prefix of a reverse proxy, such as https://org.example/headsup, may follow), not a webhook URL: the line adds /webhooks/… itself',
    }),
  ),
  TWILIO_ACCOUNT_SID: optional(pattern(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex characters (set it with TWILIO_AUTH_TOKEN)')),
  TWILIO_FROM_NUMBER: optional(pattern(E164, 'expected an E.164 number such as +14155550100')),
  TWILIO_MESSAGING_SERVICE_SID: optional(pattern(/^MG[0-9a-fA-F]{32}$/, 'expected MG followed by 32 hex characters')),
  TWILIO_API_BASE_URL: optional(httpUrl).default('https://api.twilio.com'),
  TWILIO_REDACT: optional(oneOf(['on', 'off'] as const)).default('on'),
  SIGNAL_API_URL: optional(httpUrl),
  SIGNAL_NUMBER: optional(pattern(E164, "expected the bot's registered number in E.164, such as +14155550100")),
  // poll by default: signal-cli-rest-api in normal/native mode keeps messages on Signal's servers while Heads Up is down.
  SIGNAL_RECEIVE_MODE: optional(oneOf(['websocket', 'poll'] as const)).default('poll'),
  MODERATORS: optional(
    z
      .string()
      .transform((raw) =>
        raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      )
      // Position only: the value itself may be a phone number.
      .refine((entries) => badModerator(entries) === -1, {
        error: (issue) => `entry ${badModerator(issue.input as string[]) + 1} is neither an E.164 number nor a Signal UUID`,
      })
      // Once canonical, one moderator listed twice ("+14155550199,+1 415 555 0199") is one: else each notice went twice.
      .transform((entries) => [...new Set(entries.map((e) => canonicalModerator(e) as string))]),
  ).default([]),
  SUBSCRIBE_MODE: optional(oneOf(['open', 'approval'] as const)).default('open'),
  SEND_RATE: optional(number(0.01, 100000)).default(10),
  RETENTION_DAYS: optional(wholeNumber(1, 3650)).default(90),
  MAX_AREAS: optional(wholeNumber(1, 1000)).default(10),
  // Local and private addresses are never capped; a proxy reaching the server from a public address needs off.
  CONNECTIONS_PER_ADDRESS: optional(
    z
      .string()
      .refine((v) => /^off$/i.test(v) || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 256), {
        error: 'expected a whole number from 1 to 256, or off (behind a reverse proxy reaching it from a public address, where every connection comes from that address)',
      })
      .transform((v) => (/^off$/i.test(v) ? null : Number(v))),
  ).default(64),
  // Check-ins (issue 13). Below 1 minute only with NODE_ENV=test (checked in readConfig).
  CHECKIN_FALLBACK: optional(oneOf(['moderators', 'none'] as const)).default('none'),
  CHECKIN_MIN_MINUTES: optional(number(0.01, 10080)).default(10),
  CHECKIN_MAX_MINUTES: optional(wholeNumber(1, 10080)).default(720),
  // Reach (issue 12)
  AREAS_FILE: optional(z.string()),
  DEFAULT_COUNTRY: optional(
    z
      .string()
      .transform((v) => v.toUpperCase())
      .refine((v) => isSupportedCountry(v), { error: 'expected a 2-letter ISO 3166 country code, such as US, GB or MX' })
      .transform((v) => v as CountryCode),
  ).default('US'),
  DISCREET_DEFAULT: optional(oneOf(['on', 'off'] as const)).default('off'),
  // Signal offers timers up to 4 weeks.
  DISCREET_TIMER_SECONDS: optional(wholeNumber(0, 2_419_200)).default(86_400),
  // Read by Node itself; not refused here, as glibc forms Node cannot read (":/etc/localtime") are common.
  TZ: optional(z.string()),
});

/** The secrets, kept apart: only whether they are set is checked here (the master key is decoded in master-key.ts). */
const SECRETS_SCHEMA = z.object({
  HEADSUP_MASTER_KEY: optional(z.string()),
  TWILIO_AUTH_TOKEN: optional(z.string()),
  METRICS_TOKEN: optional(z.string()),
});

/** The first broken rule of `schema` as a ConfigError naming its variable. */
function parseOrThrow<T extends z.ZodType>(schema: T, env: Env): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  throw new ConfigError(String(issue.path[0]), issue.message);
}

/**
 * Check-in bounds that cross, named by the one the operator set (naming the
 * other, left at its default, sent them to a variable they never set). The
 * numbers are quoted: they are bounds, not secrets.
 */
function checkinBoundsCrossed(env: Env, min: number, max: number): ConfigError {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (!set('CHECKIN_MAX_MINUTES')) {
    return new ConfigError('CHECKIN_MIN_MINUTES', `${min} is above CHECKIN_MAX_MINUTES (${max}, its default): set it to ${max} or less, or set CHECKIN_MAX_MINUTES higher`);
  }
  if (!set('CHECKIN_MIN_MINUTES')) {
    return new ConfigError('CHECKIN_MAX_MINUTES', `${max} is below CHECKIN_MIN_MINUTES (${min}, its default): set it to ${Math.ceil(min)} or more, or set CHECKIN_MIN_MINUTES lower`);
  }
  return new ConfigError('CHECKIN_MAX_MINUTES', `${max} is below CHECKIN_MIN_MINUTES (${min}): raise CHECKIN_MAX_MINUTES or lower CHECKIN_MIN_MINUTES`);
}

/** Parses and validates the environment. Throws ConfigError on the first bad value. */
export function readConfig(env: Env): { config: Config; secrets: Secrets } {
  const e = parseOrThrow(ENV_SCHEMA, env);
  const s = parseOrThrow(SECRETS_SCHEMA, env);
  const production = e.NODE_ENV === 'production';
  if (production && !s.HEADSUP_MASTER_KEY) {
    throw new ConfigError('HEADSUP_MASTER_KEY', 'required when NODE_ENV=production: base64 of 32 random bytes (openssl rand -base64 32)');
  }
  const twilio = readTwilio(e, s.TWILIO_AUTH_TOKEN);
  const signal = readSignal(e);
  if (production && !twilio && !signal) {
    throw new ConfigError(
      'NODE_ENV',
      'production needs a provider: Twilio (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER) or Signal (SIGNAL_API_URL, SIGNAL_NUMBER); the console channel prints messages and is for development only',
    );
  }
  // Twilio signs the address it calls: checked against http://HOST:PORT, every webhook would be refused.
  if (production && twilio && !e.PUBLIC_URL) {
    throw new ConfigError('PUBLIC_URL', 'required with Twilio when NODE_ENV=production: the https address Twilio calls, such as https://headsup.example.org');
  }
  // Twilio refuses a StatusCallback whose host is not a valid host name (an underscore, an empty label): error 21609 at every send.
  if (twilio && e.PUBLIC_URL && !twilioTakesHost(e.PUBLIC_URL)) {
    throw new ConfigError('PUBLIC_URL', 'expected a host name Twilio accepts for its status callbacks: letters, digits, hyphens and dots, no underscores (or an IP address)');
  }
  // Check-ins (issue 13): a check-in shorter than a minute is for end-to-end tests only.
  if (e.CHECKIN_MIN_MINUTES < 1 && e.NODE_ENV !== 'test') throw new ConfigError('CHECKIN_MIN_MINUTES', 'expected a number from 1 to 10080 (below 1 only with NODE_ENV=test)');
  if (e.CHECKIN_MIN_MINUTES > e.CHECKIN_MAX_MINUTES) throw checkinBoundsCrossed(env, e.CHECKIN_MIN_MINUTES, e.CHECKIN_MAX_MINUTES);
  const host = e.HOST;
  const config: Config = {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host,
    dataDir: e.DATA_DIR,
    publicUrl: e.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${e.PORT}`,
    twilio,
    signal,
    moderators: e.MODERATORS,
    subscribeMode: e.SUBSCRIBE_MODE,
    sendRate: e.SEND_RATE,
    retentionDays: e.RETENTION_DAYS,
    maxAreas: e.MAX_AREAS,
    logLevel: e.LOG_LEVEL,
    connectionsPerAddress: e.CONNECTIONS_PER_ADDRESS,
    checkin: { fallback: e.CHECKIN_FALLBACK, minMinutes: e.CHECKIN_MIN_MINUTES, maxMinutes: e.CHECKIN_MAX_MINUTES },
    areasFile: e.AREAS_FILE,
    defaultCountry: e.DEFAULT_COUNTRY,
    discreetDefault: e.DISCREET_DEFAULT === 'on',
    discreetTimerSeconds: e.DISCREET_TIMER_SECONDS,
    timeZone: e.TZ,
  };
  return {
    config,
    secrets: { masterKeyBase64: s.HEADSUP_MASTER_KEY, twilioAuthToken: twilio ? s.TWILIO_AUTH_TOKEN : undefined, metricsToken: s.METRICS_TOKEN },
  };
}

type ParsedEnv = z.output<typeof ENV_SCHEMA>;

/** Twilio is configured by its account and token together, with a sender. */
function readTwilio(e: ParsedEnv, token: string | undefined): TwilioConfig | undefined {
  const accountSid = e.TWILIO_ACCOUNT_SID;
  // A sender set alone is a Twilio line half configured: left out, it would run without SMS and say nothing.
  const sender = e.TWILIO_FROM_NUMBER ? 'TWILIO_FROM_NUMBER' : e.TWILIO_MESSAGING_SERVICE_SID ? 'TWILIO_MESSAGING_SERVICE_SID' : null;
  if (!accountSid && !token && sender) throw new ConfigError('TWILIO_ACCOUNT_SID', `expected AC followed by 32 hex characters with TWILIO_AUTH_TOKEN, since ${sender} is set`);
  if (!accountSid && !token) return undefined;
  if (!accountSid) throw new ConfigError('TWILIO_ACCOUNT_SID', 'expected AC followed by 32 hex characters (set it with TWILIO_AUTH_TOKEN)');
  if (!token) throw new ConfigError('TWILIO_AUTH_TOKEN', 'expected the auth token of TWILIO_ACCOUNT_SID');
  if (!e.TWILIO_FROM_NUMBER && !e.TWILIO_MESSAGING_SERVICE_SID) {
    throw new ConfigError('TWILIO_FROM_NUMBER', 'expected an E.164 number, or set TWILIO_MESSAGING_SERVICE_SID instead');
  }
  return { accountSid, fromNumber: e.TWILIO_FROM_NUMBER, messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID, apiBaseUrl: e.TWILIO_API_BASE_URL, redact: e.TWILIO_REDACT === 'on' };
}

/** Whether the host of `url` (already an http(s) URL) is one Twilio calls back: a DNS name or an IP address. */
function twilioTakesHost(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) !== 0 || HOST_NAME.test(host);
}

/** Signal is configured by the API's URL and the bot's number together. */
function readSignal(e: ParsedEnv): SignalConfig | undefined {
  if (!e.SIGNAL_API_URL && !e.SIGNAL_NUMBER) return undefined;
  if (!e.SIGNAL_API_URL) throw new ConfigError('SIGNAL_API_URL', 'expected the URL of signal-cli-rest-api (set it with SIGNAL_NUMBER)');
  if (!e.SIGNAL_NUMBER) throw new ConfigError('SIGNAL_NUMBER', "expected the bot's registered number in E.164, such as +14155550100");
  return { apiUrl: e.SIGNAL_API_URL, number: e.SIGNAL_NUMBER, receiveMode: e.SIGNAL_RECEIVE_MODE };
}
