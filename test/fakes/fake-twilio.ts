/**
 * A fake Twilio REST API on loopback, faithful to the Messages contract in
 * shared/contracts/twilio_api_v2010.messages.json: form-encoded POST to
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth; 201 with a
 * message resource; errors as {code, message, more_info, status}. Tests
 * choose per-recipient behaviour (opted out, invalid, throttled, down).
 *
 * A StatusCallback whose host name has an underscore is refused as Twilio
 * does (400, code 21609). When a test names the account's Messaging Services
 * (`services`), a send through one is refused as Twilio refuses it: 21705 a
 * MessagingServiceSid that is not a SID, 21701 one the account does not have,
 * 21702 a service not taking new messages, 21704 one whose sender pool is
 * empty (each 400). Those services can be read as Twilio's Messaging API
 * serves them (fake-twilio-services.ts); a service the account does not have
 * is 404 with code 20404, as is every service when a test named none.
 *
 * Like Twilio, it then posts signed status callbacks to the message's
 * StatusCallback (form-encoded MessageSid, MessageStatus, SmsSid, SmsStatus,
 * AccountSid, From, To, ApiVersion, and ErrorCode on failure): queued, sent,
 * then delivered, or undelivered/failed with the code a test chose for that
 * number (or nothing after sent, for a number whose carrier has not reported, until reportLate). The URL signed is the StatusCallback as given (the public URL);
 * the request goes to `callbackBase` (the server on loopback, as behind a
 * proxy). No callbacks are sent until a test sets callbackBase.
 *
 * Cleanup of Twilio's copy, as the contract's Messages/{Sid}.json describes:
 * POST with Body="" redacts a message (200, the message resource with body
 * ""), DELETE removes it (204, no body); an unknown sid is 404 with code
 * 20404. A message still in progress (not yet at a final status) cannot be
 * changed: 400 with code 20009. Inbound messages exist once a test calls
 * receive(). Every cleanup call is recorded in `cleanups`.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import twilio from 'twilio';
import type { AddressInfo } from 'node:net';
import { serviceResource, type MessagingService } from './fake-twilio-services';

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
  direction?: 'inbound' | 'outbound-api';
}

/** One redaction or deletion request, and the HTTP status the fake answered. */
export interface CleanupCall {
  op: 'redact' | 'delete';
  sid: string;
  answer: number;
}

const FINAL_STATUSES = new Set(['delivered', 'undelivered', 'failed', 'read', 'canceled', 'received']);

/** What the fake answers to one send: accept, or a Twilio error (a 429 may name its wait in a Retry-After header, seconds or an HTTP date). */
export type FakeAnswer = 'accept' | { status: number; code: number; message: string; retryAfter?: string };

export const TWILIO_ERRORS = {
  throttled: { status: 429, code: 20429, message: 'Too Many Requests' },
  stopped: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  invalidTo: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
  notMobile: { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
  regionDisabled: { status: 400, code: 21408, message: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number" },
  serverError: { status: 500, code: 20500, message: 'Internal Server Error' },
  queueFull: { status: 400, code: 21611, message: "This 'From' number has exceeded the maximum number of queued messages" },
  // The sender refused (Twilio's messages name the numbers, as these do): 21212 whatever the destination;
  // 21606 and 21659 also when a short code is sent to another country's number.
  fromNotCapable: { status: 400, code: 21606, message: "The From phone number +15005550006 is not a valid, SMS-capable inbound phone number or short code for your account." },
  fromInvalid: { status: 400, code: 21212, message: "The 'From' number +15005550006 is not a valid phone number, shortcode, or alphanumeric sender ID." },
  fromNotTwilio: { status: 400, code: 21659, message: "'From' +15005550006 is not a Twilio phone number or Short Code country mismatch" },
  toUnreachable: { status: 400, code: 21612, message: "The 'To' phone number: +14155550100, is not currently reachable using the 'From' phone number: +15005550006 via SMS." },
  // The Messaging Service itself (TWILIO_MESSAGING_SERVICE_SID), whatever the destination.
  serviceMissing: { status: 400, code: 21701, message: 'The Messaging Service does not exist' },
  serviceUnavailable: { status: 400, code: 21702, message: 'The Messaging Service is not available to send new messages' },
  serviceEmpty: { status: 400, code: 21704, message: 'The Messaging Service contains no phone numbers' },
  serviceInvalid: { status: 400, code: 21705, message: 'The Messaging Service is invalid' },
  // No sender of the pool available for this message: can be this destination's alone (see twilio-errors.ts).
  serviceNoSender: { status: 400, code: 21703, message: 'The Messaging Service does not have a phone number available to send a message' },
  // The StatusCallback (built from PUBLIC_URL) has a host name Twilio refuses.
  statusCallbackRefused: { status: 400, code: 21609, message: 'The StatusCallback URL https://heads_up.example.org/webhooks/twilio/status is not a valid URL.' },
} as const;

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Decides the answer to each send (default: accept). Called once per request. */
  answer?: (msg: Omit<SentMessage, 'sid'>, attempt: number) => FakeAnswer;
  /** Delay before answering, in ms. */
  latencyMs?: number;
  /** Delay after the create before the first status callback, and between callbacks, in ms (default 3). */
  callbackDelayMs?: number;
  /** Numbers the account owns (GET IncomingPhoneNumbers.json); none by default. */
  ownedNumbers?: string[];
  /** Owned numbers that can take calls only (their `capabilities` say `sms: false`). */
  voiceOnlyNumbers?: string[];
  /** Decides the answer to a redaction or deletion of a known message (default: do it). */
  cleanupAnswer?: (op: CleanupCall['op'], sid: string, attempt: number) => FakeAnswer;
  /** The account's Messaging Services (see `services`); unset: any MessagingServiceSid is taken. */
  services?: Map<string, MessagingService>;
}

export type { MessagingService };

/** A status callback the fake posted, and the HTTP status the server answered. */
export interface PostedCallback {
  sid: string;
  to: string;
  status: string;
  errorCode?: string;
  answer: number;
  /** Posted before the create it reports on was answered (it beat the send's outcome). */
  postedBeforeAnswer: boolean;
}

/** Whether Twilio takes this StatusCallback: an http(s) URL whose host name has no underscore. */
function callbackAccepted(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.hostname.includes('_');
  } catch {
    return false;
  }
}

function sid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

/** The fake server; `sent` holds every accepted message in order. */
export class FakeTwilio {
  readonly sent: SentMessage[] = [];
  /** Every request that reached the Messages endpoint, accepted or not. */
  requests = 0;
  private server: http.Server;
  private attempts = new Map<string, number>();
  private readonly failures = new Map<string, { status: 'undelivered' | 'failed'; code: number; times: number }>();
  private readonly unreported = new Set<string>();
  private readonly pendingCallbacks = new Set<Promise<void>>();
  /** When each create was answered (ms since the epoch). */
  readonly answeredAt = new Map<string, number>();
  url = '';
  /** Where status callbacks are posted (the server's loopback base URL); none while unset. */
  callbackBase: string | null = null;
  /** Every status callback posted, in order. */
  readonly callbacks: PostedCallback[] = [];
  /** Creates being handled right now (received, not yet answered). */
  inFlight = 0;
  /** Every redaction and deletion request, in order. */
  readonly cleanups: CleanupCall[] = [];
  /** Twilio's stored copy of each message, by sid: sent ones and those received by receive(); deleted ones are gone. */
  readonly messages = new Map<string, SentMessage>();
  private readonly cleanupAttempts = new Map<string, number>();
  /** The account's Messaging Services, as FakeTwilioOptions.services gave them; a test may change them (the operator's fix). */
  readonly services: Map<string, MessagingService> | undefined;

  constructor(private readonly opts: FakeTwilioOptions) {
    this.services = opts.services;
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Makes every later message to `number` (or the next `times` of them) end
   * undelivered (or failed) with `code` in its last status callback, as a
   * carrier would report it.
   */
  failDelivery(number: string, code: number, status: 'undelivered' | 'failed' = 'undelivered', times = Infinity): void {
    this.failures.set(number, { status, code, times });
  }

  /**
   * Later messages to `number` stop at "sent": the carrier has not reported
   * yet (a handset off or out of coverage), so Twilio posts no final status
   * for hours, if ever.
   */
  withholdFinalStatus(number: string): void {
    this.unreported.add(number);
  }

  /**
   * The carrier's late final status for the last message to `number` (one
   * whose status was withheld): Twilio posts it now, signed, to its
   * StatusCallback. Resolves once the server answered.
   */
  async reportLate(number: string, status: 'undelivered' | 'failed' | 'delivered', errorCode?: number): Promise<void> {
    const msg = this.to(number).at(-1);
    if (!msg || !this.callbackBase || !msg.statusCallback) throw new Error('no message to report on');
    const stored = this.messages.get(msg.sid);
    if (stored) stored.status = status;
    await this.postCallback(this.callbackBase, msg, status, errorCode === undefined ? undefined : String(errorCode));
  }

  /** Resolves once every status callback started so far has been answered. */
  async callbacksSettled(): Promise<void> {
    while (this.pendingCallbacks.size) await Promise.allSettled([...this.pendingCallbacks]);
  }

  /**
   * Messages created whose answer left at or after `t` (or not yet): to a
   * client killed at `t`, those were in flight, and it never heard of them.
   */
  unansweredAt(t: number): SentMessage[] {
    return this.sent.filter((m) => (this.answeredAt.get(m.sid) ?? Infinity) >= t);
  }

  /** An inbound message arrives at the account (as Twilio stores it before its webhook): returns its sid. */
  receive(from: string, body: string, to = '+15005550006'): string {
    const msg: SentMessage = { sid: sid('SM'), to, from, body, status: 'received', direction: 'inbound' };
    this.messages.set(msg.sid, msg);
    return msg.sid;
  }

  /**
   * What Twilio does with a webhook's TwiML answer: a <Message> becomes an
   * outbound message to the sender, whose status callbacks go to the
   * Message's `action` URL (when callbackBase is set). Returns its sid, or
   * null for an answer without a <Message>.
   */
  answerTwiml(to: string, xml: string): string | null {
    const m = /<Message(?: action="([^"]*)")?[^>]*>([\s\S]*?)<\/Message>/.exec(xml);
    if (!m) return null;
    const unescape = (v: string) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    const msg: SentMessage = { sid: sid('SM'), to, from: '+15005550006', body: unescape(m[2] as string), statusCallback: m[1] ? unescape(m[1]) : undefined };
    this.messages.set(msg.sid, { ...msg, status: 'queued', direction: 'outbound-api' });
    this.answeredAt.set(msg.sid, Date.now());
    this.scheduleCallbacks(msg);
    return msg.sid;
  }

  /** The successful cleanups of one kind, by sid. */
  done(op: CleanupCall['op']): string[] {
    return this.cleanups.filter((c) => c.op === op && (c.answer === 200 || c.answer === 204)).map((c) => c.sid);
  }

  /** Messages accepted for one recipient. */
  to(number: string): SentMessage[] {
    return this.sent.filter((m) => m.to === number);
  }

  private error(status: number, code: number, message: string, retryAfter?: string): Answer {
    const body = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
    return retryAfter === undefined ? { status, body } : { status, body, headers: { 'retry-after': retryAfter } };
  }

  /** The IncomingPhoneNumbers list resource, filtered by PhoneNumber as Twilio does (one page). */
  private incomingNumbers(url: URL): Answer {
    const wanted = url.searchParams.get('PhoneNumber');
    const owned = (this.opts.ownedNumbers ?? []).filter((n) => wanted === null || n === wanted);
    return {
      status: 200,
      body: {
        incoming_phone_numbers: owned.map((n) => {
          const sms = !(this.opts.voiceOnlyNumbers ?? []).includes(n);
          return { sid: sid('PN'), account_sid: this.opts.accountSid, phone_number: n, capabilities: { voice: true, sms, mms: sms, fax: false } };
        }),
        page: 0,
        page_size: 50,
        next_page_uri: null,
      },
    };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.inFlight++;
      res.on('close', () => this.inFlight--);
      // The message is created at once; only the answer waits (callbacks may beat it, as at Twilio).
      const answer = this.route(req, Buffer.concat(chunks).toString('utf8'));
      const reply = () => {
        if (answer.sid) this.answeredAt.set(answer.sid, Date.now());
        if (answer.status === 204) {
          res.writeHead(204);
          res.end();
          return;
        }
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      };
      if (this.opts.latencyMs) setTimeout(reply, this.opts.latencyMs);
      else reply();
    });
  }

  private route(req: http.IncomingMessage, raw: string): Answer {
    const url = new URL(req.url ?? '/', 'http://fake');
    const expected = `Basic ${Buffer.from(`${this.opts.accountSid}:${this.opts.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return this.error(401, 20003, 'Authenticate');
    const base = `/2010-04-01/Accounts/${this.opts.accountSid}`;
    if (req.method === 'GET' && url.pathname === `${base}.json`) {
      return { status: 200, body: { sid: this.opts.accountSid, status: 'active', type: 'Full' } };
    }
    if (req.method === 'GET' && url.pathname === `${base}/IncomingPhoneNumbers.json`) return this.incomingNumbers(url);
    const service = /^\/v1\/Services\/([^/]+)(?:\/(PhoneNumbers|ShortCodes|AlphaSenders))?$/.exec(url.pathname);
    if (req.method === 'GET' && service) {
      const known = this.services?.get(service[1] as string);
      return known ? serviceResource(url, this.opts.accountSid, service[1] as string, known, service[2]) : this.error(404, 20404, 'The requested resource was not found');
    }
    const one = new RegExp(`^${base}/Messages/([^/]+)\\.json$`).exec(url.pathname);
    if (one && (req.method === 'POST' || req.method === 'DELETE')) return this.cleanup(req.method === 'POST' ? 'redact' : 'delete', one[1] as string, raw);
    if (req.method !== 'POST' || url.pathname !== `${base}/Messages.json`) return this.error(404, 20404, 'The requested resource was not found');
    this.requests++;
    const form = new URLSearchParams(raw);
    const to = form.get('To');
    const body = form.get('Body');
    const from = form.get('From') ?? undefined;
    const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
    if (!to) return this.error(400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) return this.error(400, 21603, "A 'From' phone number is required.");
    if (!body) return this.error(400, 21602, 'Message body is required.');
    if (body.length > 1600) return this.error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    const statusCallback = form.get('StatusCallback') ?? undefined;
    // The contract: "URL must contain a valid hostname and underscores are not allowed".
    if (statusCallback !== undefined && !callbackAccepted(statusCallback)) return this.error(400, 21609, `The StatusCallback URL ${statusCallback} is not a valid URL.`);
    const refused = messagingServiceSid ? this.serviceRefusal(messagingServiceSid) : undefined;
    if (refused) return refused;
    const msg = {
      to,
      from,
      messagingServiceSid,
      body,
      statusCallback,
      validityPeriod: form.get('ValidityPeriod') ?? undefined,
    };
    const attempt = (this.attempts.get(to) ?? 0) + 1;
    this.attempts.set(to, attempt);
    const answer = this.opts.answer?.(msg, attempt) ?? 'accept';
    if (answer !== 'accept') return this.error(answer.status, answer.code, answer.message, answer.retryAfter);
    const sent: SentMessage = { sid: sid('SM'), ...msg };
    this.sent.push(sent);
    // Twilio's stored copy, apart from what was sent (a redaction empties the copy, not the record of the send).
    this.messages.set(sent.sid, { ...sent, status: 'queued', direction: 'outbound-api' });
    const now = new Date().toUTCString();
    this.scheduleCallbacks(sent);
    return {
      status: 201,
      sid: sent.sid,
      body: {
        account_sid: this.opts.accountSid,
        api_version: '2010-04-01',
        body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: from ?? null,
        messaging_service_sid: messagingServiceSid ?? null,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid: sent.sid,
        status: 'queued',
        subresource_uris: { media: `${base}/Messages/${sent.sid}/Media.json` },
        to,
        uri: `${base}/Messages/${sent.sid}.json`,
      },
    };
  }

  /** Twilio's refusal of a send through this Messaging Service, if the account's services (when a test named them) make one. */
  private serviceRefusal(serviceSid: string): Answer | undefined {
    if (!this.services) return undefined;
    const e = TWILIO_ERRORS;
    const service = this.services.get(serviceSid);
    const refusal = !/^MG[0-9a-fA-F]{32}$/.test(serviceSid)
      ? e.serviceInvalid
      : !service
        ? e.serviceMissing
        : !service.available
          ? e.serviceUnavailable
          : service.senders.length + (service.shortCodes?.length ?? 0) === 0
            ? e.serviceEmpty
            : undefined;
    return refusal && this.error(refusal.status, refusal.code, refusal.message);
  }

  /** Messages/{Sid}.json: POST Body="" redacts (200 with the resource), DELETE removes (204). */
  private cleanup(op: CleanupCall['op'], messageSid: string, raw: string): Answer {
    const answer = ((): Answer => {
      const msg = this.messages.get(messageSid);
      if (!msg) return this.error(404, 20404, 'The requested resource was not found');
      const form = new URLSearchParams(raw);
      if (op === 'redact' && form.get('Body') !== '') return this.error(400, 21619, 'A text message body or media url must be specified.');
      if (!FINAL_STATUSES.has(msg.status ?? 'queued')) return this.error(400, 20009, 'Cannot delete or redact a message that is in progress.');
      const attempt = (this.cleanupAttempts.get(messageSid) ?? 0) + 1;
      this.cleanupAttempts.set(messageSid, attempt);
      const decided = this.opts.cleanupAnswer?.(op, messageSid, attempt) ?? 'accept';
      if (decided !== 'accept') return this.error(decided.status, decided.code, decided.message, decided.retryAfter);
      if (op === 'delete') {
        this.messages.delete(messageSid);
        return { status: 204, body: null };
      }
      msg.body = '';
      return { status: 200, body: this.resource(msg) };
    })();
    this.cleanups.push({ op, sid: messageSid, answer: answer.status });
    return answer;
  }

  private resource(msg: SentMessage): unknown {
    const base = `/2010-04-01/Accounts/${this.opts.accountSid}`;
    const now = new Date().toUTCString();
    return {
      account_sid: this.opts.accountSid,
      api_version: '2010-04-01',
      body: msg.body,
      date_created: now,
      date_sent: now,
      date_updated: now,
      direction: msg.direction ?? 'outbound-api',
      error_code: null,
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

  /** queued, sent, then the final status, each a few ms apart, in order. */
  private scheduleCallbacks(msg: SentMessage): void {
    const target = this.callbackBase;
    if (!target || !msg.statusCallback) return;
    const failure = this.failures.get(msg.to);
    if (failure && --failure.times <= 0) this.failures.delete(msg.to);
    const steps: Array<{ status: string; errorCode?: string }> = [
      { status: 'queued' },
      { status: 'sent' },
      failure ? { status: failure.status, errorCode: String(failure.code) } : { status: 'delivered' },
    ].slice(0, this.unreported.has(msg.to) ? 2 : 3);
    const gap = this.opts.callbackDelayMs ?? 3;
    const run = (async () => {
      for (const step of steps) {
        await new Promise((r) => setTimeout(r, gap));
        const stored = this.messages.get(msg.sid);
        if (stored) stored.status = step.status;
        await this.postCallback(target, msg, step.status, step.errorCode);
      }
    })();
    this.pendingCallbacks.add(run);
    void run.finally(() => this.pendingCallbacks.delete(run));
  }

  private async postCallback(target: string, msg: SentMessage, status: string, errorCode?: string): Promise<void> {
    const signedUrl = msg.statusCallback as string;
    const fields: Record<string, string> = {
      ApiVersion: '2010-04-01',
      AccountSid: this.opts.accountSid,
      MessageSid: msg.sid,
      SmsSid: msg.sid,
      MessageStatus: status,
      SmsStatus: status,
      To: msg.to,
      ...(msg.from ? { From: msg.from } : {}),
      ...(msg.messagingServiceSid ? { MessagingServiceSid: msg.messagingServiceSid } : {}),
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    };
    const u = new URL(signedUrl);
    const postedBeforeAnswer = !this.answeredAt.has(msg.sid);
    let answer = 0;
    try {
      const res = await fetch(`${target}${u.pathname}${u.search}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(this.opts.authToken, signedUrl, fields),
        },
        body: new URLSearchParams(fields).toString(),
      });
      answer = res.status;
      await res.arrayBuffer();
    } catch {
      answer = -1; // the server is gone (a crash test): Twilio would retry later; the fake gives up
    }
    this.callbacks.push({ sid: msg.sid, to: msg.to, status, errorCode, answer, postedBeforeAnswer });
  }
}

interface Answer {
  status: number;
  body: unknown;
  /** The message created, when one was. */
  sid?: string;
  headers?: Record<string, string>;
}
