/** The compose file passes every setting an operator may put in .env to Heads Up: compose passes nothing it does not list. */
import fs from 'node:fs';
import path from 'node:path';
import { ENV_SCHEMA, readConfig } from '../../src/config/env';

/** Fixed by the compose file itself (the container's layout and the signal-cli service beside it), or for tests only. */
const FIXED = ['NODE_ENV', 'HOST', 'PORT', 'DATA_DIR', 'SIGNAL_API_URL', 'SIGNAL_RECEIVE_MODE', 'TWILIO_API_BASE_URL'];
const SECRETS = ['HEADSUP_MASTER_KEY', 'TWILIO_AUTH_TOKEN', 'METRICS_TOKEN'];

describe('docker-compose.yml', () => {
  const compose = fs.readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8');
  const service = compose.slice(compose.indexOf('\n  heads-up:'), compose.indexOf('\n  signal-cli:'));
  /** The heads-up service's environment: name → value as written. */
  const environment = new Map([...service.matchAll(/^ {6}([A-Z_]+): (.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));

  it('passes each variable from .env (blank: the default), and fixes only the layout', () => {
    const settable = [...Object.keys(ENV_SCHEMA.shape), ...SECRETS].filter((k) => !FIXED.includes(k));
    expect(settable).toContain('TZ');
    const notPassed = settable.filter((k) => !environment.get(k)?.startsWith(`\${${k}:`));
    expect(notPassed).toEqual([]);
  });

  it('hands every other name in .env to the server too, so a misspelt one is warned of (not TWILIO_API_BASE_URL, for tests only)', () => {
    expect(service).toMatch(/^ {4}env_file: \.env$/m);
    expect(environment.get('TWILIO_API_BASE_URL')).toBe('""');
  });

  it('bounds the log Docker keeps of each service (kept whole by default, a flood of requests would fill the disk)', () => {
    const services = compose.slice(compose.indexOf('\nservices:'), compose.indexOf('\nvolumes:')).split(/\n(?= {2}[a-z-]+:\n)/).slice(1);
    expect(services.map((s) => s.trim().split(':')[0])).toEqual(['heads-up', 'signal-cli']);
    for (const s of services) expect(s).toMatch(/\n {4}logging:\n {6}driver: json-file\n {6}options:\n {8}max-size: "\d+m"\n {8}max-file: "\d+"\n/);
  });

  it('writes check-in times in UTC unless TZ says otherwise', () => {
    expect(environment.get('TZ')).toBe('${TZ:-UTC}');
  });

  /** The environment compose passes, from this .env (${V:-d}, ${V:?msg}). */
  function passed(dotenv: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, raw] of environment) {
      env[name] = raw.replace(/^"(.*)"$/, '$1').replace(/\$\{(\w+):([-?])([^}]*)\}/g, (_all, v: string, op: string, rest: string) => {
        if (dotenv[v]) return dotenv[v] as string;
        if (op === '?') throw new Error(`compose refuses: ${rest}`);
        return rest;
      });
    }
    return env;
  }

  it('leaves PUBLIC_URL to .env: a Twilio line without it stops at the start, naming it, rather than refusing every SMS', () => {
    const dotenv = {
      HEADSUP_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      SIGNAL_NUMBER: '+14155550100',
      TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
      TWILIO_FROM_NUMBER: '+15005550006',
    };
    expect(() => readConfig(passed(dotenv))).toThrow(/PUBLIC_URL/);
    expect(readConfig(passed({ ...dotenv, PUBLIC_URL: 'https://headsup.example.org' })).config.publicUrl).toBe('https://headsup.example.org');
    // A Signal-only line needs none.
    const { TWILIO_ACCOUNT_SID: _s, TWILIO_AUTH_TOKEN: _t, TWILIO_FROM_NUMBER: _f, ...signalOnly } = dotenv;
    expect(readConfig(passed(signalOnly)).config.signal?.number).toBe('+14155550100');
  });
});
