/**
 * What every admin command needs of the line: the server's configuration
 * (read from the environment and `.env` exactly as at start-up), its key and
 * its database.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { Regions } from '../alerts/regions';
import { Bot } from '../bot/bot';
import { DEFAULT_LIMITS } from '../bot/context';
import { moderatorContacts, serverSends } from '../config/moderator-contacts';
import { readConfig, type Config, type Secrets } from '../config/env';
import { databaseFile, Db } from '../store/db';
import { refusalMessage } from '../store/file-refusal';
import { unwritableLineProblem } from '../store/unwritable-line';
import { findProjectDir } from '../store/find-up';
import { recordKey, verifyKey } from '../store/key-check';
import { notALineProblem } from '../store/line-file';
import { readKeyState, ROTATION_UNDER_WAY, rotationUnderWay } from '../store/key-state';
import { decodeMasterKey } from '../store/master-key';
import { DatabaseInUseError, openExclusive } from '../store/exclusive-open';
import { migrate, pendingMigrations } from '../store/migrate';
import { cryptoReady, Vault } from '../store/vault';
import { CommandError } from './cli-errors';

/** Reads `.env` (if present) into the environment, as the server does at start; set variables win. */
export function readEnvFile(env: NodeJS.ProcessEnv = process.env): void {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true, processEnv: env as Record<string, string> });
}

/** Reads `.env` (if present) into the environment, then the configuration. Throws ConfigError on a bad value. */
export function readLineConfig(env: NodeJS.ProcessEnv = process.env): { config: Config; secrets: Secrets } {
  readEnvFile(env);
  return readConfig(env);
}

/**
 * The path of the line's database, refused as the server refuses it before
 * any command opens it (backup and rotate-key too): never a new line.
 */
export function lineFile(config: Config): string {
  // In the wrong directory, an empty database and a fresh dev key would answer "Nothing pending."
  const file = databaseFile(config.dataDir);
  try {
    // Opened, not only looked for: a folder or file closed to this user is not "no database".
    fs.closeSync(fs.openSync(file, 'r'));
  } catch (err) {
    const refused = refusalMessage(err, 'read', file, { denied: 'run the admin command as the user that runs the line' });
    if (refused) throw new CommandError(refused);
    throw new CommandError(`no database at ${file}: check DATA_DIR`);
  }
  // Nor an empty file or another application's made into one (rotate-key sealed it as a line under the new key).
  const notLine = notALineProblem(file);
  if (notLine) throw new CommandError(notLine);
  return file;
}

/**
 * The line's database, opened as the server opens it: not mid-rotation, the
 * key checked, migrated (only by its sole user: see migrateAlone). The
 * caller closes it.
 */
export async function openLineDatabase(config: Config, secrets: Secrets): Promise<{ db: Db; vault: Vault }> {
  await cryptoReady();
  const file = lineFile(config);
  const found = readExistingKey(config, secrets);
  if ('problem' in found) throw new CommandError(found.problem);
  const key = found.key;
  // Opening writes (the -wal and -shm, the key's record): SQLite's own words would be errno text or "readonly database".
  const unwritable = unwritableLineProblem(config.dataDir);
  if (unwritable) throw new CommandError(unwritable);
  const db = new Db(file);
  let pending: number;
  try {
    if (rotationUnderWay(db)) throw new CommandError(ROTATION_UNDER_WAY);
    const vault = new Vault(key, readKeyState(db).version);
    verifyKey(db, vault, found.file);
    pending = pendingMigrations(db).length;
    if (pending === 0) {
      recordKey(db, vault);
      return { db, vault };
    }
  } catch (err) {
    db.close();
    throw err;
  }
  db.close();
  migrateAlone(file, pending);
  return openLineDatabase(config, secrets);
}

/**
 * Applies this version's migrations only as the database's sole user (an
 * upgraded line not yet started, no backup or doctor reading it). An older server still running on it
 * expects the schema it started with: migrated under it, it would write rows
 * the new schema does not expect, or fail. Restarted as this version, it
 * migrates at its start.
 */
function migrateAlone(file: string, pending: number): void {
  let db: Db;
  try {
    db = openExclusive(file);
  } catch (err) {
    if (!(err instanceof DatabaseInUseError)) throw err;
    // Any other connection refuses the lock: a doctor's or a backup's reading for a moment as much as an older server.
    throw new CommandError(
      `the database is older than this version of Heads Up (${pending} migration${pending === 1 ? '' : 's'} to apply) and in use by another Heads Up process: a running server (restart it with this version: it applies them at start) or a backup or doctor still at work (try again in a moment)`,
    );
  }
  try {
    migrate(db);
  } finally {
    db.close();
  }
}

/** The master key as the server would load it, without ever creating a development key file. */
export function readExistingKey(config: Config, secrets: Secrets): { key: Uint8Array; file?: string } | { problem: string } {
  if (secrets.masterKeyBase64) {
    const key = decodeMasterKey(secrets.masterKeyBase64);
    return key ? { key } : { problem: 'HEADSUP_MASTER_KEY is not base64 of 32 bytes: generate one with openssl rand -base64 32' };
  }
  const file = path.join(config.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    // Beside a line, "set HEADSUP_MASTER_KEY" would send the operator to make a new key, which opens nothing.
    if (fs.existsSync(databaseFile(config.dataDir))) {
      return {
        problem: `HEADSUP_MASTER_KEY is not set and there is no ${file}: the database beside it is sealed with the key the line was made with. Set HEADSUP_MASTER_KEY to that key, or, if the line ran on a development key file, put that file back; a new key cannot open it`,
      };
    }
    // Not yet made (production never comes here: readConfig requires HEADSUP_MASTER_KEY there); the server makes it at first start.
    return {
      problem: `HEADSUP_MASTER_KEY is not set and there is no development key file yet: the server makes one, ${file}, at its first start (npm start once); in production, set HEADSUP_MASTER_KEY instead (openssl rand -base64 32)`,
    };
  }
  const key = decodeMasterKey(fs.readFileSync(file, 'utf8'));
  return key ? { key, file } : { problem: `${file} does not hold base64 of 32 bytes: restore it, or set HEADSUP_MASTER_KEY` };
}

/** The numbers of the migrations this version of Heads Up knows (a number may be missing: one reverted before release). */
export function knownMigrations(): number[] {
  const files = fs.readdirSync(findProjectDir('migrations')).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f));
  return files.map((f) => Number(f.slice(0, 4)));
}

/** The newest migration this version of Heads Up knows. */
export function latestMigration(): number {
  return Math.max(0, ...knownMigrations());
}

/**
 * The line's bot over `db` under `vault`, as the server would run it: what a
 * command acting as a moderator, or settling drafts, needs. It queues, the
 * running server sends (its dispatcher and planner poll for new rows).
 */
export function lineBot(config: Config, secrets: Secrets, db: Db, vault: Vault): Bot {
  return new Bot({
    db,
    vault,
    regions: Regions.forLine(config.areasFile, config.defaultCountry),
    moderators: new Set(),
    // An EDIT here withdraws the moderators' notices of the old text: they are sent the new one, as after a moderator's EDIT.
    moderatorContacts: moderatorContacts(config, (channel) => serverSends(config, secrets, channel)),
    // ALERT and APPROVE say whether anyone gets it counting the channels the server sends on, as its own bot does.
    sendChannels: (['sms', 'signal'] as const).filter((channel) => serverSends(config, secrets, channel)),
    subscribeMode: config.subscribeMode,
    retentionDays: config.retentionDays,
    maxAreas: config.maxAreas,
    limits: DEFAULT_LIMITS,
    now: Date.now,
    onQueued: () => undefined,
    onAlert: () => undefined,
  });
}
