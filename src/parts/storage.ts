/**
 * The store: the line's areas (read first: a bad AREAS_FILE stops the start
 * before anything is opened), the master key, the database (refused under a
 * wrong key or a rotation under way, then migrated), the vault and the
 * metrics that read it. Opened first, closed last.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { reindexListedAlerts } from '../alerts/alert-reindex';
import { Regions } from '../alerts/regions';
import { ConfigError } from '../config/config-error';
import { safeError } from '../log/safe-error';
import { Metrics } from '../metrics';
import { mendBuddiesAtStart } from '../store/buddy-numbers-mend';
import { databaseFile, Db } from '../store/db';
import { recordKey, verifyKey } from '../store/key-check';
import { readKeyState, ROTATION_UNDER_WAY, rotationUnderWay } from '../store/key-state';
import { lineCopyProblem, replacedLineProblem, stagedCopyProblem, strayLogProblem } from '../store/kept-aside';
import { notALineProblem } from '../store/line-file';
import { loadMasterKey } from '../store/master-key';
import { migrate } from '../store/migrate';
import { untieErasedReporters } from '../store/reports';
import { cryptoReady, Vault } from '../store/vault';
import type { ServerOptions } from '../server';
import { guardLine } from './line-guard';
import { runStartChecks } from './start-checks';
import { adminCommand } from '../util/admin-command';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    vault: Vault;
    metrics: Metrics;
    regions: Regions;
  }
}

/** Makes the data folder if need be: one the server cannot make or write stops the start naming DATA_DIR, not with a bare error code. */
function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new ConfigError('DATA_DIR', `${dir} cannot be made or written (${typeof code === 'string' ? code : 'error'}): a folder the server's user may write`);
  }
}

/**
 * The database gone but the line's trace left (the write-ahead log of a
 * database moved away after a crash, the one an interrupted restore set
 * aside or kept, a log it kept as a stray one, or its staged copy, or the
 * rescue copy a running server wrote), or a file there that is no line: a start would make a new,
 * empty line that alerts no one (and drop that log). Refused before
 * anything is made, a key included.
 */
function refuseLineLeftBehind(dataDir: string): void {
  const file = databaseFile(dataDir);
  if (fs.existsSync(file)) return refuseFileNotALine(file);
  if (fs.existsSync(`${file}.before-restore`)) {
    throw new ConfigError('DATA_DIR', `no database at ${file}, but ${file}.before-restore, left by an interrupted restore: run ${adminCommand('restore')} again with the backup (nothing was changed)`);
  }
  // The copy the server wrote when its database was removed or DATA_DIR moved while it ran, or the one an interrupted
  // restore left: the newest is named. The line a restore replaced never is (it is from before the restore).
  const copy = lineCopyProblem(file);
  if (copy) throw new ConfigError('DATA_DIR', copy);
  // The log a restore kept aside, killed at its swap: once its staged copy is deleted, nothing else is left of the line.
  const stray = strayLogProblem(file) ?? stagedCopyProblem(file);
  if (stray) throw new ConfigError('DATA_DIR', stray);
  if (fs.existsSync(`${file}-wal`)) {
    throw new ConfigError(
      'DATA_DIR',
      `no database at ${file}, but its write-ahead log ${file}-wal: put the database back beside it, or run ${adminCommand('restore')} with the latest backup (it keeps the log aside); nothing was changed`,
    );
  }
  // Only the line a restore replaced: never offered as the line, but a new, empty one beside it would hide that the line was lost.
  const replaced = replacedLineProblem(file);
  if (replaced) throw new ConfigError('DATA_DIR', replaced);
}

/** A file there that is no line (empty, or another application's): migrated, it would become a new, empty line. */
function refuseFileNotALine(file: string): void {
  const problem = notALineProblem(file);
  if (problem) throw new ConfigError('DATA_DIR', `${problem} (nothing was changed)`);
}

async function storage(app: FastifyInstance, opts: ServerOptions): Promise<void> {
  const { config, secrets, log } = opts;
  // A ConfigError naming the file and the entry.
  const regions = Regions.forLine(config.areasFile, config.defaultCountry);
  await cryptoReady();
  ensureDataDir(config.dataDir);
  refuseLineLeftBehind(config.dataDir);
  guardLine(app, opts);
  const key = loadMasterKey(secrets.masterKeyBase64, config.dataDir);
  if (key.source === 'file') {
    // The variable, never the file's path: the log may be shipped where DATA_DIR's place is not to be known (README).
    log.warn(
      { generated: key.generated },
      'HEADSUP_MASTER_KEY is not set: using a development key file. Anyone who copies DATA_DIR can read the data; set HEADSUP_MASTER_KEY in production and keep the key elsewhere.',
    );
  }
  const db = new Db(databaseFile(config.dataDir));
  // The data is sealed under the key version the database records (rotate-key moves it on).
  const vault = new Vault(key.key, readKeyState(db).version);
  try {
    if (rotationUnderWay(db)) throw new ConfigError('HEADSUP_MASTER_KEY', ROTATION_UNDER_WAY);
    // A wrong key is refused before anything is written, migrations included.
    verifyKey(db, vault, key.file);
    const applied = migrate(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
    db.transaction(() => untieErasedReporters(db, vault));
    // Alerts approved before migration 0039 are indexed for CHECK again, as an approval indexes them now.
    db.transaction(() => reindexListedAlerts(db, vault, regions.country));
    // Buddy links and declines kept before migration 0063 are indexed by member and listed by number; a number's row
    // drops what was erased without the key since the last start (retention).
    mendBuddiesAtStart(db, vault);
    // The data against a configuration that may have changed since the last start (areas, country, mode).
    runStartChecks({ db, vault, regions, config, log, now: (opts.now ?? Date.now)() });
    recordKey(db, vault);
  } catch (err) {
    db.close();
    throw err;
  }
  db.reportHookErrors((err) => log.error({ err: safeError(err) }, 'work after a commit failed; the commit stands'));
  // Once: the work that fails on it logs its own errors, and /readyz says damaged from now on.
  db.damage.onFirst(() => log.error(`the database is damaged (SQLite found a damaged page): joins, reports or alerts fail until it is restored; run ${adminCommand('doctor')}, then restore the latest backup`));
  app.addHook('onClose', async () => db.close());
  app.decorate('regions', regions);
  app.decorate('db', db);
  app.decorate('vault', vault);
  app.decorate('metrics', new Metrics(db));
}

export default fp(storage, { name: 'storage' });
