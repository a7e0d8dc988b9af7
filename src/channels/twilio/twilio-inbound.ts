/** Twilio inbound: turns the form fields of a webhook into a message or a delivery status. */
import { toE164 } from '../../phone/numbers';
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
 * The fields of a parsed form body, each as one string: a repeated field
 * keeps its first value (Twilio posts each field once).
 */
export function readForm(body: unknown): Record<string, string> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const posted = body as FormFields;
  const fields: Record<string, string> = {};
  for (const k of Object.keys(posted)) {
    const v = posted[k];
    if (typeof v === 'string') fields[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') fields[k] = v[0];
  }
  return fields;
}

const SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/** Turns inbound SMS fields into a message; throws 400 if required fields are missing or malformed. */
export function parseInboundSms(fields: Record<string, string>): TwilioInbound {
  const messageSid = fields.MessageSid ?? fields.SmsSid;
  if (!messageSid || !SID.test(messageSid)) throw new WebhookError(400, 'MessageSid is missing or malformed');
  const from = fields.From ? toE164(fields.From) : null;
  if (!from) throw new WebhookError(400, 'From is missing or not a phone number');
  const text = fields.Body ?? '';
  if (text.length > 1600) throw new WebhookError(413, 'Body is longer than 1,600 characters');
  const optOut = fields.OptOutType?.toUpperCase();
  const optOutType = optOut === 'STOP' || optOut === 'START' || optOut === 'HELP' ? optOut : undefined;
  return { sender: { channel: 'sms', address: from, phone: from }, text, messageSid, optOutType };
}

/** A delivery status callback. */
export interface TwilioStatus {
  messageSid: string;
  status: string;
  errorCode?: string;
}

/** Parses a status callback's fields; throws 400 if they are not one. */
export function parseStatusCallback(fields: Record<string, string>): TwilioStatus {
  const messageSid = fields.MessageSid ?? fields.SmsSid;
  const status = fields.MessageStatus ?? fields.SmsStatus;
  if (!messageSid || !SID.test(messageSid)) throw new WebhookError(400, 'MessageSid is missing or malformed');
  if (!status || !/^[a-z_]{1,20}$/.test(status)) throw new WebhookError(400, 'MessageStatus is missing or malformed');
  const errorCode = fields.ErrorCode && /^\d{1,6}$/.test(fields.ErrorCode) ? fields.ErrorCode : undefined;
  return { messageSid, status, errorCode };
}
