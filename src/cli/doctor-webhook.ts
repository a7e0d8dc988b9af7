/**
 * doctor's check of where Twilio posts incoming texts: the sender number's
 * `sms_url` (its IncomingPhoneNumber record), or the Messaging Service's
 * `inbound_request_url` (Messaging v1). The line checks each webhook's
 * signature against PUBLIC_URL, so a webhook posting to another address
 * (http for https, an old host, another path) gets every text refused with
 * 403, one with a query string 400, and none reaches no one. The URLs are
 * the operator's own.
 */
import { signedUrlForms } from '../channels/twilio/signature';
import { WEBHOOK_SEGMENT } from '../config/env';
import { SMS_WEBHOOK_PATH } from '../http/twilio-routes';
import { bad, ok, warn, type CheckResult } from './doctor-check';

/** What doctor reads of the number's record; a field Twilio leaves out is taken as unset. */
export interface NumberWebhook {
  sms_url?: unknown;
  sms_method?: unknown;
  sms_application_sid?: unknown;
}

/** What doctor reads of the Messaging Service's record (Messaging v1 Service); a field left out is taken as unset. */
export interface ServiceWebhook {
  inbound_request_url?: unknown;
  inbound_method?: unknown;
  use_inbound_webhook_on_number?: unknown;
}

/** A field of Twilio's answer as a string of bounded length ('' when missing). */
const field = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : '');

/** Who posts the texts, as the check's lines name it, and how the operator sets its URL. */
interface Poster {
  who: string;
  set: string;
  /** The same, when the line has just named `who` (its). */
  setIts: string;
}

/** The base address a webhook URL puts the line at (scheme, host, port, any path prefix), or null for a URL with no webhook path. */
function baseOf(called: string): string | null {
  let u: URL;
  try {
    u = new URL(called);
  } catch {
    return null;
  }
  const at = u.pathname.search(WEBHOOK_SEGMENT);
  return at === -1 ? null : `${u.protocol}//${u.host}${u.pathname.slice(0, at)}`;
}

/**
 * A URL the signature check does not take. The fix it names must work when
 * followed: the number's URL always; PUBLIC_URL only where the URL is the
 * webhook path under another base address, which may be the true one.
 */
function elsewhere(poster: Poster, url: string, called: string, publicUrl: string): CheckResult {
  const expected = `${publicUrl}${SMS_WEBHOOK_PATH}`;
  const forms = signedUrlForms(publicUrl);
  const base = baseOf(called);
  const noRoute = bad('twilio webhook', `${poster.who} sends incoming texts to ${url}, where the line has no webhook for incoming texts, so none is answered: ${poster.set}`);
  // PUBLIC_URL's own address with another path (the webhook path twice, the status path): no route answers there.
  if (base !== null && forms.includes(base)) return noRoute;
  const refused = `${poster.who} sends incoming texts to ${url}, but the line checks Twilio's signature against ${expected} (PUBLIC_URL), so it refuses every one (403): ${poster.set}`;
  if (base !== null && called === `${base}${SMS_WEBHOOK_PATH}`) return bad('twilio webhook', `${refused}; or, if the line is reached at ${base}, set PUBLIC_URL to ${base}`);
  if (forms.some((form) => called.startsWith(`${form}/`))) return noRoute;
  return bad('twilio webhook', refused);
}

/** The one URL and method check, the same for a number and a service. */
function checkUrl(poster: Poster, url: string, method: string, publicUrl: string): CheckResult {
  if (!url) return bad('twilio webhook', `${poster.who} has no URL for incoming texts, so none reaches the line: ${poster.setIts}`);
  // The line checks PUBLIC_URL (with or without a written default port) and the path; the route takes its
  // path alone (twilio-routes.ts), so a query string gets every text refused (400) before its signature is read.
  const [called = ''] = url.split('?');
  if (!signedUrlForms(publicUrl).some((base) => called === `${base}${SMS_WEBHOOK_PATH}`)) return elsewhere(poster, url, called, publicUrl);
  if (url.includes('?')) return bad('twilio webhook', `${poster.who} sends incoming texts to ${url}, with a query string, which the line refuses (400): ${poster.set}`);
  if (method.toUpperCase() === 'GET') return bad('twilio webhook', `${poster.who} sends incoming texts with HTTP GET, which the line does not take: ${poster.setIts}`);
  return ok('twilio webhook', `${poster.who} sends incoming texts to ${url}`);
}

export function checkSmsWebhook(record: NumberWebhook, publicUrl: string): CheckResult {
  const expected = `${publicUrl}${SMS_WEBHOOK_PATH}`;
  const set = (whose: string) => `set ${whose} "A message comes in" URL to ${expected} (HTTP POST) in the Twilio console`;
  // A TwiML App answers for the number: its own SMS URL counts, which this record does not show.
  if (field(record.sms_application_sid)) return warn('twilio webhook', `TWILIO_FROM_NUMBER hands incoming texts to a TwiML App: check that the App's SMS URL is ${expected} (HTTP POST)`);
  return checkUrl({ who: 'TWILIO_FROM_NUMBER', set: set("the number's"), setIts: set('its') }, field(record.sms_url), field(record.sms_method), publicUrl);
}

/**
 * The Messaging Service's incoming webhook: Twilio posts every text to any of its senders to
 * inbound_request_url (none when it is null), unless use_inbound_webhook_on_number hands each
 * to the number's own sms_url, which this record does not show.
 */
export function checkServiceWebhook(record: ServiceWebhook, publicUrl: string): CheckResult {
  const expected = `${publicUrl}${SMS_WEBHOOK_PATH}`;
  if (record.use_inbound_webhook_on_number === true) {
    return warn(
      'twilio webhook',
      `the Messaging Service hands incoming texts to each number's own URL (use_inbound_webhook_on_number): check that each of its numbers' "A message comes in" URL is ${expected} (HTTP POST)`,
    );
  }
  const set = `set its Integration "Send a webhook" Request URL to ${expected} (HTTP POST) in the Twilio console`;
  return checkUrl({ who: 'the Messaging Service', set, setIts: set }, field(record.inbound_request_url), field(record.inbound_method), publicUrl);
}
