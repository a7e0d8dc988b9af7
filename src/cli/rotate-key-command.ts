/**
 * `heads-up rotate-key`: with the server stopped, re-seals the line under
 * HEADSUP_NEW_MASTER_KEY. Safe to run again after an interruption: it goes
 * on where it stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config, Secrets } from '../config/env';
import { expireReportDrafts } from '../jobs/report-drafts';
import { giveFolderOwner } from '../store/file-owner';
import { refusalMessage } from '../store/file-refusal';
import { databaseFile, type Db } from '../store/db';
import { openExclusive } from '../store/exclusive-open';
import { checkRotationKeys, KeyRotation, rotationVersions, type RotationProgress } from '../store/key-rotation';
import { keyOpens } from '../store/key-state';
import { migrate } from '../store/migrate';
import { cryptoReady, Vault } from '../store/vault';
import { CommandError } from './cli-errors';
import { counted } from './counted';
import { decodeMasterKey } from '../store/master-key';
import { lineBot, lineFile, readExistingKey, readLineConfig } from './line';
import { keptCopyKey, keptLineFiles, removeCommand } from '../store/kept-lines';
import { adminCommand } from '../util/admin-command';

/** A progress reporter: one rewritten line on a terminal, a line per tenth of each step otherwise. */
export function progressLine(stream: NodeJS.WriteStream): (p: RotationProgress) => void {
  let lastTenth = -1;
  let lastStep = '';
  return (p) => {
    const pct = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
    const line = `rotate-key: ${p.step} ${p.done}/${p.total} (${pct}%)`;
    if (stream.isTTY) {
      stream.write(`\r${line}\u001b[K${p.done >= p.total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(pct / 10);
    if (p.step !== lastStep || tenth !== lastTenth) stream.write(`${line}\n`);
    lastStep = p.step;
    lastTenth = tenth;
  };
}

function batchSize(env: NodeJS.ProcessEnv): number {
  const raw = env.HEADSUP_ROTATE_BATCH;
  if (raw === undefined || raw === '') return 1000;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000) throw new CommandError('HEADSUP_ROTATE_BATCH: expected a whole number from 1 to 100000');
  return Number(raw);
}

/** Replaces the development key file with the new key, atomically and 0600. */
function replaceKeyFile(file: string, key: Uint8Array): void {
  const dir = path.dirname(file);
  // A run killed between writing and renaming left its copy of a key here: a key beside the database that nobody knows of.
  for (const name of fs.readdirSync(dir)) if (/^\.master\.key\.\d+$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  const tmp = path.join(dir, `.master.key.${process.pid}`);
  // Synced before the rename, and the folder after: a power cut leaves the old key file or the whole new one, never an empty one.
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${Buffer.from(key).toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // Run as root over another user's line: the key stays readable by the server, which runs as them.
  giveFolderOwner([tmp]);
  fs.renameSync(tmp, file);
  const folder = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(folder);
  } finally {
    fs.closeSync(folder);
  }
}

/**
 * A development key file left in DATA_DIR once HEADSUP_MASTER_KEY was set:
 * the server no longer reads it, so rotate-key would not replace it, and the
 * old key would stay on the disk beside the line, opening every backup made
 * before. Whether it is still wanted (it may be the only copy that opens old
 * backups) is the operator's call: refused before anything is written. A
 * file that already holds the new key opens only what the line will be.
 */
function refuseUnusedKeyFile(dataDir: string, newKey: Uint8Array): void {
  const file = path.join(dataDir, 'master.key');
  if (!fs.existsSync(file)) return;
  const held = decodeMasterKey(fs.readFileSync(file, 'utf8'));
  if (held && Buffer.from(held).equals(Buffer.from(newKey))) return;
  throw new CommandError(
    `${file} holds a key, but HEADSUP_MASTER_KEY is set, so the server does not use it: a rotation would leave it beside the line, opening every backup made before. Move it off this machine (with your old backups, if it opens them) or delete it, then run rotate-key again. Nothing was changed.`,
  );
}

/**
 * DATA_DIR or the database this user may not write (another user's line):
 * refused before anything opens it, in the operator's words. SQLite stopped
 * at its first write with "attempt to write a readonly database", or, the
 * folder writable, left an empty -wal and -shm of this user's behind.
 */
function refuseUnwritable(dataDir: string): void {
  const file = databaseFile(dataDir);
  const advice = { denied: 'run rotate-key as the user that runs the line (nothing was changed)', readOnly: 'remount it read-write, then run rotate-key again (nothing was changed)' };
  // The folder too: SQLite makes the -wal and -shm there, and a key file is replaced there. Files not there are lineFile's to name.
  const checks: Array<[verb: string, target: string, mode: number]> = [['write in', dataDir, fs.constants.W_OK]];
  for (const f of [file, `${file}-wal`, `${file}-shm`]) checks.push(['read', f, fs.constants.R_OK], ['write', f, fs.constants.W_OK]);
  for (const [verb, target, mode] of checks) {
    try {
      fs.accessSync(target, mode);
    } catch (err) {
      const refused = refusalMessage(err, verb, target, advice);
      if (refused) throw new CommandError(refused);
    }
  }
}

/**
 * Open questions are keyed by blind indexes a new key cannot recompute: a
 * guided report in progress is filed with what it has, or dropped, as when
 * it lapses, and its member told (what it queues is re-sealed with the rest),
 * rather than lost without a word.
 */
function settleDrafts(config: Config, secrets: Secrets, db: Db, vault: Vault): void {
  const bot = lineBot(config, secrets, db, vault);
  const now = Date.now();
  db.stmt('UPDATE conversations SET expires_at = ? WHERE expires_at > ?').run(now, now);
  // A batch a turn; a join question or a value that no longer opens is only erased.
  while (db.stmt('SELECT 1 FROM conversations LIMIT 1').get() !== undefined) db.transaction(() => expireReportDrafts(bot.message, bot.message.rules, now));
}

/**
 * The old copies of the line kept in DATA_DIR, which the rotation does not
 * touch: one the retired key opens is the whole line for whoever holds that
 * key (the reason to rotate). Named after the rotation, not refused before
 * it: a volunteer rotating because a key leaked must not be held up, and
 * whether a copy is still wanted is hers to say; the rm is printed to run.
 */
function keptCopiesLines(file: string, retiredKey: Uint8Array): string[] {
  const kept = keptLineFiles(file);
  if (kept.length === 0) return [];
  const retired = new Vault(retiredKey);
  const what = { match: 'sealed under the retired key: whoever holds that key reads it whole', mismatch: 'sealed under another key, not the one retired', unknown: 'maybe sealed under the retired key (it could not be checked)' };
  return [
    ...kept.map((f) => `rotate-key: ${f} is an old copy of the line kept in DATA_DIR, ${what[keptCopyKey(f, retired)]}.`),
    `rotate-key: delete ${kept.length === 1 ? 'it' : 'them'} once the line is right (take a new backup first: ${adminCommand('backup FILE')}): ${removeCommand(kept)}`,
  ];
}

/** Runs (or resumes) the rotation and returns the lines to print. */
export async function rotateKeyCommand(env: NodeJS.ProcessEnv = process.env, progress = progressLine(process.stderr)): Promise<string[]> {
  const { config, secrets } = readLineConfig(env);
  const current = readExistingKey(config, secrets);
  if ('problem' in current) throw new CommandError(current.problem);
  const rawNew = env.HEADSUP_NEW_MASTER_KEY?.trim();
  // An interrupted rotation finishes only with the key it started with: "generate one" would lead away from it.
  if (!rawNew) {
    throw new CommandError(
      'HEADSUP_NEW_MASTER_KEY is not set: to finish an interrupted rotation, set it to the key that rotation started with; to start one, write a new key to a file you keep (openssl rand -base64 32 > new.key) and set it from that file',
    );
  }
  const newKey = decodeMasterKey(rawNew);
  if (!newKey) throw new CommandError('HEADSUP_NEW_MASTER_KEY: expected base64 of exactly 32 random bytes (openssl rand -base64 32)');
  if (!current.file) refuseUnusedKeyFile(config.dataDir, newKey);
  const batch = batchSize(env);
  refuseUnwritable(config.dataDir);
  const file = lineFile(config);
  await cryptoReady();
  const db = openExclusive(file);
  try {
    // A run stopped after its last commit (before the key file was replaced, or the output was read) left the line under the new key.
    if (!Buffer.from(newKey).equals(Buffer.from(current.key)) && keyOpens(db.sqlite, new Vault(newKey)) === 'match') {
      if (!current.file) return ['rotate-key: the line was already sealed under HEADSUP_NEW_MASTER_KEY: set HEADSUP_MASTER_KEY to it (and remove HEADSUP_NEW_MASTER_KEY) before starting the server.', ...keptCopiesLines(file, current.key)];
      replaceKeyFile(current.file, newKey);
      return [`rotate-key: the line was already sealed under HEADSUP_NEW_MASTER_KEY; ${current.file} now holds the new key.`, ...keptCopiesLines(file, current.key)];
    }
    const { from, to } = rotationVersions(db);
    const oldVault = new Vault(current.key, from);
    const newVault = new Vault(newKey, to);
    // Before migrating: another line's key must write nothing, not even the schema.
    checkRotationKeys(db, oldVault, newVault, current.file);
    migrate(db);
    const summary = new KeyRotation(db, oldVault, newVault, {
      batch,
      onProgress: progress,
      country: config.defaultCountry,
      // Once the rotation is sure to start: a refused one changes nothing, drafts included.
      beforeStart: () => settleDrafts(config, secrets, db, oldVault),
    }).run();
    // Only once the line under the new key is on the disk (run() checkpoints): stopped in between, a run again finishes.
    if (current.file) replaceKeyFile(current.file, newKey);
    const e = summary.erased;
    const lines = [
      `rotate-key: every value is now sealed under key version ${summary.toVersion}; the old key no longer opens the line.`,
      current.file
        ? `rotate-key: ${current.file} now holds the new key.`
        : 'rotate-key: set HEADSUP_MASTER_KEY to the new key (and remove HEADSUP_NEW_MASTER_KEY) before starting the server.',
      `rotate-key: links that could not be recomputed were erased: ${[
        counted(e.reporterLinks, 'reporter link'),
        counted(e.blocks, 'block'),
        counted(e.signalLinks, 'Signal link'),
        counted(e.rateLimits, 'rate-limit window'),
        counted(e.handledIds, 'handled message id'),
        counted(e.screening, 'screening entry', 'screening entries'),
        counted(e.conversations, 'open question'),
      ].join(', ')}.`,
    ];
    // Without the record of handled ids, only the signature stops a captured webhook from being replayed.
    if (e.handledIds > 0 && config.twilio) lines.push('rotate-key: rotate TWILIO_AUTH_TOKEN too (Twilio console), so that webhooks captured before now cannot be replayed.');
    return [...lines, ...keptCopiesLines(file, current.key)];
  } finally {
    db.close();
    // A log its close could not remove is the line's too.
    giveFolderOwner([`${file}-wal`, `${file}-shm`]);
  }
}
