/**
 * `heads-up doctor`: one line per check, OK or what to do, for the
 * configuration, the key, the database, its migrations, free disk space and
 * each configured provider. Read-only: it changes nothing, applies no
 * migration and never creates a key.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError, readConfig, type Config, type Secrets } from '../config/env';
import { countryMismatch } from '../config/country-check';
import { serverSends, unheardModerators } from '../config/moderator-contacts';
import { unknownNames } from '../config/unknown-names';
import { cryptoReady } from '../store/vault';
import { Regions } from '../alerts/regions';
import { knownTimeZone, UNKNOWN_TIME_ZONE } from '../bot/clock-time';
import { bad, ok, readableByOthers, warn, type CheckResult } from './doctor-check';
import { checkDatabase } from './doctor-database';
import { checkSignal, checkSignalSafety, checkTwilio } from './doctor-providers';
import { readExistingKey, readLineConfig } from './line';

export type { CheckResult } from './doctor-check';

/** Below this much free space a backup, a migration or a busy night can fail. */
const MIN_FREE_BYTES = 200 * 1024 * 1024;

function checkDisk(dir: string): CheckResult {
  try {
    const s = fs.statfsSync(dir);
    const free = s.bavail * s.bsize;
    const mib = Math.floor(free / 1024 / 1024);
    return free >= MIN_FREE_BYTES ? ok('disk', `${mib} MiB free in ${dir}`) : bad('disk', `only ${mib} MiB free in ${dir}: free some space (at least ${MIN_FREE_BYTES / 1024 / 1024} MiB)`);
  } catch {
    return bad('disk', `cannot read free space of ${dir}: does it exist?`);
  }
}

/** What `.env` may hold that opens the line or speaks for it. */
const SECRET_VARIABLES = ['HEADSUP_MASTER_KEY', 'HEADSUP_NEW_MASTER_KEY', 'TWILIO_AUTH_TOKEN', 'METRICS_TOKEN'];

/** `.env` (read at start as the environment is) holding a secret: held to the key file's rule. */
function checkEnvFile(file: string): CheckResult[] {
  if (!fs.existsSync(file)) return [];
  const vars = dotenv.parse(fs.readFileSync(file));
  const held = SECRET_VARIABLES.filter((name) => (vars[name] ?? '').trim() !== '');
  return held.length === 0 ? [] : readableByOthers('.env file mode', file, ` holds ${held.join(', ')} and`);
}

/** The zone check-in messages write their times in. */
function checkTimeZone(tz: string | undefined): CheckResult {
  if (tz === undefined) return ok('time zone', "TZ is not set: check-in times are written in the system's time zone");
  const zone = knownTimeZone(tz);
  return zone ? ok('time zone', `check-in times are written in ${zone}`) : bad('time zone', UNKNOWN_TIME_ZONE);
}

/** /metrics exists only behind METRICS_TOKEN: say how to turn it on, as it is off unless asked for. */
function checkMetrics(secrets: Secrets): CheckResult {
  return secrets.metricsToken
    ? ok('metrics', '/metrics answers a scrape that carries Authorization: Bearer METRICS_TOKEN')
    : ok('metrics', '/metrics is off: set METRICS_TOKEN (openssl rand -hex 32) and give Prometheus that bearer token to turn it on');
}

/**
 * With HEADSUP_MASTER_KEY set the server never reads DATA_DIR/master.key:
 * one left there (the development key of the line's first days, or the key
 * itself copied there) lies beside the data it opens, for whoever takes the
 * disk; an old one opens the backups made under it.
 */
function unusedKeyFile(config: Config): CheckResult[] {
  const file = path.join(config.dataDir, 'master.key');
  if (!fs.existsSync(file)) return [];
  return [bad('key file', `${file} is not used (HEADSUP_MASTER_KEY is set) but lies beside the database: a key on the same disk opens what it seals. Move it off this machine (with your old backups, if it opens them) or delete it`)];
}

/** Names (never values) the line does not read but that look like its own: the server ignores them. */
function misspelled(env: NodeJS.ProcessEnv): CheckResult[] {
  return unknownNames(env).map((line) => warn('configuration', line));
}

/**
 * A provider configured under NODE_ENV=development (its default): a line in
 * production whose NODE_ENV is only on the start command (README's no-Docker
 * recipe, before) has doctor check what the production start would refuse.
 * `env` has `.env` read into it, as the start reads it.
 */
function developmentWithProvider(env: NodeJS.ProcessEnv, config: Config): CheckResult[] {
  if (config.nodeEnv !== 'development' || (!config.twilio && !config.signal)) return [];
  let refused = 'it takes this configuration';
  try {
    readConfig({ ...env, NODE_ENV: 'production' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    refused = `it would refuse it: ${err.message}`;
  }
  return [
    warn(
      'configuration',
      `NODE_ENV is not production (${env.NODE_ENV ? 'it is development' : 'unset, so development'}) though a provider is configured: this checks a development configuration. If this line is in production, set NODE_ENV=production in .env (the start and this command both read it), not only on the start command; under NODE_ENV=production ${refused}`,
    ),
  ];
}

/** Runs every check; configuration errors end the list early (nothing else can be checked without it). */
export async function runDoctor(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult[]> {
  let parsed: { config: Config; secrets: Secrets };
  let regions: Regions;
  try {
    parsed = readLineConfig(env);
    // The line's areas are configuration too: a bad AREAS_FILE names the file and the entry.
    regions = Regions.forLine(parsed.config.areasFile, parsed.config.defaultCountry);
  } catch (err) {
    // A misspelled name may be why (SIGNAL_NUMBR leaves SIGNAL_API_URL alone).
    if (err instanceof ConfigError) return [bad('configuration', err.message), ...misspelled(env)];
    throw err;
  }
  const { config, secrets } = parsed;
  // Valid, but a moderator the line can reach and never hear (start warns in the same words).
  const unheard = unheardModerators(config, (channel) => serverSends(config, secrets, channel));
  const results: CheckResult[] = [unheard ? bad('configuration', unheard) : ok('configuration', 'every variable is valid'), ...developmentWithProvider(env, config), ...misspelled(env)];
  // National numbers read as another country's than the areas' (start warns in the same words).
  const mismatch = countryMismatch(regions.ownPrefixes(), regions.northAmerica, config.defaultCountry);
  if (mismatch) results.push(warn('configuration', mismatch));
  // An area's code or name that is also a command word (start warns in the same words).
  results.push(...regions.warnings.map((warning) => warn('configuration', warning)));
  await cryptoReady();
  const key = readExistingKey(config, secrets);
  if ('problem' in key) results.push(bad('key', key.problem));
  // The development key opens every sealed value: held to the database file's rule.
  else if (key.file) results.push(...readableByOthers('key file mode', key.file));
  else results.push(...unusedKeyFile(config));
  results.push(...checkEnvFile(path.resolve('.env')));
  // Asked first: the outbox's trial refusals (21608) are read against what the account is now.
  const twilio = await checkTwilio(config, secrets);
  results.push(...checkDatabase(config, 'key' in key ? key : null, twilio.upgraded, (channel) => serverSends(config, secrets, channel)));
  results.push(checkTimeZone(config.timeZone));
  results.push(checkMetrics(secrets));
  results.push(checkDisk(fs.existsSync(config.dataDir) ? config.dataDir : path.dirname(path.resolve(config.dataDir))));
  results.push(...twilio.results);
  results.push(...(await checkSignal(config)));
  results.push(...checkSignalSafety(config));
  return results;
}

/** One line per check, as printed. */
export function formatCheck(r: CheckResult): string {
  return `${r.ok ? (r.warn ? 'WARN' : 'OK  ') : 'FAIL'} ${r.name}: ${r.detail}`;
}
