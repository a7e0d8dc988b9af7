/**
 * The operator's moderation console: runs one moderator command against the
 * database in DATA_DIR, with the same key as the server.
 *   npm run admin -- PENDING
 *   npm run admin -- APPROVE K7Q2
 * Messages it queues (alerts, admissions) are sent by the running server,
 * which picks up new outbox rows and unplanned alerts within seconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { Regions } from '../alerts/regions';
import { Bot } from '../bot/bot';
import { DEFAULT_LIMITS } from '../bot/context';
import { ConfigError, readConfig } from '../config/env';
import { Db } from '../store/db';
import { loadMasterKey } from '../store/master-key';
import { recordKey, verifyKey } from '../store/key-check';
import { migrate } from '../store/migrate';
import { cryptoReady, Vault } from '../store/vault';

async function main(): Promise<void> {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  const text = process.argv.slice(2).join(' ').trim();
  const { config, secrets } = readConfig(process.env);
  await cryptoReady();
  const vault = new Vault(loadMasterKey(secrets.masterKeyBase64, config.dataDir).key);
  const db = new Db(path.join(config.dataDir, 'heads-up.db'));
  try {
    verifyKey(db, vault);
    migrate(db);
    recordKey(db, vault);
    const bot = new Bot({
      db,
      vault,
      regions: Regions.load(),
      moderators: new Set(),
      moderatorContacts: [],
      subscribeMode: config.subscribeMode,
      retentionDays: config.retentionDays,
      maxAreas: config.maxAreas,
      limits: DEFAULT_LIMITS,
      now: Date.now,
      // The server's dispatcher and planner poll for work this process leaves.
      onQueued: () => undefined,
      onAlert: () => undefined,
    });
    console.log(bot.operate(text));
  } finally {
    db.close();
  }
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? `configuration error: ${err.message}` : err.message);
  process.exit(1);
});
