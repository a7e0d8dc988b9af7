/** The compose file passes every setting an operator may put in .env to Heads Up: compose passes nothing it does not list. */
import fs from 'node:fs';
import path from 'node:path';
import { ENV_SCHEMA } from '../../src/config/env';

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

  it('writes check-in times in UTC unless TZ says otherwise', () => {
    expect(environment.get('TZ')).toBe('${TZ:-UTC}');
  });
});
