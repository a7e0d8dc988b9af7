/**
 * doctor's check of the sender number's incoming-SMS webhook (its `sms_url`
 * in Twilio's IncomingPhoneNumber record): the line checks each webhook's
 * signature against PUBLIC_URL, so a number that posts to another address
 * (http for https, an old host, another path) gets every text refused with
 * 403, and one with none reaches no one. The URLs are the operator's own.
 */
import { signedUrlForms } from '../channels/twilio/signature';
import { SMS_WEBHOOK_PATH } from '../http/twilio-routes';
import { bad, ok, warn, type CheckResult } from './doctor-check';

/** What doctor reads of the number's record; a field Twilio leaves out is taken as unset. */
export interface NumberWebhook {
  sms_url?: unknown;
  sms_method?: unknown;
  sms_application_sid?: unknown;
}

/** A field of Twilio's answer as a string of bounded length ('' when missing). */
const field = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : '');

export function checkSmsWebhook(record: NumberWebhook, publicUrl: string): CheckResult {
  const expected = `${publicUrl}${SMS_WEBHOOK_PATH}`;
  const set = (whose: string) => `set ${whose} "A message comes in" URL to ${expected} (HTTP POST) in the Twilio console`;
  // A TwiML App answers for the number: its own SMS URL counts, which this record does not show.
  if (field(record.sms_application_sid)) return warn('twilio webhook', `TWILIO_FROM_NUMBER hands incoming texts to a TwiML App: check that the App's SMS URL is ${expected} (HTTP POST)`);
  const url = field(record.sms_url);
  if (!url) return bad('twilio webhook', `TWILIO_FROM_NUMBER has no URL for incoming texts, so none reaches the line: ${set('its')}`);
  // The line checks PUBLIC_URL (with or without a written default port) and the path; the route takes its
  // path alone (twilio-routes.ts), so a query string gets every text refused (400) before its signature is read.
  const [called] = url.split('?');
  if (!signedUrlForms(publicUrl).some((base) => called === `${base}${SMS_WEBHOOK_PATH}`)) {
    return bad(
      'twilio webhook',
      `TWILIO_FROM_NUMBER sends incoming texts to ${url}, but the line checks Twilio's signature against ${expected} (PUBLIC_URL), so it refuses every one (403): ${set("the number's")}, or fix PUBLIC_URL`,
    );
  }
  if (url.includes('?')) return bad('twilio webhook', `TWILIO_FROM_NUMBER sends incoming texts to ${url}, with a query string, which the line refuses (400): ${set("the number's")}`);
  if (field(record.sms_method).toUpperCase() === 'GET') return bad('twilio webhook', `TWILIO_FROM_NUMBER sends incoming texts with HTTP GET, which the line does not take: ${set('its')}`);
  return ok('twilio webhook', `TWILIO_FROM_NUMBER sends incoming texts to ${url}`);
}
