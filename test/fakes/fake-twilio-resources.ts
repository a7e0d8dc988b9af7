/**
 * The fake Twilio's resources as the REST API 2010-04-01 serves them: a
 * message (the create's 201 body, a redaction's and a fetch's 200 body),
 * and the account's IncomingPhoneNumbers list.
 */
import { randomBytes } from 'node:crypto';

export interface SentMessage {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
  validityPeriod?: string;
  /** The latest status (outbound: queued until its callbacks run; inbound: received). */
  status?: string;
  /** Twilio's error code once the message is undelivered or failed (the contract's `error_code`, an integer). */
  errorCode?: number;
  direction?: 'inbound' | 'outbound-api';
  /** When an inbound message arrived (ms since the epoch, by Date.now, which a test's fake timers move). */
  receivedAt?: number;
}

/** A Twilio SID: its two-letter prefix and 32 hex digits. */
export function fakeSid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** The message resource; no date_sent while the message is only queued (the create's answer). */
export function messageResource(accountSid: string, msg: SentMessage, sent: boolean): unknown {
  const base = `/2010-04-01/Accounts/${accountSid}`;
  const now = new Date().toUTCString();
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: msg.body,
    date_created: now,
    date_sent: sent ? now : null,
    date_updated: now,
    direction: msg.direction ?? 'outbound-api',
    error_code: msg.errorCode ?? null,
    error_message: null,
    from: msg.from ?? null,
    messaging_service_sid: msg.messagingServiceSid ?? null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: msg.sid,
    status: msg.status ?? 'queued',
    subresource_uris: { media: `${base}/Messages/${msg.sid}/Media.json` },
    to: msg.to,
    uri: `${base}/Messages/${msg.sid}.json`,
  };
}

/** The IncomingPhoneNumbers list resource, filtered by PhoneNumber as Twilio does (one page). */
export function incomingNumbers(url: URL, accountSid: string, ownedNumbers: string[], voiceOnlyNumbers: string[], smsUrl = ''): { status: number; body: unknown } {
  const wanted = url.searchParams.get('PhoneNumber');
  const owned = ownedNumbers.filter((n) => wanted === null || n === wanted);
  return {
    status: 200,
    body: {
      incoming_phone_numbers: owned.map((n) => {
        const sms = !voiceOnlyNumbers.includes(n);
        const webhook = { sms_url: smsUrl, sms_method: 'POST', sms_application_sid: '' };
        return { sid: fakeSid('PN'), account_sid: accountSid, phone_number: n, capabilities: { voice: true, sms, mms: sms, fax: false }, ...webhook };
      }),
      page: 0,
      page_size: 50,
      next_page_uri: null,
    },
  };
}

/**
 * GET Messages/{Sid}.json: the message resource as Twilio has it now (its
 * status and error code as its callbacks said, or as a test set them), or
 * Twilio's 404 (code 20404) for a sid the account does not have.
 */
export function fetchedMessage(accountSid: string, messages: Map<string, SentMessage>, sid: string): { status: number; body: unknown } {
  const msg = messages.get(sid);
  if (msg) return { status: 200, body: messageResource(accountSid, msg, msg.status !== undefined && msg.status !== 'queued') };
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
  return { status: 404, body: { code: 20404, message: `The requested resource ${uri} was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 } };
}
