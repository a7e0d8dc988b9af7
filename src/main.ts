/**
 * The server entry: read .env and the environment, build the server, start
 * it, and close it gracefully on SIGINT/SIGTERM. A bad configuration or a
 * failed migration stops start-up with a clear message.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, readConfig } from './config/env';
import { unknownNames } from './config/unknown-names';
import { createLogger } from './log/logger';
import { safeError } from './log/safe-error';
import { createServer } from './server';
import { isDatabaseDamaged } from './store/db';
import { notOpenableProblem, unopenableDatabaseFile } from './store/file-owner';

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

/** The logger for a configuration that could not be read: at its LOG_LEVEL where that one is valid. */
function loggerBeforeConfig(): ReturnType<typeof createLogger> {
  try {
    return createLogger(process.env.LOG_LEVEL || 'info');
  } catch {
    return createLogger('info');
  }
}

/**
 * What stopped the start: the operator's one line (on stderr) and, for a
 * cause the line names with its cure, a short code for the log. Only codes,
 * the listen address and a file of DATA_DIR (on stderr only: the log may be
 * shipped where DATA_DIR's place is not to be known) are printed: an error's
 * message may quote data.
 */
function describeFailure(err: unknown, dataDir?: string): { line: string; cause?: Record<string, string> } {
  if (err instanceof ConfigError) return { line: `configuration error: ${err.message}`, cause: { cause: 'configuration', variable: err.variable } };
  const e = err as { code?: unknown; address?: unknown; port?: unknown; name?: unknown; syscall?: unknown; path?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'error';
  const where = typeof e?.address === 'string' ? ` on ${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : '';
  const line = `start-up failed: ${code}${where}`;
  // Nothing is looked up or listened on at start but HOST and PORT.
  const listening = e?.syscall === 'listen' || e?.syscall === 'getaddrinfo';
  const named = (cause: string, hint: string) => ({ line: `${line} (${hint})`, cause: { cause, code } });
  if (code === 'EADDRINUSE') return named('port-in-use', 'another process listens there: stop it or set PORT');
  if (listening && (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL')) {
    return named('host-unknown', 'HOST is no address of this machine: set HOST to one it has, such as 127.0.0.1 or 0.0.0.0');
  }
  if (listening && code === 'EACCES') return named('port-privileged', 'a PORT below 1024 needs privileges: set PORT to 1024 or above');
  // A file of the line its user may not open (a restore or rotate-key run as root leaves them root's): SQLite names none.
  const inDataDir = dataDir !== undefined && typeof e.path === 'string' && path.resolve(path.dirname(e.path)) === path.resolve(dataDir);
  const closed = code === 'SQLITE_CANTOPEN' && dataDir !== undefined ? unopenableDatabaseFile(dataDir) : (code === 'EACCES' || code === 'EPERM') && inDataDir ? (e.path as string) : null;
  if (closed) return named('file-not-openable', notOpenableProblem(closed));
  if (isDatabaseDamaged(err)) return named('database-damaged', 'the database is damaged: run heads-up doctor, then restore the latest backup');
  // Only restore and rotate-key hold the database so (a container restarted beside them lands here).
  if (code.startsWith('SQLITE_BUSY')) return named('database-in-use', 'the database is held by a restore or rotate-key: let it finish, then start the server again');
  return { line };
}

/**
 * Stops the start: one clear line on stderr (an operator reads it first) and
 * one fatal log line (a log collector reads that). A named cause logs its
 * short code, no stack: there is nothing more to find. Any other failure
 * logs its type, code and stack, for whoever has to find it.
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
