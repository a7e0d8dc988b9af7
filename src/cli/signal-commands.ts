/**
 * The operator's Signal commands (issue 15):
 * - `signal-captcha CAPTCHA`: submits the captcha an operator solved for the
 *   rate-limit challenge Signal demands (its token is on record) to
 *   signal-cli-rest-api; the running server then resumes Signal sends.
 * - `signal-readmit UUID [SAFETY_NUMBER]`: re-admits a Signal moderator whose
 *   identity changed. Without the safety number it prints the one to compare
 *   with the moderator's phone, in person; with it (as their phone shows it)
 *   it trusts that identity at signal-cli and records it as theirs.
 * Both run beside the server, on its database and configuration.
 * - `signal-uuid NUMBER`: the Signal UUID of the contact with that number,
 *   for MODERATORS; from signal-cli's identities, so she must have messaged
 *   the bot. It reads only the Signal settings and no database.
 */
import { SignalIdentities } from '../channels/signal/signal-identities';
import { ConfigError, ENV_SCHEMA, type Config } from '../config/env';
import { isSignalUuid } from '../phone/identity';
import { toE164 } from '../phone/numbers';
import type { Db } from '../store/db';
import { markReadmission, readmitModerator } from '../store/moderator-identities';
import { markChallengeSubmitted, readChallenge } from '../store/signal-challenge';
import type { Vault } from '../store/vault';
import { CommandError, UsageError } from './cli-errors';
import { credentialsApart, shown } from './signal-api-url';
import { openLineDatabase, readEnvFile, readLineConfig } from './line';
import { adminCommand } from '../util/admin-command';

/** The line's database, opened as the server opens it (key checked, migrated). */
async function openLine(): Promise<{ config: Config; db: Db; vault: Vault }> {
  const { config, secrets } = readLineConfig();
  if (!config.signal) throw new CommandError('Signal is not configured: set SIGNAL_API_URL and SIGNAL_NUMBER as the server has them');
  return { config, ...(await openLineDatabase(config, secrets)) };
}

/** Submits a solved captcha for the open challenge; returns the line to print. */
export async function signalCaptchaCommand(captcha: string): Promise<string> {
  if (!/^signalcaptcha:\/\/\S{1,4000}$/.test(captcha)) throw new UsageError('the captcha is the signalcaptcha://… link the captcha page opens (right-click "Open Signal", copy the link)');
  const { config, db } = await openLine();
  try {
    const open = readChallenge(db);
    if (!open || open.submittedAt !== null) throw new CommandError(`Signal has demanded no captcha since the last one was submitted: nothing to lift (${adminCommand('doctor')} shows a challenge when there is one)`);
    const signal = config.signal as NonNullable<Config['signal']>;
    let res: Response;
    try {
      const { url, headers } = credentialsApart(`${signal.apiUrl}/v1/accounts/${signal.number}/rate-limit-challenge`, { 'content-type': 'application/json' });
      // A redirect is not followed: it would hand the challenge and the captcha to another host.
      res = await fetch(url, { method: 'POST', headers, redirect: 'manual', body: JSON.stringify({ challenge_token: open.token, captcha }), signal: AbortSignal.timeout(60_000) });
    } catch {
      throw new CommandError(`no answer from signal-cli-rest-api at ${shown(signal.apiUrl)}: is it running?`);
    }
    if (res.status !== 204 && res.status !== 200) {
      await res.body?.cancel();
      throw new CommandError(`signal-cli-rest-api refused the captcha (${res.status}): solve a new one and try again, quickly (captchas expire within minutes)`);
    }
    markChallengeSubmitted(db, open.token, Date.now());
    return 'signal-captcha: accepted; the running server resumes Signal sends within seconds.';
  } finally {
    db.close();
  }
}

/** Shows (without a safety number) or re-admits (with it) a Signal moderator; returns the lines to print. */
export async function signalReadmitCommand(uuidArg: string, safetyNumberArg?: string): Promise<string[]> {
  const uuid = uuidArg.toLowerCase();
  if (!isSignalUuid(uuid)) throw new UsageError('signal-readmit takes the moderator\'s Signal UUID, as in MODERATORS');
  const { config, db, vault } = await openLine();
  try {
    if (!config.moderators.includes(uuid)) throw new CommandError('that UUID is not in MODERATORS: add it there first');
    const signal = config.signal as NonNullable<Config['signal']>;
    const identities = new SignalIdentities(signal.apiUrl, signal.number);
    const identity = await identities.of(uuid).catch((err: Error) => {
      throw new CommandError(err.message);
    });
    if (!identity) throw new CommandError('signal-cli holds no identity for that UUID: the moderator must message the bot first');
    const grouped = identity.safetyNumber.replace(/(\d{5})(?=\d)/g, '$1 ');
    if (safetyNumberArg === undefined) {
      return [
        `signal-readmit: the safety number Signal holds for moderator ${config.moderators.indexOf(uuid) + 1} is`,
        `  ${grouped}`,
        'Meet them, open the bot\'s chat on their phone (tap the name, "View safety number") and compare every digit.',
        `If they match, run: ${adminCommand(`signal-readmit ${uuid} ${identity.safetyNumber}`)}`,
      ];
    }
    const given = safetyNumberArg.replace(/\s/g, '');
    if (given !== identity.safetyNumber) throw new CommandError('that safety number is not the one Signal holds for this moderator: do not re-admit them; check again in person');
    // Before the trust: signal-cli then hands over what it held from her, which must find it was sent before this.
    const now = Date.now();
    markReadmission(db, vault, uuid, now);
    await identities.trustVerified(uuid, given).catch((err: Error) => {
      throw new CommandError(err.message);
    });
    readmitModerator(db, vault, uuid, identity.fingerprint, now);
    return [
      `signal-readmit: moderator ${config.moderators.indexOf(uuid) + 1} is trusted again with the identity you checked; their moderator commands work now.`,
      'What they sent before now (signal-cli held it) acts on nothing; they are told so, to send again what still matters.',
    ];
  } finally {
    db.close();
  }
}


/**
 * The Signal settings alone, checked by the server's own rules: the lookup
 * needs nothing else, and runs even where another setting is still wrong.
 */
function readSignalSettings(env: NodeJS.ProcessEnv = process.env) {
  readEnvFile(env);
  const parsed = ENV_SCHEMA.pick({ SIGNAL_API_URL: true, SIGNAL_NUMBER: true, DEFAULT_COUNTRY: true }).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as (typeof parsed.error.issues)[number];
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const { SIGNAL_API_URL: apiUrl, SIGNAL_NUMBER: number, DEFAULT_COUNTRY: country } = parsed.data;
  if (!apiUrl || !number) throw new CommandError('Signal is not configured: set SIGNAL_API_URL and SIGNAL_NUMBER as the server has them');
  return { apiUrl, number, country };
}

/** The UUID of the Signal contact with this number (the newest identity, if signal-cli lists several); for the operator's terminal only. */
export async function signalUuidCommand(numberArg: string): Promise<string> {
  const { apiUrl, number, country } = readSignalSettings();
  const wanted = toE164(numberArg, country);
  if (!wanted) throw new UsageError('signal-uuid takes her phone number, such as +14155550123');
  const list = await new SignalIdentities(apiUrl, number).list().catch((err: Error) => {
    throw new CommandError(`${err.message}, at ${shown(apiUrl)}: is it running, with SIGNAL_NUMBER registered?`);
  });
  let best: (typeof list)[number] | undefined;
  for (const e of list) if (e.number === wanted && (!best || e.added >= best.added)) best = e;
  // The number is not echoed: the operator typed it, and stderr may be kept.
  if (!best) throw new CommandError('signal-cli knows no Signal contact by that number: she must message the bot first, from that phone, then run this again');
  return best.uuid;
}
