/**
 * What every admin command needs of the line: the server's configuration
 * (read from the environment and `.env` exactly as at start-up), its key and
 * its database path.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { readConfig, type Config, type Secrets } from '../config/env';

/** The database file of a data directory (the server opens the same path). */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'heads-up.db');
}

/** Reads `.env` (if present) into the environment, then the configuration. Throws ConfigError on a bad value. */
export function readLineConfig(env: NodeJS.ProcessEnv = process.env): { config: Config; secrets: Secrets } {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true, processEnv: env as Record<string, string> });
  return readConfig(env);
}
