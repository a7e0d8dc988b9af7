/** What stopped the server's start, in the operator's one line and a short code for the log. */
import path from 'node:path';
import { ConfigError } from './config/env';
import { isDatabaseDamaged } from './store/db';
import { MigrationFailed } from './store/migrate';
import { notOpenableProblem, unopenableDatabaseFile } from './store/file-owner';
import { ServerRunningError } from './store/server-lock';
import { readOnlyDiskProblem } from './store/unwritable-line';
import { adminCommand } from './util/admin-command';

/**
 * What stopped the start: the operator's one line (on stderr) and, for a
 * cause the line names with its cure, a short code for the log. Only codes,
 * the listen address and a file of DATA_DIR (on stderr only: the log may be
 * shipped where DATA_DIR's place is not to be known) are printed: an error's
 * message may quote data.
 */
export function describeFailure(err: unknown, dataDir?: string): { line: string; cause?: Record<string, string> } {
  if (err instanceof ConfigError) return { line: `configuration error: ${err.message}`, cause: { cause: 'configuration', variable: err.variable } };
  if (err instanceof ServerRunningError) return { line: `start-up failed: ${err.message}`, cause: { cause: 'server-running' } };
  // SQLite's words name the migration's tables and columns, never values; the log keeps the file and code alone.
  if (err instanceof MigrationFailed) {
    return {
      line: `start-up failed: ${err.message}; nothing of it was applied (the migrations before it were): report this line to the Heads Up project; to run the version before meanwhile, restore a backup made before the upgrade (that version may refuse this database now)`,
      cause: { cause: 'migration-failed', code: err.code, migration: err.file },
    };
  }
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
  // A disk remounted read-only after an error refuses the line's first write: bare, EROFS names neither DATA_DIR nor the cure.
  if (code === 'EROFS' && inDataDir) return named('data-dir-read-only', readOnlyDiskProblem(dataDir));
  const closed = code === 'SQLITE_CANTOPEN' && dataDir !== undefined ? unopenableDatabaseFile(dataDir) : (code === 'EACCES' || code === 'EPERM') && inDataDir ? (e.path as string) : null;
  if (closed) return named('file-not-openable', notOpenableProblem(closed));
  if (isDatabaseDamaged(err)) return named('database-damaged', `the database is damaged: run ${adminCommand('doctor')}, then restore the latest backup`);
  // Only restore and rotate-key hold the database so (a container restarted beside them lands here).
  if (code.startsWith('SQLITE_BUSY')) return named('database-in-use', 'the database is held by a restore or rotate-key: let it finish, then start the server again');
  return { line };
}
