/**
 * `heads-up` (in the image) and `npm run admin --` (in a checkout): the
 * operator's command line. Any moderator command (PENDING, APPROVE ref, …)
 * runs as if typed by a moderator; the operator's own commands keep the
 * line safe. Wrong use prints the usage and exits 2; a failure prints one
 * line and exits 1.
 */
import path from 'node:path';
import { ConfigError } from '../config/env';
import { DatabaseInUseError } from '../store/exclusive-open';
import { backupCommand } from './backup-command';
import { CommandError, sqliteFailure, UsageError } from './cli-errors';
import { formatCheck, runDoctor } from './doctor';
import { isModeratorCommand, moderate } from './moderate';
import { purgeCommand } from './purge-command';
import { restoreCommand } from './restore-command';
import { rotateKeyCommand } from './rotate-key-command';
import { signalCaptchaCommand, signalReadmitCommand, signalUuidCommand } from './signal-commands';

const USAGE = `usage: heads-up COMMAND   (in a checkout: npm run admin -- COMMAND)

  PENDING, APPROVE ref [NPA ...], REJECT ref, EDIT ref text, ALERT NPA ... text,
  BLOCK ref, STATS, SHOW ref, ...
                   any moderator command, as if a moderator texted it
  backup FILE      a consistent copy of the database while the server runs (mode 0600)
  restore FILE     with the server stopped: the backup becomes the database in DATA_DIR
  rotate-key       with the server stopped: re-seal everything under HEADSUP_NEW_MASTER_KEY
  doctor           check the configuration, key, database, disk and providers
  purge            erase now what is older than RETENTION_DAYS
  signal-captcha CAPTCHA
                   lift Signal's rate limit: submit the signalcaptcha://… link you solved
  signal-readmit UUID [SAFETY_NUMBER]
                   a Signal moderator whose identity changed: without the number, show
                   the one to compare with them in person; with it, trust them again
  signal-uuid NUMBER
                   the Signal UUID of a moderator (for MODERATORS) who has messaged the bot

Uses the server's environment (and .env): DATA_DIR, HEADSUP_MASTER_KEY, ...`;

type Out = (line: string) => void;

/**
 * A file named on the command line, as the operator meant it: `npm run`
 * runs the command in the project folder, and INIT_CWD is where the
 * operator typed it (`cd /var/backups && npm --prefix /srv/heads-up run admin -- backup today.db`).
 */
export function operatorPath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const from = env.INIT_CWD && path.isAbsolute(env.INIT_CWD) ? env.INIT_CWD : process.cwd();
  return path.resolve(from, file);
}

interface Operation {
  args: string[];
  /** How many of the last args may be left out. */
  optional?: number;
  run(args: string[], out: Out): Promise<number>;
}

const OPERATIONS: Record<string, Operation> = {
  backup: { args: ['FILE'], run: async ([file], out) => (out(await backupCommand(operatorPath(file as string))), 0) },
  doctor: {
    args: [],
    run: async (_args, out) => {
      const results = await runDoctor();
      for (const r of results) out(formatCheck(r));
      return results.every((r) => r.ok) ? 0 : 1;
    },
  },
  purge: { args: [], run: async (_args, out) => (out(await purgeCommand()), 0) },
  restore: { args: ['FILE'], run: async ([file], out) => (out(await restoreCommand(operatorPath(file as string))), 0) },
  'signal-captcha': { args: ['CAPTCHA'], run: async ([captcha], out) => (out(await signalCaptchaCommand(captcha as string)), 0) },
  'signal-readmit': {
    args: ['UUID', 'SAFETY_NUMBER'],
    optional: 1,
    run: async ([uuid, safetyNumber], out) => {
      for (const line of await signalReadmitCommand(uuid as string, safetyNumber)) out(line);
      return 0;
    },
  },
  'signal-uuid': { args: ['NUMBER'], run: async ([number], out) => (out(await signalUuidCommand(number as string)), 0) },
  'rotate-key': {
    args: [],
    run: async (_args, out) => {
      for (const line of await rotateKeyCommand()) out(line);
      return 0;
    },
  },
};

/** Runs the command line `argv` (without node and the script); returns the exit code. */
export async function runAdmin(argv: string[], out: Out = (l) => process.stdout.write(`${l}\n`), err: Out = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
      (first === undefined ? err : out)(USAGE);
      return first === undefined ? 2 : 0;
    }
    // `backup --help` wrote a backup named --help, and `restore --help` restored it.
    if (rest[0] === '--help' || rest[0] === '-h') {
      out(USAGE);
      return 0;
    }
    // Its own entries only: "constructor" or "toString" are no operations.
    const op = Object.hasOwn(OPERATIONS, first) ? OPERATIONS[first] : undefined;
    if (op) {
      const option = rest.find((a) => a.startsWith('-'));
      if (option) throw new UsageError(`unknown option ${option.slice(0, 40)} (a file whose name starts with - is written ./${option.slice(0, 40)})`);
      if (rest.length > op.args.length || rest.length < op.args.length - (op.optional ?? 0)) {
        throw new UsageError(`${first} takes ${op.args.length ? op.args.join(' ') : 'no arguments'}`);
      }
      return await op.run(rest, out);
    }
    if (!isModeratorCommand(argv)) throw new UsageError(`unknown command: ${first.slice(0, 40)}`);
    out(await moderate(argv));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`heads-up: ${e.message}`);
      err(USAGE);
      return 2;
    }
    if (e instanceof ConfigError) err(`heads-up: configuration error: ${e.message}`);
    else if (e instanceof CommandError || e instanceof DatabaseInUseError) err(`heads-up: ${e.message}`);
    else if (sqliteFailure(e)) err(`heads-up: ${sqliteFailure(e)}`);
    else err(`heads-up: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}

/** The process entry: runs the arguments and sets the exit code. */
export function main(): void {
  // Files this command writes (backups, restored databases) are for the operator alone.
  process.umask(0o077);
  void runAdmin(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
