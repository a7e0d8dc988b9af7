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
    log.fatal({ err: safeError(err) }, 'start-up failed');
    log.flush();
    process.exit(1);
  }
  const address = await server.start();
  log.info({ address, channels: [...server.senders.values()].map((s) => `${s.channel}:${s.name}`) }, 'Heads Up is listening');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
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

void main();
