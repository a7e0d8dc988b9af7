/**
 * The server under load, in its own process: either the real Heads Up server
 * (built by createServer, signatures checked, LOG_LEVEL=info, a fresh SQLite
 * file) or the bare floor (Fastify + @fastify/formbody, one POST route that
 * answers a constant TwiML string). Reports its URL, then on "stop" reports
 * what it did and exits.
 */
import { once } from 'node:events';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import pino from 'pino';
import { readConfig } from '../../src/config/env';
import { createLogger } from '../../src/log/logger';
import { createServer, type HeadsUp } from '../../src/server';
import { ACCOUNT_SID, AUTH_TOKEN, BENCH_MASTER_KEY, childMain, FROM_NUMBER, peakRssMb, PUBLIC_URL, removeDir, report, tempDir, WEBHOOK_PATH } from '../common';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

async function bare(): Promise<{ url: string; close: () => Promise<Record<string, number>> }> {
  const app: FastifyInstance = Fastify();
  app.register(formbody);
  app.post(WEBHOOK_PATH, async (_request, reply) => reply.type('text/xml; charset=utf-8').send(EMPTY_TWIML));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: async () => (await app.close(), {}) };
}

async function real(): Promise<{ url: string; close: () => Promise<Record<string, number>> }> {
  const dataDir = tempDir('webhook');
  const { config, secrets } = readConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL,
    HEADSUP_MASTER_KEY: BENCH_MASTER_KEY,
    LOG_LEVEL: 'info',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: FROM_NUMBER,
    // Nothing is sent in this benchmark (HELP and JOIN in open mode queue nothing); bench:instructions
    // gives an API that answers late, so the clean-up worker's calls cost little while it counts.
    TWILIO_API_BASE_URL: process.env.BENCH_TWILIO_API_BASE_URL ?? 'http://127.0.0.1:9',
    TWILIO_REDACT: process.env.TWILIO_REDACT ?? 'on',
  });
  // The production logger at the production level, writing asynchronously to /dev/null instead of stdout.
  const dest = pino.destination({ dest: '/dev/null', sync: false });
  await once(dest, 'ready');
  const log = createLogger(config.logLevel, dest);
  // Under Valgrind on a busy machine the event loop can stand still for seconds (a collection, a compilation):
  // the 5 s keep-alive time-out, run before the socket is read again, closed connections whose next request
  // had been sent (errors, and a run lost). BENCH_PATIENT_HTTP=1 waits longer; it changes no work per request.
  const patient = process.env.BENCH_PATIENT_HTTP === '1' ? { keepAliveTimeoutMs: 300_000, headersTimeoutMs: 300_000, requestTimeoutMs: 300_000 } : undefined;
  const server: HeadsUp = await createServer({ config, secrets, log, http: patient });
  const url = await server.start();
  return {
    url,
    close: async () => {
      const count = (sql: string) => (server.db.sqlite.prepare(sql).get() as { n: number }).n;
      const counts = {
        members: count('SELECT count(*) AS n FROM members'),
        subscriptions: count('SELECT count(*) AS n FROM subscriptions'),
        inbound: count('SELECT count(*) AS n FROM inbound_messages'),
      };
      await server.close();
      removeDir(dataDir);
      return counts;
    },
  };
}

childMain(async () => {
  const kind = process.argv[2] as 'bare' | 'real';
  const target = kind === 'bare' ? await bare() : await real();
  await report({ type: 'ready', url: target.url });
  await new Promise<void>((resolve) => {
    process.on('message', (m: { type?: string }) => m?.type === 'stop' && resolve());
    process.on('SIGTERM', () => resolve());
    process.on('disconnect', () => resolve());
  });
  const counts = await target.close();
  await report({ type: 'stopped', counts, peakRssMb: peakRssMb() });
  process.exit(0);
});
