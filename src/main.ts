/**
 * The server entry: read .env and the environment, build the server, start
 * it, and close it gracefully on SIGINT/SIGTERM. A bad configuration or a
 * failed migration stops start-up with a clear message.
 */
import fs from 'node:fs';
import dotenv from 'dotenv';
import { ConfigError, readConfig } from './config/env';
import { unknownNames } from './config/unknown-names';
import { createLogger } from './log/logger';
import { safeError } from './log/safe-error';
import { createServer } from './server';
import { describeFailure } from './start-failure';

/** A stop that has not ended by then is cut (a hung close would keep the process, and a restart, waiting). */
const FORCED_EXIT_MS = 45_000;
/** The parts' own deadline, below the forced exit: the time left is for the last error line and the log's flush. */
const STOP_DEADLINE_MS = 40_000;

async function main(): Promise<void> {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  // A misspelled name is otherwise ignored without a word (RETENTION_DAY=30 kept 90 days). Names only, never values.
  const unknown = unknownNames(process.env);
  let parsed;
  try {
    parsed = readConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const log = loggerBeforeConfig();
    for (const line of unknown) log.warn(line);
    failedStart(err, log);
    process.exit(1);
  }
  const { config, secrets } = parsed;
  const log = createLogger(config.logLevel);
  for (const line of unknown) log.warn(line);
  let server;
  try {
    server = await createServer({ config, secrets, log });
  } catch (err) {
    failedStart(err, log, config.dataDir);
    process.exit(1);
  }
  let address;
  try {
    address = await server.start();
  } catch (err) {
    failedStart(err, log, config.dataDir);
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
    const force = setTimeout(() => process.exit(1), FORCED_EXIT_MS);
    force.unref();
    server
      // Taken now, not when the dispatcher's turn comes: its retry ends in time to log what it could not record.
      .close({ deadline: performance.now() + STOP_DEADLINE_MS })
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

/** The logger for a configuration that could not be read: at its LOG_LEVEL where that one is valid. */
function loggerBeforeConfig(): ReturnType<typeof createLogger> {
  try {
    return createLogger(process.env.LOG_LEVEL || 'info');
  } catch {
    return createLogger('info');
  }
}

/**
 * Stops the start: one clear line on stderr (an operator reads it first) and
 * one fatal log line (a log collector reads that). A named cause logs its
 * short code, no stack: there is nothing more to find. Any other failure
 * logs its type, code and first stack frames, for whoever has to find it.
 */
function failedStart(err: unknown, log?: ReturnType<typeof createLogger>, dataDir?: string): void {
  const { line, cause } = describeFailure(err, dataDir);
  process.stderr.write(`heads-up: ${line}\n`);
  if (cause) log?.fatal(cause, 'start-up failed');
  else log?.fatal({ err: safeError(err) }, 'start-up failed');
  // What pino still holds is written as the process exits.
}

main().catch((err) => {
  failedStart(err);
  process.exit(1);
});
