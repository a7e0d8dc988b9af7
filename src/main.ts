/**
 * The server entry: read .env and the environment, build the server, start
 * it, and close it gracefully on SIGINT/SIGTERM. A bad configuration or a
 * failed migration stops start-up with a clear message.
 */
import fs from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, readConfig } from './config/env';
import { createLogger } from './log/logger';
import { safeError } from './log/safe-error';
import { createServer } from './server';
import { isDatabaseDamaged } from './store/db';

async function main(): Promise<void> {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  let parsed;
  try {
    parsed = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`heads-up: configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { config, secrets } = parsed;
  const log = createLogger(config.logLevel);
  let server;
  try {
    server = await createServer({ config, secrets, log });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`heads-up: configuration error: ${err.message}\n`);
      process.exit(1);
    }
    failedStart(err, log);
    process.exit(1);
  }
  let address;
  try {
    address = await server.start();
  } catch (err) {
    failedStart(err, log);
    await server.close().catch(() => undefined);
    process.exit(1);
  }
  log.info({ address, channels: [...server.senders.values()].map((s) => `${s.channel}:${s.name}`) }, 'Heads Up is listening');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    // Past a Signal receive in flight (up to 31 s: signal-cli has taken its messages; cut, they are lost).
    const force = setTimeout(() => process.exit(1), 45_000);
    force.unref();
    server
      .close()
      .then(() => {
        log.info('closed');
        log.flush();
        process.exit(0);
      })
      .catch((err) => {
        log.error({ err: safeError(err) }, 'error while closing');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/**
 * One clear line on stderr (an operator reads it first). Only the error's
 * code and the listen address are printed: an error's message may quote
 * data. A cause the line names with its cure (a damaged database, a port in
 * use) is all there is to say; any other failure's type, code and stack
 * follow in the log, for whoever has to find it.
 */
function failedStart(err: unknown, log?: ReturnType<typeof createLogger>): void {
  const e = err as { code?: unknown; address?: unknown; port?: unknown; name?: unknown; syscall?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error';
  const where = typeof e?.address === 'string' ? ` on ${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : '';
  // Nothing is looked up or listened on at start but HOST and PORT.
  const listening = e?.syscall === 'listen' || e?.syscall === 'getaddrinfo';
  const hint =
    code === 'EADDRINUSE'
      ? ' (another process listens there: stop it or set PORT)'
      : listening && (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL')
        ? ' (HOST is no address of this machine: set HOST to one it has, such as 127.0.0.1 or 0.0.0.0)'
        : listening && code === 'EACCES'
          ? ' (a PORT below 1024 needs privileges: set PORT to 1024 or above)'
          : isDatabaseDamaged(err)
        ? ' (the database is damaged: run heads-up doctor, then restore the latest backup)'
        : '';
  process.stderr.write(`heads-up: start-up failed: ${code}${where}${hint}\n`);
  if (hint) return;
  log?.fatal({ err: safeError(err) }, 'start-up failed');
  log?.flush();
}

main().catch((err) => {
  failedStart(err);
  process.exit(1);
});
