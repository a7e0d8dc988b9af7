/**
 * The fake Twilio's Messaging Services as Twilio's Messaging API v1 serves
 * them: GET /v1/Services/{Sid} (its incoming webhook: inbound_request_url,
 * inbound_method, use_inbound_webhook_on_number), and the lists of its sender pool
 * (PhoneNumbers, ShortCodes, AlphaSenders), each one page of
 * {"<key>": [...], "meta": {..., "key": "<key>"}}, PageSize honoured. And
 * Twilio's refusal of a send through one: 21705 a MessagingServiceSid that
 * is not a SID, 21701 one the account does not have, 21702 a service not
 * taking new messages, 21704 one whose sender pool is empty (each 400).
 */
import { randomBytes } from 'node:crypto';
import { twilioError, TWILIO_ERRORS, type Answer } from './fake-twilio-errors';

/**
 * One Messaging Service of the account: its sender pool (phone numbers, short codes), whether it takes
 * new messages, and where it posts incoming texts (unset: none, as a new service through the API).
 */
export interface MessagingService {
  senders: string[];
  shortCodes?: string[];
  available: boolean;
  /** inbound_request_url: null when unset (Twilio then takes no incoming message). */
  inboundUrl?: string;
  /** inbound_method; POST when unset. */
  inboundMethod?: 'GET' | 'POST';
  /** use_inbound_webhook_on_number: each number's own sms_url takes its incoming texts instead. */
  inboundOnNumber?: boolean;
}

/** The service's resource (`list` undefined) or one list of its sender pool. */
export function serviceResource(url: URL, accountSid: string, serviceSid: string, service: MessagingService, list: string | undefined): { status: number; body: unknown } {
  const self = `https://messaging.twilio.com${url.pathname}`;
  if (!list) {
    const inbound = {
      inbound_request_url: service.inboundUrl ?? null,
      inbound_method: service.inboundMethod ?? 'POST',
      fallback_url: null,
      fallback_method: 'POST',
      status_callback: null,
      use_inbound_webhook_on_number: service.inboundOnNumber ?? false,
    };
    return { status: 200, body: { sid: serviceSid, account_sid: accountSid, friendly_name: 'Heads Up', ...inbound, url: self } };
  }
  const item = (prefix: string, field: string, value: string) => ({
    sid: `${prefix}${randomBytes(16).toString('hex')}`,
    account_sid: accountSid,
    service_sid: serviceSid,
    [field]: value,
    country_code: 'US',
    capabilities: ['SMS'],
  });
  const [key, items] =
    list === 'PhoneNumbers'
      ? ['phone_numbers', service.senders.map((n) => item('PN', 'phone_number', n))]
      : list === 'ShortCodes'
        ? ['short_codes', (service.shortCodes ?? []).map((c) => item('SC', 'short_code', c))]
        : ['alpha_senders', []];
  const pageSize = Number(url.searchParams.get('PageSize') ?? 50);
  const page = `${self}?PageSize=${pageSize}&Page=0`;
  return {
    status: 200,
    body: { [key]: items.slice(0, pageSize), meta: { page: 0, page_size: pageSize, first_page_url: page, previous_page_url: null, url: page, next_page_url: null, key } },
  };
}

/** Twilio's refusal of a send through this Messaging Service, if the account's services (when a test named them) make one. */
export function serviceRefusal(services: Map<string, MessagingService> | undefined, serviceSid: string): Answer | undefined {
  if (!services) return undefined;
  const e = TWILIO_ERRORS;
  const service = services.get(serviceSid);
  const refusal = !/^MG[0-9a-fA-F]{32}$/.test(serviceSid)
    ? e.serviceInvalid
    : !service
      ? e.serviceMissing
      : !service.available
        ? e.serviceUnavailable
        : service.senders.length + (service.shortCodes?.length ?? 0) === 0
          ? e.serviceEmpty
          : undefined;
  return refusal && twilioError(refusal.status, refusal.code, refusal.message);
}
