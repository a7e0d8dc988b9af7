/**
 * The simulator: text the running bot without a phone.
 *   npm run sim -- --from +14155550100 "JOIN 415"
 * Posts a correctly signed Twilio webhook (when TWILIO_AUTH_TOKEN is set) to
 * the server named by .env / the environment, and prints the reply.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import dotenv from 'dotenv';
import twilio from 'twilio';
import { readConfig } from '../config/env';

const USAGE = 'usage: npm run sim -- --from +14155550100 [--url http://127.0.0.1:3000] "MESSAGE"';

function parseArgs(argv: string[]): { from: string; url?: string; text: string } {
  let from = '';
  let url: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--from') from = argv[++i] ?? '';
    else if (arg === '--url') url = argv[++i];
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else words.push(arg);
  }
  if (!from || words.length === 0) throw new Error(USAGE);
  return { from, url, text: words.join(' ') };
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

const CHECK_ADDRESS = 'check the address (--url, or HOST and PORT) and that the Heads Up server is what listens there';

/** What failed a fetch: undici's "fetch failed" carries the socket's or parser's error as its cause (several addresses tried: an AggregateError of them). */
function failureCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; name?: unknown; errors?: Array<{ code?: unknown }> } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.name;
  return typeof code === 'string' ? code : 'error';
}

/**
 * Posts the webhook. Only a refused connection means no server (the quick
 * start's usual slip); any other failure names its code: an address that
 * reaches something else, or a proxy, needs another fix.
 */
async function post(url: string, init: RequestInit, target: string): Promise<Response> {
  // A peer that hangs up before answering can leave fetch pending with nothing left to run: Node would exit 0, silent.
  const dropped = () => {
    console.error(`sim: ${target} closed the connection without an answer: ${CHECK_ADDRESS}`);
    process.exit(1);
  };
  process.once('beforeExit', dropped);
  try {
    return await fetch(url, init);
  } catch (err) {
    const code = failureCode(err);
    if (code === 'ECONNREFUSED') throw new Error(`sim: no server answers at ${target}: start it (npm start), or give its address with --url`);
    throw new Error(`sim: the request to ${target} failed (${code}): ${CHECK_ADDRESS}`);
  } finally {
    process.off('beforeExit', dropped);
  }
}

/** Where HOST is reached from this machine: a wildcard at its loopback address, an IPv6 address in the brackets a URL needs. */
function reachAt(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function main(): Promise<void> {
  if (fs.existsSync('.env')) dotenv.config({ path: '.env', quiet: true });
  const { from, url, text } = parseArgs(process.argv.slice(2));
  const { config, secrets } = readConfig(process.env);
  const target = (url ?? `http://${reachAt(config.host)}:${config.port}`).replace(/\/+$/, '');
  const path = '/webhooks/twilio/sms';
  const fields: Record<string, string> = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: config.twilio?.accountSid ?? `AC${'0'.repeat(32)}`,
    From: from,
    To: config.twilio?.fromNumber ?? '+15005550006',
    Body: text,
    NumMedia: '0',
  };
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (secrets.twilioAuthToken) {
    // Signed as Twilio would: over the public URL the server validates against.
    headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(secrets.twilioAuthToken, config.publicUrl + path, fields);
  }
  const res = await post(target + path, { method: 'POST', headers, body: new URLSearchParams(fields).toString() }, target);
  const body = await res.text();
  // Only a line with Twilio, or with no provider (the console line), has the SMS webhook sim posts to.
  if (res.status === 404) {
    console.error(`sim: the server at ${target} has no SMS webhook (HTTP 404): it is a Signal-only line (or no Heads Up server), and sim texts only a line with Twilio or with no provider; text this line from a Signal app instead`);
    process.exit(1);
  }
  if (!res.ok) {
    console.error(`HTTP ${res.status}: ${body}`);
    process.exit(1);
  }
  // The <Message> may carry attributes (a status callback when TWILIO_REDACT is on).
  const m = /<Message\b[^>]*>([\s\S]*?)<\/Message>/.exec(body);
  console.log(m ? unescapeXml(m[1] as string) : '(no reply: the message was dropped (blocked, rate limited, a repeated hint), or Twilio answers this keyword itself)');
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(err.message === USAGE ? 2 : 1);
});
