/**
 * doctor's provider checks: Twilio's account and sender, signal-cli-rest-api's
 * mode and account, and what the server recorded of Signal's safety. Each
 * asks the provider once, bounded in time.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Config, Secrets } from '../config/env';
import { databaseFile } from '../store/db';
import { openToRead } from '../store/open-to-read';
import { bad, ok, type CheckResult } from './doctor-check';
import { credentialsApart, shown } from './signal-api-url';
import { checkServiceWebhook, checkSmsWebhook, type NumberWebhook, type ServiceWebhook } from './doctor-webhook';
import { adminCommand } from '../util/admin-command';

const TIMEOUT_MS = 5_000;

async function getJson(address: string, given: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const { url, headers } = credentialsApart(address, given);
  // Never followed, as the senders never follow one: a redirect that leads somewhere sound would pass here while every send meets it.
  const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // a non-JSON answer: the status says enough
  }
  return { status: res.status, body };
}

/** What doctor learnt of the Twilio account: its checks, and whether Twilio said it is upgraded (type Full), which the outbox's trial refusals are read against. */
export interface TwilioChecks {
  results: CheckResult[];
  upgraded: boolean;
}

export async function checkTwilio(config: Config, secrets: Secrets): Promise<TwilioChecks> {
  const results = await checkTwilioAccount(config, secrets);
  return { results: results.checks, upgraded: results.type === 'Full' };
}

const TRIAL =
  "the Twilio account is a trial account, which texts only the numbers verified in it: every other message (alerts, replies, buddies' escalations) is refused (Twilio 21608). Upgrade the account in the Twilio console";

async function checkTwilioAccount(config: Config, secrets: Secrets): Promise<{ checks: CheckResult[]; type?: unknown }> {
  const t = config.twilio;
  if (!t) return { checks: [] };
  const auth = { authorization: `Basic ${Buffer.from(`${t.accountSid}:${secrets.twilioAuthToken ?? ''}`).toString('base64')}` };
  const account = `${t.apiBaseUrl}/2010-04-01/Accounts/${t.accountSid}`;
  try {
    const acc = await getJson(`${account}.json`, auth);
    if (acc.status === 401) return { checks: [bad('twilio', 'Twilio refused TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN: copy both again from the Twilio console')] };
    if (acc.status !== 200) return { checks: [bad('twilio', `Twilio answered ${acc.status} for the account: try again later, or check status.twilio.com`)] };
    const { status, type } = (acc.body ?? {}) as { status?: string; type?: unknown };
    if (status !== 'active') return { checks: [bad('twilio', `the Twilio account is ${status ?? 'in an unknown state'}: reactivate it in the Twilio console`)], type };
    // A trial account fails, but its sender is checked still: one fix per doctor run would take a run each.
    const results = [
      type === 'Trial' ? bad('twilio', TRIAL) : ok('twilio', `credentials accepted, account active${type === 'Full' ? ' and upgraded (not a trial)' : ''}`),
    ];
    // The sender uses the messaging service when both are set: that is the one to check.
    if (t.messagingServiceSid) {
      // Messaging services live on their own host; a test base URL serves both.
      const base = t.apiBaseUrl === 'https://api.twilio.com' ? 'https://messaging.twilio.com' : t.apiBaseUrl;
      results.push(...(await checkMessagingService(`${base}/v1/Services/${t.messagingServiceSid}`, auth, config.publicUrl)));
    } else if (t.fromNumber) {
      const list = await getJson(`${account}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(t.fromNumber)}`, auth);
      const numbers = (list.body as { incoming_phone_numbers?: Array<NumberWebhook & { phone_number?: string; capabilities?: { sms?: boolean } | null }> } | null)?.incoming_phone_numbers ?? [];
      const owned = list.status === 200 ? numbers.find((n) => n.phone_number === t.fromNumber) : undefined;
      results.push(
        !owned
          ? bad('twilio sender', 'TWILIO_FROM_NUMBER is not a number of this Twilio account: buy or port it, or fix the variable')
          : owned.capabilities?.sms === false
            ? bad('twilio sender', 'TWILIO_FROM_NUMBER belongs to this account but cannot send SMS (Twilio error 21606 at every send): use an SMS-capable number')
            : ok('twilio sender', 'TWILIO_FROM_NUMBER belongs to this account and can send SMS'),
      );
      // Where the number posts its incoming texts: only a number that can take them.
      if (owned && owned.capabilities?.sms !== false) results.push(checkSmsWebhook(owned, config.publicUrl));
    }
    return { checks: results, type };
  } catch {
    return { checks: [bad('twilio', `no answer from ${t.apiBaseUrl}: check the network, or TWILIO_API_BASE_URL`)] };
  }
}

/** The lists of a Messaging Service's sender pool (Messaging API v1), each answered as {"<key>": [...], "meta": {...}}. */
const POOL = [
  ['PhoneNumbers', 'phone_numbers'],
  ['ShortCodes', 'short_codes'],
  ['AlphaSenders', 'alpha_senders'],
] as const;

/**
 * TWILIO_MESSAGING_SERVICE_SID's service: that it is the account's, that its sender pool holds a
 * sender (Twilio refuses every send through an empty one, 21704, and the SMS lane holds), and
 * where it posts incoming texts. Only whether each list is empty is read: no number is printed.
 */
async function checkMessagingService(service: string, auth: Record<string, string>, publicUrl: string): Promise<CheckResult[]> {
  const svc = await getJson(service, auth);
  if (svc.status !== 200) return [bad('twilio sender', 'TWILIO_MESSAGING_SERVICE_SID is not a messaging service of this account: fix the variable')];
  return [await checkPool(service, auth), checkServiceWebhook((svc.body ?? {}) as ServiceWebhook, publicUrl)];
}

/** Whether the service's sender pool holds a sender: a page of one from each list until one has. */
async function checkPool(service: string, auth: Record<string, string>): Promise<CheckResult> {
  for (const [list, key] of POOL) {
    const page = await getJson(`${service}/${list}?PageSize=1`, auth);
    const items = (page.body as Record<string, unknown> | null)?.[key];
    if (page.status !== 200 || !Array.isArray(items)) {
      return bad('twilio sender', `Twilio answered ${page.status} for the sender pool of TWILIO_MESSAGING_SERVICE_SID: try again later, or check status.twilio.com`);
    }
    if (items.length > 0) return ok('twilio sender', 'TWILIO_MESSAGING_SERVICE_SID is a messaging service of this account with senders in its pool');
  }
  return bad(
    'twilio sender',
    'the Messaging Service of TWILIO_MESSAGING_SERVICE_SID has no sender in its pool (Twilio error 21704 at every send): add a phone number or short code to it in the Twilio console',
  );
}

/** signal-cli-rest-api's MODE for each SIGNAL_RECEIVE_MODE. */
const SIGNAL_MODES = { websocket: ['json-rpc'], poll: ['normal', 'native'] } as const;

const isRedirect = (status: number) => status >= 300 && status < 400;

/** A redirect at SIGNAL_API_URL: named without the URL or the Location (either may carry a proxy's token). */
function redirected(route: string, status: number): CheckResult {
  return bad(
    'signal',
    `SIGNAL_API_URL answers ${route} with a redirect (${status}), which Heads Up never follows: every Signal message would wait, held. Point SIGNAL_API_URL at signal-cli-rest-api itself, or make the proxy in front pass requests on`,
  );
}

export async function checkSignal(config: Config): Promise<CheckResult[]> {
  const s = config.signal;
  if (!s) return [];
  try {
    const about = await getJson(`${s.apiUrl}/v1/about`);
    if (isRedirect(about.status)) return [redirected('/v1/about', about.status)];
    if (about.status !== 200) return [bad('signal', `signal-cli-rest-api answered ${about.status} at ${shown(s.apiUrl)}/v1/about: is SIGNAL_API_URL right?`)];
    const mode = (about.body as { mode?: unknown } | null)?.mode;
    // signal-cli-rest-api always names its mode; a 200 without it is someone else (a proxy's HTML page).
    if (typeof mode !== 'string') {
      return [bad('signal', `something at ${shown(s.apiUrl)} answered 200 to /v1/about, but not with signal-cli-rest-api's JSON (a proxy's page?): point SIGNAL_API_URL at signal-cli-rest-api itself`)];
    }
    const results: CheckResult[] = [];
    const expected: readonly string[] = SIGNAL_MODES[s.receiveMode];
    results.push(
      expected.includes(mode)
        ? ok('signal mode', `signal-cli-rest-api runs MODE=${mode}, as SIGNAL_RECEIVE_MODE=${s.receiveMode} needs`)
        : bad('signal mode', `signal-cli-rest-api runs MODE=${mode} but SIGNAL_RECEIVE_MODE=${s.receiveMode} needs MODE=${expected.join(' or ')}: change one of them`),
    );
    const accounts = await getJson(`${s.apiUrl}/v1/accounts`);
    if (isRedirect(accounts.status)) return [...results, redirected('/v1/accounts', accounts.status)];
    const list = Array.isArray(accounts.body) ? (accounts.body as unknown[]) : [];
    results.push(
      accounts.status === 200 && list.includes(s.number)
        ? ok('signal account', 'SIGNAL_NUMBER is registered with signal-cli-rest-api')
        : bad('signal account', 'SIGNAL_NUMBER is not registered with signal-cli-rest-api: register or link it first'),
    );
    return results;
  } catch {
    return [bad('signal', `no answer from signal-cli-rest-api at ${shown(s.apiUrl)}: is it running, and SIGNAL_API_URL right?`)];
  }
}

/**
 * What the server recorded of Signal's safety (issue 15): a rate-limit
 * challenge waiting for a captcha, and moderators whose identity changed.
 * Nothing is printed when all is well.
 */
export function checkSignalSafety(config: Config): CheckResult[] {
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
            `Signal demands a captcha since ${new Date(c.seen_at).toISOString()} and holds Signal messages back: solve https://signalcaptchas.org/challenge/generate.html, then ${adminCommand('signal-captcha "signalcaptcha://…"')}`,
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
          bad('signal moderators', `${n === 1 ? '1 Signal moderator changed identity and is treated as a member' : `${n} Signal moderators changed identity and are treated as members`}: check in person, then ${adminCommand('signal-readmit UUID')} (it shows the safety number to compare)`),
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
