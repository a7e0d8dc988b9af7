import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, readConfig } from '../../src/config/env';
import { builtScript } from '../helpers/built-src';
import { tempDir } from '../helpers/harness';

const SID = `AC${'a'.repeat(32)}`;
const MG = `MG${'b'.repeat(32)}`;
const TOKEN = 'secret-token-do-not-echo-0123456789';
const TWILIO_OK = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM_NUMBER: '+15005550006' };
const SIGNAL_OK = { SIGNAL_API_URL: 'http://127.0.0.1:8080', SIGNAL_NUMBER: '+14155550199' };

/** The ConfigError readConfig throws for `env`; fails the test if it throws nothing or something else. */
function configError(env: Record<string, string>): ConfigError {
  try {
    readConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw new Error(`expected a ConfigError, got ${String(err)}`);
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}

describe('readConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const { config, secrets } = readConfig({});
    expect(config).toEqual({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      publicUrl: 'http://127.0.0.1:3000',
      twilio: undefined,
      signal: undefined,
      moderators: [],
      subscribeMode: 'open',
      sendRate: 10,
      retentionDays: 90,
      maxAreas: 10,
      logLevel: 'info',
      connectionsPerAddress: 64,
      checkin: { fallback: 'none', minMinutes: 10, maxMinutes: 720 },
      areasFile: undefined,
      defaultCountry: 'US',
      discreetDefault: false,
      discreetTimerSeconds: 86400,
    });
    expect(secrets).toEqual({ masterKeyBase64: undefined, twilioAuthToken: undefined, metricsToken: undefined });
  });

  // Check-ins (issue 13)
  it('reads CHECKIN_FALLBACK and the bounds of a check-in, a bound under a minute only for tests', () => {
    expect(readConfig({ CHECKIN_FALLBACK: 'Moderators', CHECKIN_MIN_MINUTES: '5', CHECKIN_MAX_MINUTES: '240' }).config.checkin).toEqual({
      fallback: 'moderators',
      minMinutes: 5,
      maxMinutes: 240,
    });
    expect(readConfig({ NODE_ENV: 'test', CHECKIN_MIN_MINUTES: '0.05' }).config.checkin.minMinutes).toBe(0.05);
    expect(() => readConfig({ CHECKIN_MIN_MINUTES: '0.05' })).toThrow(/^CHECKIN_MIN_MINUTES: .*NODE_ENV=test/);
    expect(() => readConfig({ CHECKIN_FALLBACK: 'everyone' })).toThrow(/^CHECKIN_FALLBACK: expected one of moderators, none/);
    expect(() => readConfig({ CHECKIN_MAX_MINUTES: '12.5' })).toThrow(/^CHECKIN_MAX_MINUTES: /);
  });

  it('names the check-in bound the operator set when the two cross, with both values and what to do', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        readConfig(env);
      } catch (err) {
        return { variable: (err as ConfigError).variable, message: (err as Error).message };
      }
      return null;
    };
    // Only the maximum set, below the default minimum: CHECKIN_MIN_MINUTES was never set.
    expect(refusal({ CHECKIN_MAX_MINUTES: '5' })).toEqual({
      variable: 'CHECKIN_MAX_MINUTES',
      message: 'CHECKIN_MAX_MINUTES: 5 is below CHECKIN_MIN_MINUTES (10, its default): set it to 10 or more, or set CHECKIN_MIN_MINUTES lower',
    });
    expect(refusal({ CHECKIN_MIN_MINUTES: '800' })).toEqual({
      variable: 'CHECKIN_MIN_MINUTES',
      message: 'CHECKIN_MIN_MINUTES: 800 is above CHECKIN_MAX_MINUTES (720, its default): set it to 720 or less, or set CHECKIN_MAX_MINUTES higher',
    });
    expect(refusal({ CHECKIN_MIN_MINUTES: '30', CHECKIN_MAX_MINUTES: '20' })).toEqual({
      variable: 'CHECKIN_MAX_MINUTES',
      message: 'CHECKIN_MAX_MINUTES: 20 is below CHECKIN_MIN_MINUTES (30): raise CHECKIN_MAX_MINUTES or lower CHECKIN_MIN_MINUTES',
    });
  });

  it('reads the line\'s reach: areas file, country, discreet default and timer', () => {
    const { config } = readConfig({ AREAS_FILE: 'config/areas.uk.example.json', DEFAULT_COUNTRY: 'gb', DISCREET_DEFAULT: 'ON', DISCREET_TIMER_SECONDS: '3600' });
    expect(config).toMatchObject({ areasFile: 'config/areas.uk.example.json', defaultCountry: 'GB', discreetDefault: true, discreetTimerSeconds: 3600 });
  });

  it('treats blank values as unset', () => {
    expect(readConfig({ PORT: '  ', LOG_LEVEL: '', MODERATORS: ' ' }).config).toMatchObject({ port: 3000, logLevel: 'info', moderators: [] });
  });

  it('reads good values, keeping the auth token and master key apart from the config', () => {
    const key = Buffer.alloc(32, 3).toString('base64');
    const { config, secrets } = readConfig({
      ...TWILIO_OK,
      ...SIGNAL_OK,
      SIGNAL_RECEIVE_MODE: 'poll',
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://headsup.example.org/',
      HEADSUP_MASTER_KEY: key,
      MODERATORS: '+14155550100, 0F0E0D0C-0B0A-4908-8706-050403020100',
      SUBSCRIBE_MODE: 'APPROVAL',
      SEND_RATE: '2.5',
      RETENTION_DAYS: '30',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://headsup.example.org',
      twilio: { accountSid: SID, fromNumber: '+15005550006', apiBaseUrl: 'https://api.twilio.com', redact: true },
      signal: { apiUrl: 'http://127.0.0.1:8080', number: '+14155550199', receiveMode: 'poll' },
      moderators: ['+14155550100', '0f0e0d0c-0b0a-4908-8706-050403020100'],
      subscribeMode: 'approval',
      sendRate: 2.5,
      retentionDays: 30,
      logLevel: 'debug',
    });
    expect(secrets).toEqual({ masterKeyBase64: key, twilioAuthToken: TOKEN, metricsToken: undefined });
    expect(JSON.stringify(config)).not.toContain(TOKEN);
    expect(JSON.stringify(config)).not.toContain(key);
  });

  it('takes moderators listed by number beside Signal when Twilio is configured, and by UUID on a Signal-only line', () => {
    expect(readConfig({ ...TWILIO_OK, ...SIGNAL_OK, MODERATORS: '+14155550100' }).config.moderators).toEqual(['+14155550100']);
    expect(readConfig({ ...SIGNAL_OK, MODERATORS: '0F0E0D0C-0B0A-4908-8706-050403020100' }).config.moderators).toEqual(['0f0e0d0c-0b0a-4908-8706-050403020100']);
  });

  // Refused at start, a number took a Signal-only line down at upgrade: start warns and doctor fails instead (moderator-contacts.ts).
  it('takes a moderator listed by number on a line with Signal and no Twilio, in production too', () => {
    const env = { ...SIGNAL_OK, MODERATORS: '0f0e0d0c-0b0a-4908-8706-050403020100,+14155550100' };
    expect(readConfig(env).config.moderators).toEqual(['0f0e0d0c-0b0a-4908-8706-050403020100', '+14155550100']);
    expect(readConfig({ ...env, NODE_ENV: 'production', HEADSUP_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') }).config.moderators).toHaveLength(2);
  });

  it('counts a moderator listed twice, in any spelling, once', () => {
    const { config } = readConfig({ MODERATORS: '+14155550100,+1 415 555 0100, 0F0E0D0C-0B0A-4908-8706-050403020100,0f0e0d0c-0b0a-4908-8706-050403020100' });
    expect(config.moderators).toEqual(['+14155550100', '0f0e0d0c-0b0a-4908-8706-050403020100']);
  });

  it('brackets an IPv6 host in the default public URL', () => {
    expect(readConfig({ HOST: '::1', PORT: '3001' }).config.publicUrl).toBe('http://[::1]:3001');
  });

  it('redacts at Twilio unless TWILIO_REDACT=off', () => {
    expect(readConfig({ ...TWILIO_OK }).config.twilio?.redact).toBe(true);
    expect(readConfig({ ...TWILIO_OK, TWILIO_REDACT: 'off' }).config.twilio?.redact).toBe(false);
    expect(readConfig({ ...TWILIO_OK, TWILIO_REDACT: 'on' }).config.twilio?.redact).toBe(true);
  });

  it('accepts a messaging service instead of a sender number', () => {
    const { config } = readConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_MESSAGING_SERVICE_SID: MG });
    expect(config.twilio).toMatchObject({ messagingServiceSid: MG, fromNumber: undefined });
  });

  // [what is wrong, env, the variable the message must name, what it must say is expected]
  const bad: Array<[string, Record<string, string>, string, RegExp]> = [
    ['PORT is not a number', { PORT: 'abc' }, 'PORT', /whole number from 0 to 65535/],
    ['PORT is negative', { PORT: '-1' }, 'PORT', /whole number/],
    ['PORT is too large', { PORT: '70000' }, 'PORT', /whole number from 0 to 65535/],
    ['PORT is a fraction', { PORT: '80.5' }, 'PORT', /whole number/],
    ['HOST has a space', { HOST: 'bad host' }, 'HOST', /IP address or host name/],
    ['HOST has a slash', { HOST: 'a/b' }, 'HOST', /IP address or host name/],
    ['HOST is a mistyped address', { HOST: '256.1.1.1' }, 'HOST', /IP address or host name/],
    ['HOST is digits only', { HOST: '8080' }, 'HOST', /IP address or host name/],
    ['SEND_RATE is zero', { SEND_RATE: '0' }, 'SEND_RATE', /number from 0.01 to 100000/],
    ['SEND_RATE is words', { SEND_RATE: 'fast' }, 'SEND_RATE', /number from/],
    ['SEND_RATE is negative', { SEND_RATE: '-5' }, 'SEND_RATE', /number from/],
    ['RETENTION_DAYS is zero', { RETENTION_DAYS: '0' }, 'RETENTION_DAYS', /whole number from 1 to 3650/],
    ['RETENTION_DAYS is words', { RETENTION_DAYS: 'forever' }, 'RETENTION_DAYS', /whole number/],
    ['RETENTION_DAYS is too large', { RETENTION_DAYS: '99999' }, 'RETENTION_DAYS', /whole number/],
    ['LOG_LEVEL is unknown', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /one of fatal, error, warn, info, debug, trace, silent/],
    ['SUBSCRIBE_MODE is unknown', { SUBSCRIBE_MODE: 'closed' }, 'SUBSCRIBE_MODE', /one of open, approval/],
    ['SIGNAL_RECEIVE_MODE is unknown', { ...SIGNAL_OK, SIGNAL_RECEIVE_MODE: 'push' }, 'SIGNAL_RECEIVE_MODE', /one of websocket, poll/],
    ['SIGNAL_NUMBER is set without SIGNAL_API_URL', { SIGNAL_NUMBER: '+14155550199' }, 'SIGNAL_API_URL', /signal-cli-rest-api/],
    ['SIGNAL_API_URL is set without SIGNAL_NUMBER', { SIGNAL_API_URL: 'http://127.0.0.1:8080' }, 'SIGNAL_NUMBER', /E.164/],
    ['SIGNAL_API_URL is not a URL', { ...SIGNAL_OK, SIGNAL_API_URL: 'localhost:8080' }, 'SIGNAL_API_URL', /http\(s\) URL/],
    ['TWILIO_AUTH_TOKEN is set alone', { TWILIO_AUTH_TOKEN: TOKEN }, 'TWILIO_ACCOUNT_SID', /AC followed by 32 hex/],
    // Else the line would start without SMS and say nothing.
    ['TWILIO_FROM_NUMBER is set alone', { TWILIO_FROM_NUMBER: '+14155550100' }, 'TWILIO_ACCOUNT_SID', /with TWILIO_AUTH_TOKEN, since TWILIO_FROM_NUMBER is set/],
    ['TWILIO_MESSAGING_SERVICE_SID is set alone', { TWILIO_MESSAGING_SERVICE_SID: `MG${'a'.repeat(32)}` }, 'TWILIO_ACCOUNT_SID', /since TWILIO_MESSAGING_SERVICE_SID is set/],
    ['TWILIO_ACCOUNT_SID is set alone', { TWILIO_ACCOUNT_SID: SID }, 'TWILIO_AUTH_TOKEN', /auth token/],
    ['TWILIO_ACCOUNT_SID is malformed', { ...TWILIO_OK, TWILIO_ACCOUNT_SID: 'AC123' }, 'TWILIO_ACCOUNT_SID', /AC followed by 32 hex/],
    ['no Twilio sender is set', { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN }, 'TWILIO_FROM_NUMBER', /TWILIO_MESSAGING_SERVICE_SID/],
    ['TWILIO_FROM_NUMBER is not E.164', { ...TWILIO_OK, TWILIO_FROM_NUMBER: '415-555-0100' }, 'TWILIO_FROM_NUMBER', /E.164/],
    ['TWILIO_MESSAGING_SERVICE_SID is malformed', { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_MESSAGING_SERVICE_SID: 'MGxyz' }, 'TWILIO_MESSAGING_SERVICE_SID', /MG followed by 32 hex/],
    ['TWILIO_REDACT is not on or off', { ...TWILIO_OK, TWILIO_REDACT: 'no' }, 'TWILIO_REDACT', /one of on, off/],
    // signal-cli-rest-api's routes would be appended after it (…/?key=x/v2/send), and Twilio's signature covers the whole URL.
    ['SIGNAL_API_URL has a query string', { ...SIGNAL_OK, SIGNAL_API_URL: 'https://signal.example.org/?token=abc' }, 'SIGNAL_API_URL', /no query \(\?\) or fragment \(#\)/],
    ['PUBLIC_URL has a fragment', { PUBLIC_URL: 'https://headsup.example.org/#top' }, 'PUBLIC_URL', /no query \(\?\) or fragment \(#\)/],
    ['TWILIO_API_BASE_URL ends in a bare ?', { ...TWILIO_OK, TWILIO_API_BASE_URL: 'https://api.twilio.com?' }, 'TWILIO_API_BASE_URL', /no query/],
    ['TWILIO_API_BASE_URL is not http(s)', { ...TWILIO_OK, TWILIO_API_BASE_URL: 'ftp://api.twilio.com' }, 'TWILIO_API_BASE_URL', /http\(s\) URL/],
    ['a MODERATORS entry has no country code', { MODERATORS: '+14155550100,4155550142' }, 'MODERATORS', /entry 2 is neither an E.164 number nor a Signal UUID/],
    ['a MODERATORS entry is a name', { MODERATORS: 'rosa' }, 'MODERATORS', /entry 1/],
    ['a MODERATORS entry is not a valid number', { MODERATORS: '+1415555' }, 'MODERATORS', /entry 1/],
    // Reach (issue 12)
    ['DEFAULT_COUNTRY is not a country', { DEFAULT_COUNTRY: 'XX' }, 'DEFAULT_COUNTRY', /2-letter ISO 3166 country code/],
    ['DEFAULT_COUNTRY is a name', { DEFAULT_COUNTRY: 'Mexico' }, 'DEFAULT_COUNTRY', /ISO 3166/],
    ['DISCREET_DEFAULT is not on or off', { DISCREET_DEFAULT: 'yes' }, 'DISCREET_DEFAULT', /one of on, off/],
    ['DISCREET_TIMER_SECONDS is past 4 weeks', { DISCREET_TIMER_SECONDS: '9999999' }, 'DISCREET_TIMER_SECONDS', /whole number from 0 to 2419200/],
    ['PUBLIC_URL has no scheme', { PUBLIC_URL: 'headsup.example.org' }, 'PUBLIC_URL', /absolute http\(s\) URL/],
    ['PUBLIC_URL is not http(s)', { PUBLIC_URL: 'ftp://headsup.example.org' }, 'PUBLIC_URL', /absolute http\(s\) URL/],
    // The webhook's URL pasted whole: status callbacks would go to …/sms/webhooks/twilio/status, and doctor advise a doubled path.
    ['PUBLIC_URL carries the SMS webhook path', { PUBLIC_URL: 'https://headsup.example.org/webhooks/twilio/sms' }, 'PUBLIC_URL', /base address only.*not .*\/webhooks\//],
    ['PUBLIC_URL carries the status webhook path', { ...TWILIO_OK, PUBLIC_URL: 'https://headsup.example.org/webhooks/twilio/status/' }, 'PUBLIC_URL', /base address only/],
    ['PUBLIC_URL carries the webhook path after a prefix', { PUBLIC_URL: 'https://org.example/headsup/Webhooks/twilio' }, 'PUBLIC_URL', /base address only/],
    ['PUBLIC_URL ends in /webhooks', { PUBLIC_URL: 'https://org.example/webhooks' }, 'PUBLIC_URL', /base address only/],
    // Twilio refuses such a StatusCallback (21609): every SMS would wait on it.
    ['PUBLIC_URL has an underscore in its host name, with Twilio', { ...TWILIO_OK, PUBLIC_URL: 'https://heads_up.example.org' }, 'PUBLIC_URL', /host name Twilio accepts/],
    ['PUBLIC_URL has a host name with an empty label, with Twilio', { ...TWILIO_OK, PUBLIC_URL: 'https://headsup..example.org' }, 'PUBLIC_URL', /host name Twilio accepts/],
    ['NODE_ENV=production without HEADSUP_MASTER_KEY', { NODE_ENV: 'production' }, 'HEADSUP_MASTER_KEY', /required when NODE_ENV=production/],
    // A typo must not run a public line as a development server (a generated key, unsigned webhooks).
    ['NODE_ENV is Production, capitalised', { NODE_ENV: 'Production' }, 'NODE_ENV', /expected development, production or test/],
    ['NODE_ENV is prod', { NODE_ENV: 'prod' }, 'NODE_ENV', /expected development, production or test/],
    [
      'NODE_ENV=production with Twilio and no PUBLIC_URL (every signature would be checked against http://HOST:PORT)',
      { NODE_ENV: 'production', HOST: '0.0.0.0', HEADSUP_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'), ...TWILIO_OK },
      'PUBLIC_URL',
      /required with Twilio when NODE_ENV=production: the https address Twilio calls/,
    ],
    [
      'NODE_ENV=production without Twilio or Signal (the console channel is for development only)',
      { NODE_ENV: 'production', HEADSUP_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') },
      'NODE_ENV',
      /production needs a provider: Twilio .* or Signal .*console channel .* development only/,
    ],
  ];

  it.each(bad)('refuses the configuration when %s, naming the variable and what is expected', (_what, env, variable, expected) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
    expect(err.message).toMatch(expected);
  });

  it.each(bad)('never echoes a secret or a number back when %s', (_what, env) => {
    const err = configError(env);
    expect(err.message).not.toContain(TOKEN);
    // No value given is quoted back (NODE_ENV aside, which names the rule); a documented example may be.
    for (const [name, value] of Object.entries(env)) {
      if (name !== 'NODE_ENV' && value.length >= 4) expect(err.message).not.toContain(value);
    }
    for (const entry of (env.MODERATORS ?? '').split(',')) if (entry) expect(err.message).not.toContain(entry.replace(/^\+1?/, ''));
  });

  it('does not echo a token when the account SID is malformed', () => {
    const err = configError({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM_NUMBER: '+15005550006' });
    expect(err.message).not.toContain(TOKEN);
    expect(err.message).not.toContain('nope');
  });

  it('starts in production when the master key and a provider are given', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(readConfig({ NODE_ENV: 'production', HEADSUP_MASTER_KEY: key, ...SIGNAL_OK }).config.nodeEnv).toBe('production');
    expect(readConfig({ NODE_ENV: 'production', HEADSUP_MASTER_KEY: key, PUBLIC_URL: 'https://headsup.example.org', ...TWILIO_OK }).config.twilio?.accountSid).toBe(SID);
  });

  it("takes any PUBLIC_URL host Twilio would call back, and does not hold a line without Twilio to Twilio's rule", () => {
    // A reverse proxy's path prefix is part of the base address (a prefix merely beginning with "webhooks" too).
    for (const url of ['https://headsup.example.org', 'https://xn--bcher-kva.example', 'http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000', 'https://org.example/headsup', 'https://org.example/webhooks-line']) {
      expect(readConfig({ ...TWILIO_OK, PUBLIC_URL: url }).config.publicUrl).toBe(url);
    }
    expect(readConfig({ ...SIGNAL_OK, PUBLIC_URL: 'https://heads_up.example.org' }).config.publicUrl).toBe('https://heads_up.example.org');
  });

  it('keeps METRICS_TOKEN with the secrets, not in the config', () => {
    const { config, secrets } = readConfig({ METRICS_TOKEN: 'scrape-token-0123456789' });
    expect(secrets.metricsToken).toBe('scrape-token-0123456789');
    expect(JSON.stringify(config)).not.toContain('scrape-token');
  });
});

describe('npm start with a bad configuration', () => {
  /** Runs src/main.ts (built-src.ts) in an empty directory with only `env`; bounded by a timeout. */
  function runMain(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }> {
    const child = spawn(process.execPath, [builtScript('src/main.ts')], {
      cwd: tempDir(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`main.ts did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stderr, stdout });
      });
    });
  }

  it('exits non-zero with a message naming PORT', async () => {
    const dataDir = tempDir();
    const r = await runMain({ PORT: 'eighty', DATA_DIR: dataDir, NODE_ENV: 'test' });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toMatch(/whole number/);
  }, 30_000);

  it('exits non-zero with a message naming AREAS_FILE, the file and the entry, opening no database', async () => {
    const dataDir = tempDir();
    const file = path.join(tempDir(), 'areas.json');
    fs.writeFileSync(file, JSON.stringify({ areas: [{ code: 'LDN', prefixes: ['+4420'] }, { code: 'MAN', prefixes: ['0161'] }] }));
    const r = await runMain({ AREAS_FILE: file, DATA_DIR: dataDir, NODE_ENV: 'test', PORT: '0' });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toContain(`AREAS_FILE: ${file}: entry 2 (MAN): prefixes.0: a prefix must be "+" and digits`);
    expect(fs.existsSync(path.join(dataDir, 'heads-up.db'))).toBe(false);
  }, 30_000);

  it('exits non-zero in production without HEADSUP_MASTER_KEY, writing no key file', async () => {
    const dataDir = tempDir();
    const r = await runMain({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0' });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stderr).toContain('HEADSUP_MASTER_KEY');
    expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
  }, 30_000);
});
