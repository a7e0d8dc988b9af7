/**
 * What Twilio's error codes mean to Heads Up: the codes of a refused send
 * (REST errors) and of a late delivery report (status callbacks). Only this
 * adapter knows them; the core sees SendError and DeliveryReport kinds.
 */
import { SendError, type DeliveryReport } from '../types';

// REST errors documented in the Messages API: 21610 the recipient replied STOP;
// 21211 invalid To; 21614 To is not a mobile number; 21217 not a valid number.
// 21408 (the destination is not enabled in the account's Geo Permissions) is the
// line's own setting, not the recipient's: rejected, the member left alone.
// 21612 "the 'To' number is not currently reachable using the 'From' number via
// SMS" is about a route (this sender to this destination, today), not a dead
// number: rejected too, so one refusal does not cut a member off every alert.
// 21606 and 21659 are rejected for the same reason: among their documented
// causes, "a Short Code must be associated with the same country as the
// destination", so a US short code is refused for one Canadian member and takes
// everyone else. Held, that one refusal would stop every alert at each try.
// (A From that is wrong everywhere fails every message alike: `doctor` names it.)
const STOPPED = new Set([21610]);
// 20429 too many requests; 21611 the From number's queue holds its validity period's worth: both pass.
const THROTTLED = new Set([20429, 21611]);
const INVALID = new Set([21211, 21614, 21217]);
// The line's own setup refused, whatever the destination: 21212 From is not a valid number
// or sender id (or is on a do-not-originate list); 21609 the StatusCallback (built from
// PUBLIC_URL) has a host name Twilio refuses; the Messaging Service (TWILIO_MESSAGING_SERVICE_SID):
// 21701 does not exist in this account, 21702 is not available to send new messages, 21704
// contains no phone numbers, 21705 is not a valid SID.
// Every message would fail alike until the operator fixes TWILIO_FROM_NUMBER, the number, the
// service or PUBLIC_URL (21702 may pass by itself: the held lane's one try at a time finds out).
// 21703, the service "does not have a phone number available to send a message", is not here:
// its pool can lack a sender for one destination's country only, so it is rejected, as 21606 is.
const LINE_SENDER = new Set([21212, 21609, 21701, 21702, 21704, 21705]);
// 63038: the account has sent its daily allowance (a rolling 24 hours; 50 for a trial, or a limit Twilio set).
// Whatever its HTTP status (a 429 seen as a rate limit would retry each message on its own, the operator never
// told), every message is refused alike until sends of the day before age out: the lane holds, one message
// trying at the line hold's pace (a refused create sends nothing), so alerts go as soon as the window frees.
const DAILY_LIMIT = 63038;
// What the held lane's log line tells the operator of each (401 and 20003: the credentials).
const LINE_FAULTS: Record<number, string> = {
  401: 'Twilio refuses TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (see `doctor`)',
  20003: 'Twilio refuses TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (see `doctor`)',
  21212: 'TWILIO_FROM_NUMBER is not a valid sender (see `doctor`)',
  21609: 'Twilio refuses the status callback URL built from PUBLIC_URL (its host name)',
  21701: 'TWILIO_MESSAGING_SERVICE_SID is not a Messaging Service of this account (see `doctor`)',
  21702: 'the Messaging Service is not taking new messages (see it in the Twilio console; this may pass by itself)',
  21704: 'the Messaging Service has no phone number or short code in its sender pool (see `doctor`)',
  21705: 'TWILIO_MESSAGING_SERVICE_SID is not a valid Messaging Service SID',
  63038:
    "the Twilio account has reached its daily message limit (a rolling 24 hours; 50 on a trial account): upgrade a trial account or ask Twilio Support to raise it; this passes by itself as the day's earlier messages age out",
};

/** What a hold with `code` (a held row's `line:` error) tells the operator; undefined for a code not in the table. */
export function twilioLineFault(code: string): string | undefined {
  return Object.hasOwn(LINE_FAULTS, code) ? LINE_FAULTS[Number(code)] : undefined;
}

// Longest wait a Retry-After may impose: a longer one is more likely a mistake than a plan, and an alert loses worth by the minute.
const MAX_RETRY_AFTER_MS = 15 * 60_000;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A Retry-After header (delay-seconds or an HTTP date) as a wait in ms, bounded; undefined if it names no wait. */
function retryAfterMs(header: string | undefined, now: number): number | undefined {
  const v = header?.trim() ?? '';
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : HTTP_DATE.test(v) ? Date.parse(v) - now : NaN;
  if (!(ms > 0)) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/**
 * Maps what twilio-node threw to a SendError. `retryAfter` is the answer's
 * Retry-After header, which twilio-node's error does not keep.
 */
export function classifyTwilioError(err: unknown, retryAfter?: string, now = Date.now()): SendError {
  const e = err as { status?: number; code?: number | string };
  if (typeof e?.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : Number(e.code);
    if (code === DAILY_LIMIT) return new SendError('line', String(code), undefined, LINE_FAULTS[code]);
    // Twilio's 429 (20429) counts one account's requests at once: its Retry-After is for this request, not a pause of the account.
    if (e.status === 429 || THROTTLED.has(code)) return new SendError('throttled', String(code || e.status), retryAfterMs(retryAfter, now), undefined, false, false);
    // The line's own credentials (401, code 20003: a rotated or mistyped token) or sender refused: nothing about
    // the recipient, and fixed by the operator. The lane holds, so a fan-out waits instead of failing for good.
    if (e.status === 401 || LINE_SENDER.has(code)) return new SendError('line', String(code || e.status), undefined, LINE_FAULTS[code] ?? LINE_FAULTS[e.status]);
    if (e.status >= 500) return new SendError('server', String(code || e.status));
    if (STOPPED.has(code)) return new SendError('stopped', String(code));
    if (INVALID.has(code)) return new SendError('invalid', String(code));
    return new SendError('rejected', String(code || e.status));
  }
  // No HTTP response: connection refused or reset, DNS, time-out.
  const sysCode = (err as { code?: string })?.code;
  return new SendError('connection', typeof sysCode === 'string' ? sysCode : undefined);
}

// Delivery error codes (status callbacks): 30003 handset unreachable (off, out
// of coverage); 30005 unknown or inactive number; 30006 landline or
// unreachable carrier; 30007 filtered by the carrier; 21610 opted out.
// Not delivered for now, and Twilio's advice is to send again later: 30001 the
// sender's queue overflowed (what 21611 says at once, through a Messaging
// Service), 30008 an unknown carrier error, 30022 the carriers' 10DLC rate.
// The line's own sender, reported message by message: Twilio takes each send, then its carrier
// refuses it. 30034 a US long code not registered for A2P 10DLC; 30032 a toll-free number not
// verified. Every message to a US (or Canadian, for toll-free) number fails alike until the
// operator acts, yet one to another country may go: the row fails, the lane is not held (as 21606).
// 30007 (carrier filtering) stays apart: it is about the message as much as the sender.
// 63038, the account's daily limit reported late: the message was not sent, and every other would fail alike
// until the window frees; it is sent again later ('limited'), never failed at once (outbox/delivery-status.ts).
const SETUP_DELIVERY: Record<string, string> = {
  '30032': 'the sending number is a toll-free number not verified for messaging: submit its toll-free verification in the Twilio console',
  '30034': 'the sending number is a US long code not registered for A2P 10DLC: register a brand and a campaign for it in the Twilio console (through a Messaging Service)',
};

/** What a delivery failed with `code` (a set-up code) tells the operator to fix; undefined for any other code. */
export function twilioSetupFault(code: string): string | undefined {
  return Object.hasOwn(SETUP_DELIVERY, code) ? SETUP_DELIVERY[code] : undefined;
}

/**
 * The log line telling the operator of reports failed with `code` for the line's own sender or account;
 * undefined for any other (a report about one recipient says nothing to fix).
 */
export function twilioReportFault(kind: DeliveryReport['kind'], code: string): string | undefined {
  const fix = kind === 'setup' ? twilioSetupFault(code) : kind === 'limited' ? twilioLineFault(code) : undefined;
  if (fix === undefined) return undefined;
  if (kind === 'setup') return `Twilio reports messages undelivered (${code}): ${fix} (see \`doctor\`)`;
  return `Twilio reports messages not sent (${code}): ${fix}; each is sent again within the hour, until it is a day old`;
}

const DELIVERY: Record<string, DeliveryReport['kind']> = {
  '30032': 'setup',
  '30034': 'setup',
  '63038': 'limited',
  '30001': 'unreachable',
  '30003': 'unreachable',
  '30008': 'unreachable',
  '30022': 'unreachable',
  '30005': 'invalid',
  '30006': 'invalid',
  '30007': 'filtered',
  '21610': 'stopped',
};

// Progress that says Twilio took the message (a Messaging Service "accepted" it first): it goes,
// or its final status says why not. Sending it again would be a second copy.
const TAKEN = new Set(['accepted', 'queued', 'sending', 'sent']);

/** Whether a status callback's MessageStatus says Twilio took the message (progress, not final). */
export function twilioTookIt(status: string): boolean {
  return TAKEN.has(status);
}

/**
 * Classifies a status callback's MessageStatus and ErrorCode. Returns null
 * for progress (queued, sending, sent, …), which settles nothing (but see
 * twilioTookIt).
 */
export function classifyDeliveryStatus(status: string, errorCode: string | undefined): DeliveryReport | null {
  if (status === 'delivered' || status === 'read') return { kind: 'delivered' };
  if (status !== 'failed' && status !== 'undelivered') return null;
  const kind = (errorCode && DELIVERY[errorCode]) || 'failed';
  return { kind, code: `${status}:${errorCode ?? ''}` };
}
