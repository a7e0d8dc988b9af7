import Database from 'better-sqlite3';
import { once } from 'node:events';
import pino from 'pino';
import { readConfig } from '../src/config/env';
import { createLogger } from '../src/log/logger';
import { createServer } from '../src/server';
import { ACCOUNT_SID, AUTH_TOKEN, BENCH_MASTER_KEY, FROM_NUMBER, PUBLIC_URL, tempDir, benchNumber, WEBHOOK_PATH } from './common';
import { signedWebhooks } from './webhook/bodies';
let seq = 1;
async function signedSms(url: string, _from: string, text: string): Promise<void> {
  const [r] = signedWebhooks(WEBHOOK_PATH, text, 1, seq++);
  await fetch(url + WEBHOOK_PATH, { method: 'POST', headers: r!.headers, body: r!.body });
}
const counts = new Map<string, number>();
let on = false;
const S = (Database as any).prototype.prepare;
(Database as any).prototype.prepare = function (sql: string) {
  const st = S.call(this, sql);
  for (const m of ['run', 'get', 'all', 'iterate']) {
    const f = st[m];
    st[m] = function (...a: unknown[]) { if (on) counts.set(sql.replace(/\s+/g, ' ').slice(0, 110), (counts.get(sql.replace(/\s+/g, ' ').slice(0, 110)) ?? 0) + 1); return f.apply(this, a); };
  }
  return st;
};
(async () => {
  const { config, secrets } = readConfig({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir('sql'), PUBLIC_URL, HEADSUP_MASTER_KEY: BENCH_MASTER_KEY, LOG_LEVEL: 'info', TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM_NUMBER: FROM_NUMBER, TWILIO_API_BASE_URL: 'http://127.0.0.1:9' });
  const dest = pino.destination({ dest: '/dev/null', sync: false }); await once(dest, 'ready');
  const server = await createServer({ config, secrets, log: createLogger(config.logLevel, dest) });
  const url = await server.start();
  const text = process.env.TEXT ?? 'JOIN';
  for (let i = 0; i < 20; i++) await signedSms(url, benchNumber(i + 1), text);
  on = true;
  const N = 100;
  for (let i = 0; i < N; i++) await signedSms(url, benchNumber(i + 1000), text);
  on = false;
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log((v / N).toFixed(2), k);
  await server.close(); process.exit(0);
})();
