/**
 * `heads-up doctor`: one line per check, OK or what to do, for the
 * configuration, the key, the database, its migrations, free disk space and
 * each configured provider. Read-only: it changes nothing, applies no
 * migration and never creates a key.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import dotenv from 'dotenv';
import { ConfigError, type Config, type Secrets } from '../config/env';
import { keyOpens, ROTATION_UNDER_WAY } from '../store/key-state';
import { cryptoReady, Vault } from '../store/vault';
import { Regions } from '../alerts/regions';
import { knownTimeZone, UNKNOWN_TIME_ZONE } from '../bot/clock-time';
import { DATABASE_IN_USE, isDatabaseBusy } from './cli-errors';
import { counted } from './counted';
import { databaseFile } from '../store/db';
import { notALineProblem } from '../store/line-file';
import { openToRead } from '../store/open-to-read';
import { latestMigration, readExistingKey, readLineConfig } from './line';

/** The outcome of one check: `ok` false means `detail` says what to do. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

const TIMEOUT_MS = 5_000;
/** Below this much free space a backup, a migration or a busy night can fail. */
const MIN_FREE_BYTES = 200 * 1024 * 1024;

const ok = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
const bad = (name: string, detail: string): CheckResult => ({ name, ok: false, detail });

/** A file only the server's user may read (the database, a key file, a `.env` with secrets), named when others can; none when it is not there. */
function readableByOthers(name: string, file: string, what = ''): CheckResult[] {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const mode = stat.mode & 0o777;
  return mode & 0o077 ? [bad(name, `${file}${what} is readable by others (mode ${mode.toString(8)}): chmod 600 it`)] : [];
}

/**
 * The database and its -wal and -shm, which hold its latest pages: a crashed
 * line copied without keeping modes can leave them readable while the
 * database is not (the server tightens them at start). Read before doctor
 * opens the database, which may make them.
 */
function databaseModes(file: string): CheckResult[] {
  return [file, `${file}-wal`, `${file}-shm`].flatMap((f) => readableByOthers('database file mode', f));
}

/** The copy a restore stages before its swap, left when the restore was killed (onto an empty DATA_DIR too): a whole backup that nothing else removes. */
function stagedCopies(file: string): CheckResult[] {
  return [`${file}.restoring`, `${file}.restoring-wal`, `${file}.restoring-shm`]
    .filter((f) => fs.existsSync(f))
    .map((f) => bad('restore', `${f} was left by a restore that did not finish: delete it, or run heads-up restore again (it is a copy of the backup and keeps what retention erased)`));
}

function checkDatabase(config: Config, key: { key: Uint8Array; file?: string } | null): CheckResult[] {
  const file = databaseFile(config.dataDir);
  const aside = `${file}.before-restore`;
  if (!fs.existsSync(file)) {
    // An earlier version's restore, killed between its renames, left the line here (the server refuses to start beside it).
    if (fs.existsSync(aside)) {
      return [bad('database', `no database at ${file}, but ${aside}, left by an interrupted restore: run heads-up restore again with the backup (the server refuses to start until then)`)];
    }
    // Its database moved or removed after a crash: the log holds the old line's last writes (the server refuses to start beside it).
    if (fs.existsSync(`${file}-wal`)) {
      return [
        bad(
          'database',
          `no database at ${file}, but its write-ahead log ${file}-wal: put the database back beside it, or run heads-up restore with the latest backup (it keeps the log aside, renamed; the server refuses to start until then)`,
        ),
        ...stagedCopies(file),
      ];
    }
    return [bad('database', `no database at ${file}: start the server once, or restore a backup`), ...stagedCopies(file)];
  }
  const leftover = fs.existsSync(aside)
    ? [bad('restore', `${aside} was left by an interrupted restore: run heads-up restore again with the backup, or delete that file once the line is right (it keeps what retention erased)`)]
    : [];
  // The write-ahead log a restore kept aside (no database was beside it) holds the old line's last pages.
  const base = path.basename(file);
  for (const stray of fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${base}-`) && f.includes('.stray-'))) {
    leftover.push(bad('restore', `${path.join(path.dirname(file), stray)} was kept aside by a restore: delete it once the line is right (it keeps what retention erased)`));
  }
  // The database an interrupted restore set aside, which the next restore kept (its WAL goes with it).
  for (const kept of fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${base}.before-restore.kept-`) && !/-(wal|shm)$/.test(f))) {
    leftover.push(bad('restore', `${path.join(path.dirname(file), kept)} was kept aside by a restore (the line as an interrupted restore left it): delete it once the line is right (it keeps what retention erased)`));
  }
  leftover.push(...stagedCopies(file));
  const modes = databaseModes(file);
  let db: Database.Database;
  try {
    db = openToRead(file);
  } catch (err) {
    return [bad('database', `cannot open ${file}: ${(err as Error).message}`), ...modes, ...leftover];
  }
  const damaged = bad('database', `${file} is damaged: restore the latest backup`);
  try {
    const results: CheckResult[] = [];
    let integrity: unknown;
    try {
      integrity = db.pragma('quick_check', { simple: true });
    } catch (err) {
      // Held by restore or rotate-key: "damaged" would send the operator to restore a backup.
      if (isDatabaseBusy(err)) return [bad('database', DATABASE_IN_USE)];
      integrity = 'not a database';
    }
    results.push(integrity === 'ok' ? ok('database', `${file} opens and passes its integrity check`) : damaged);
    results.push(...modes);
    // Nothing more can be read from a damaged file: the checks below would only throw.
    if (integrity !== 'ok') return results;
    // An empty file or another application's passes its integrity check: "damaged" would hide what it is.
    const problem = notALineProblem(file);
    if (problem) return [bad('database', `${problem} (the server refuses to start on it)`), ...modes, ...leftover];
    const known = latestMigration();
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
    const applied = hasTable ? ((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0) : 0;
    if (applied > known) results.push(bad('migrations', `the database has schema ${applied}, newer than this version knows (${known}): upgrade Heads Up`));
    else if (applied < known) results.push(ok('migrations', `schema ${applied}; the server applies ${counted(known - applied, 'newer migration')} at start`));
    else results.push(ok('migrations', `schema ${applied}, up to date`));
    if (key) {
      const verdict = keyOpens(db, new Vault(key.key));
      if (verdict === 'match') results.push(ok('key', 'the master key opens this database'));
      else if (verdict === 'empty') results.push(ok('key', 'nothing sealed yet to check the key against'));
      else if (verdict === 'rotating') results.push(bad('key', ROTATION_UNDER_WAY));
      // A line on a development key file: HEADSUP_MASTER_KEY is nowhere to be found.
      else if (key.file) results.push(bad('key', `HEADSUP_MASTER_KEY is not set, and the development key file ${key.file} does not open this database: put back the key file it was made with, or set HEADSUP_MASTER_KEY to that key`));
      else results.push(bad('key', 'HEADSUP_MASTER_KEY does not open this database: use the key it was created with'));
    }
    return [...results, ...leftover];
  } catch {
    // A file that passes quick_check may still not be a line's database (a table missing).
    return [damaged];
  } finally {
    db.close();
  }
}

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

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // a non-JSON answer: the status says enough
  }
  return { status: res.status, body };
}

async function checkTwilio(config: Config, secrets: Secrets): Promise<CheckResult[]> {
  const t = config.twilio;
  if (!t) return [];
  const auth = { authorization: `Basic ${Buffer.from(`${t.accountSid}:${secrets.twilioAuthToken ?? ''}`).toString('base64')}` };
  const account = `${t.apiBaseUrl}/2010-04-01/Accounts/${t.accountSid}`;
  try {
    const acc = await getJson(`${account}.json`, auth);
    if (acc.status === 401) return [bad('twilio', 'Twilio refused TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: copy both again from the Twilio console')];
    if (acc.status !== 200) return [bad('twilio', `Twilio answered ${acc.status} for the account: try again later, or check status.twilio.com`)];
    const status = (acc.body as { status?: string } | null)?.status;
    if (status !== 'active') return [bad('twilio', `the Twilio account is ${status ?? 'in an unknown state'}: reactivate it in the Twilio console`)];
    const results = [ok('twilio', 'credentials accepted, account active')];
    // The sender uses the messaging service when both are set: that is the one to check.
    if (t.messagingServiceSid) {
      // Messaging services live on their own host; a test base URL serves both.
      const base = t.apiBaseUrl === 'https://api.twilio.com' ? 'https://messaging.twilio.com' : t.apiBaseUrl;
      const svc = await getJson(`${base}/v1/Services/${t.messagingServiceSid}`, auth);
      results.push(
        svc.status === 200
          ? ok('twilio sender', 'TWILIO_MESSAGING_SERVICE_SID exists in this account')
          : bad('twilio sender', 'TWILIO_MESSAGING_SERVICE_SID is not a messaging service of this account: fix the variable'),
      );
    } else if (t.fromNumber) {
      const list = await getJson(`${account}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(t.fromNumber)}`, auth);
      const numbers = (list.body as { incoming_phone_numbers?: Array<{ phone_number?: string; capabilities?: { sms?: boolean } | null }> } | null)?.incoming_phone_numbers ?? [];
      const owned = list.status === 200 ? numbers.find((n) => n.phone_number === t.fromNumber) : undefined;
      results.push(
        !owned
          ? bad('twilio sender', 'TWILIO_FROM_NUMBER is not a number of this Twilio account: buy or port it, or fix the variable')
          : owned.capabilities?.sms === false
            ? bad('twilio sender', 'TWILIO_FROM_NUMBER belongs to this account but cannot send SMS (Twilio error 21606 at every send): use an SMS-capable number')
            : ok('twilio sender', 'TWILIO_FROM_NUMBER belongs to this account and can send SMS'),
      );
    }
    return results;
  } catch {
    return [bad('twilio', `no answer from ${t.apiBaseUrl}: check the network, or TWILIO_API_BASE_URL`)];
  }
}

/** signal-cli-rest-api's MODE for each SIGNAL_RECEIVE_MODE. */
const SIGNAL_MODES = { websocket: ['json-rpc'], poll: ['normal', 'native'] } as const;

async function checkSignal(config: Config): Promise<CheckResult[]> {
  const s = config.signal;
  if (!s) return [];
  try {
    const about = await getJson(`${s.apiUrl}/v1/about`);
    if (about.status !== 200) return [bad('signal', `signal-cli-rest-api answered ${about.status} at ${s.apiUrl}/v1/about: is SIGNAL_API_URL right?`)];
    const mode = (about.body as { mode?: unknown } | null)?.mode;
    // signal-cli-rest-api always names its mode; a 200 without it is someone else (a proxy's HTML page).
    if (typeof mode !== 'string') {
      return [bad('signal', `something at ${s.apiUrl} answered 200 to /v1/about, but not with signal-cli-rest-api's JSON (a proxy's page?): point SIGNAL_API_URL at signal-cli-rest-api itself`)];
    }
    const results: CheckResult[] = [];
    const expected: readonly string[] = SIGNAL_MODES[s.receiveMode];
    results.push(
      expected.includes(mode)
        ? ok('signal mode', `signal-cli-rest-api runs MODE=${mode}, as SIGNAL_RECEIVE_MODE=${s.receiveMode} needs`)
        : bad('signal mode', `signal-cli-rest-api runs MODE=${mode} but SIGNAL_RECEIVE_MODE=${s.receiveMode} needs MODE=${expected.join(' or ')}: change one of them`),
    );
    const accounts = await getJson(`${s.apiUrl}/v1/accounts`);
    const list = Array.isArray(accounts.body) ? (accounts.body as unknown[]) : [];
    results.push(
      accounts.status === 200 && list.includes(s.number)
        ? ok('signal account', 'SIGNAL_NUMBER is registered with signal-cli-rest-api')
        : bad('signal account', 'SIGNAL_NUMBER is not registered with signal-cli-rest-api: register or link it first'),
    );
    return results;
  } catch {
    return [bad('signal', `no answer from signal-cli-rest-api at ${s.apiUrl}: is it running, and SIGNAL_API_URL right?`)];
  }
}

/**
 * What the server recorded of Signal's safety (issue 15): a rate-limit
 * challenge waiting for a captcha, and moderators whose identity changed.
 * Nothing is printed when all is well.
 */
function checkSignalSafety(config: Config): CheckResult[] {
  const file = databaseFile(config.dataDir);
  if (!config.signal || !fs.existsSync(file)) return [];
  let db: Database.Database;
  try {
    db = openToRead(file);
  } catch {
    return []; // checkDatabase has said why
  }
  try {
    const has = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const results: CheckResult[] = [];
    if (has('signal_challenge')) {
      const c = db.prepare('SELECT seen_at, submitted_at, resumed_at FROM signal_challenge WHERE id = 1').get() as
        | { seen_at: number; submitted_at: number | null; resumed_at: number | null }
        | undefined;
      if (c && c.submitted_at === null) {
        results.push(
          bad(
            'signal rate limit',
            `Signal demands a captcha since ${new Date(c.seen_at).toISOString()} and holds Signal messages back: solve https://signalcaptchas.org/challenge/generate.html, then heads-up signal-captcha "signalcaptcha://…"`,
          ),
        );
      } else if (c && c.resumed_at === null) {
        results.push(ok('signal rate limit', 'a captcha was submitted; the running server resumes Signal sends within seconds (is it running?)'));
      }
    }
    if (has('moderator_identities')) {
      const { n } = db.prepare("SELECT count(*) AS n FROM moderator_identities WHERE state = 'changed'").get() as { n: number };
      if (n > 0) {
        results.push(
          bad('signal moderators', `${n === 1 ? '1 Signal moderator changed identity and is treated as a member' : `${n} Signal moderators changed identity and are treated as members`}: check in person, then heads-up signal-readmit UUID (it shows the safety number to compare)`),
        );
      }
    }
    return results;
  } catch {
    return []; // a damaged database: checkDatabase has said so
  } finally {
    db.close();
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

/** Runs every check; configuration errors end the list early (nothing else can be checked without it). */
export async function runDoctor(env: NodeJS.ProcessEnv = process.env): Promise<CheckResult[]> {
  let parsed: { config: Config; secrets: Secrets };
  try {
    parsed = readLineConfig(env);
    // The line's areas are configuration too: a bad AREAS_FILE names the file and the entry.
    Regions.forLine(parsed.config.areasFile, parsed.config.defaultCountry);
  } catch (err) {
    if (err instanceof ConfigError) return [bad('configuration', err.message)];
    throw err;
  }
  const { config, secrets } = parsed;
  const results: CheckResult[] = [ok('configuration', 'every variable is valid')];
  await cryptoReady();
  const key = readExistingKey(config, secrets);
  if ('problem' in key) results.push(bad('key', key.problem));
  // The development key opens every sealed value: held to the database file's rule.
  else if (key.file) results.push(...readableByOthers('key file mode', key.file));
  else results.push(...unusedKeyFile(config));
  results.push(...checkEnvFile(path.resolve('.env')));
  results.push(...checkDatabase(config, 'key' in key ? key : null));
  results.push(checkTimeZone(config.timeZone));
  results.push(checkMetrics(secrets));
  results.push(checkDisk(fs.existsSync(config.dataDir) ? config.dataDir : path.dirname(path.resolve(config.dataDir))));
  results.push(...(await checkTwilio(config, secrets)));
  results.push(...(await checkSignal(config)));
  results.push(...checkSignalSafety(config));
  return results;
}

/** One line per check, as printed. */
export function formatCheck(r: CheckResult): string {
  return `${r.ok ? 'OK  ' : 'FAIL'} ${r.name}: ${r.detail}`;
}
