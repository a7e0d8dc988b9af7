/**
 * Moderator commands from the command line (`heads-up PENDING`): run as if
 * typed by a moderator, against the database in DATA_DIR with the server's
 * key. Messages they queue (alerts, admissions) are sent by the running
 * server, which picks up new outbox rows and unplanned alerts within seconds.
 */
import { randomBytes } from 'node:crypto';
import { MODERATOR_COMMANDS } from '../bot/commands';
import { parse } from '../bot/parser';
import { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { cryptoReady, Vault } from '../store/vault';
import { CommandError, UsageError } from './cli-errors';
import { lineBot, openLineDatabase, readLineConfig } from './line';

/** Whether the words start a moderator command (PENDING, APPROVE, …), in any case. */
export function isModeratorCommand(words: string[]): boolean {
  const parsed = parse(words.join(' '));
  const kind = parsed.ok ? parsed.command.kind : parsed.command;
  return kind !== undefined && MODERATOR_COMMANDS.has(kind);
}

/** An empty in-memory line under a throwaway key. */
async function scratchLine(): Promise<{ db: Db; vault: Vault }> {
  await cryptoReady();
  const db = new Db(':memory:');
  migrate(db);
  return { db, vault: new Vault(randomBytes(32)) };
}

/** Runs one moderator command and returns the reply a moderator would get; throws it as the failure when the command did nothing. */
export async function moderate(words: string[]): Promise<string> {
  const text = words.join(' ').trim();
  const parsed = parse(text);
  const { config, secrets } = readLineConfig();
  // Wrong use is answered without the line: a scratch database gives the usage, even where DATA_DIR is wrong.
  const { db, vault } = parsed.ok ? await openLineDatabase(config, secrets) : await scratchLine();
  try {
    const bot = lineBot(config, secrets, db, vault);
    const { reply, failed } = bot.operate(text);
    // A moderator command with a missing or malformed argument: the reply says what is missing.
    if (!parsed.ok) throw new UsageError(reply);
    // No such reference, already decided, an unknown area: the reply is the one line, and the exit code says so.
    if (failed) throw new CommandError(reply);
    return reply;
  } finally {
    db.close();
  }
}
