/** Twilio inbound: turns the form fields of a webhook into a message or a delivery status. */
import { providerNumber } from '../../phone/numbers';
import type { Sender } from '../../phone/identity';

/** Form fields as parsed from the request body. */
export type FormFields = Record<string, string | string[] | undefined>;

/** A parsed inbound SMS. */
export interface TwilioInbound {
  sender: Sender;
  text: string;
  messageSid: string;
  /**
   * Set by Twilio's Advanced Opt-Out when the message matched one of its
   * opt-out, opt-in or help keywords: Twilio has already answered it.
   */
  optOutType?: 'STOP' | 'START' | 'HELP';
  /** An MMS: it carried a photo or a file (NumMedia above 0). */
  media: boolean;
}

/** Why a webhook was refused, with the status to answer. */
export class WebhookError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/**
 * One field of a parsed form body, as one string: a repeated field keeps its
 * first value (Twilio posts each field once); anything else reads as absent.
 */
export function field(fields: FormFields, name: string): string | undefined {
  if (!Object.hasOwn(fields, name)) return undefined;
  const v = fields[name];
  if (typeof v === 'string') return v;
  return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}

const SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/** Turns inbound SMS fields into a message; throws 400 if required fields are missing or malformed. */
export function parseInboundSms(fields: FormFields): TwilioInbound {
  const messageSid = field(fields, 'MessageSid') ?? field(fields, 'SmsSid');
  if (!messageSid || !SID.test(messageSid)) throw new WebhookError(400, 'MessageSid is missing or malformed');
  const posted = field(fields, 'From');
  const from = posted ? providerNumber(posted) : null;
  if (!from) throw new WebhookError(400, 'From is missing or not a phone number');
  const text = field(fields, 'Body') ?? '';
  if (text.length > 1600) throw new WebhookError(413, 'Body is longer than 1,600 characters');
  const optOut = field(fields, 'OptOutType')?.toUpperCase();
  const optOutType = optOut === 'STOP' || optOut === 'START' || optOut === 'HELP' ? optOut : undefined;
  // Twilio sends NumMedia with every message ("0" for a plain SMS); anything but a small count reads as none.
  const media = /^[1-9]\d{0,2}$/.test(field(fields, 'NumMedia') ?? '');
  return { sender: { channel: 'sms', address: from, phone: from }, text, messageSid, optOutType, media };
}

/** A delivery status callback. */
export interface TwilioStatus {
  messageSid: string;
  status: string;
  errorCode?: string;
}

/** Parses a status callback's fields; throws 400 if they are not one. */
export function parseStatusCallback(fields: FormFields): TwilioStatus {
  const messageSid = field(fields, 'MessageSid') ?? field(fields, 'SmsSid');
  const status = field(fields, 'MessageStatus') ?? field(fields, 'SmsStatus');
  if (!messageSid || !SID.test(messageSid)) throw new WebhookError(400, 'MessageSid is missing or malformed');
  if (!status || !/^[a-z_]{1,20}$/.test(status)) throw new WebhookError(400, 'MessageStatus is missing or malformed');
  const code = field(fields, 'ErrorCode');
  const errorCode = code && /^\d{1,6}$/.test(code) ? code : undefined;
  return { messageSid, status, errorCode };
}
