/**
 * A fake Twilio REST API on loopback, faithful to the Messages contract in
 * shared/contracts/twilio_api_v2010.messages.json: form-encoded POST to
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth; 201 with a
 * message resource; errors as {code, message, more_info, status}
 * (fake-twilio-errors.ts). Tests choose per-recipient behaviour (opted out,
 * invalid, throttled, down).
 *
 * A StatusCallback whose host name has an underscore is refused as Twilio
 * does (400, code 21609). When a test names the account's Messaging Services
 * (`services`), a send through one is refused as Twilio refuses it, and
 * they can be read as Twilio's Messaging API serves them
 * (fake-twilio-services.ts); a service the account does not have is 404
 * with code 20404, as is every service when a test named none.
 *
 * Like Twilio, it then posts signed status callbacks to the message's
 * StatusCallback (fake-twilio-callbacks.ts). The request goes to
 * `callbackBase` (the server on loopback, as behind a proxy). No callbacks
 * are sent until a test sets callbackBase.
 *
 * Cleanup of Twilio's copy (redaction, deletion) is served as the contract
 * describes (fake-twilio-cleanup.ts); every cleanup call is recorded in
 * `cleanups`. Inbound messages exist once a test calls receive(). A message
 * is fetched (GET Messages/{Sid}.json) as fake-twilio-fetch.ts serves it
 * (`fetches`: what was fetched, and a test's outage or unanswered fetches).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { callbackAccepted, StatusCallbacks, type PostedCallback } from './fake-twilio-callbacks';
import { MessageCleanups, type CleanupCall, type CleanupDecision } from './fake-twilio-cleanup';
import { twilioError, type Answer, type FakeAnswer } from './fake-twilio-errors';
import { MessageFetches } from './fake-twilio-fetch';
import { fakeSid, incomingNumbers, messageResource, type SentMessage } from './fake-twilio-resources';
import { serviceRefusal, serviceResource, type MessagingService } from './fake-twilio-services';

// What tests import from the fake, whichever module serves it.
export { TWILIO_ERRORS, type FakeAnswer } from './fake-twilio-errors';
export type { CleanupCall, MessagingService, PostedCallback, SentMessage };

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Decides the answer to each send (default: accept). Called once per request. */
  answer?: (msg: Omit<SentMessage, 'sid'>, attempt: number) => FakeAnswer;
  /** Delay before answering, in ms. */
  latencyMs?: number;
  /** A create is answered only once its status callbacks have been posted (and latencyMs has passed): they beat the answer however loaded the machine. */
  answerAfterCallbacks?: boolean;
  /** Delay after the create before the first status callback, and between callbacks, in ms (default 3). */
  callbackDelayMs?: number;
  /** Numbers the account owns (GET IncomingPhoneNumbers.json); none by default. */
  ownedNumbers?: string[];
  /** The `sms_url` (incoming-message webhook) of every owned number; '' (none) by default. */
  smsUrl?: string;
  /** Owned numbers that can take calls only (their `capabilities` say `sms: false`). */
  voiceOnlyNumbers?: string[];
  /** Decides the answer to a redaction or deletion of a known message (default: do it). */
  cleanupAnswer?: CleanupDecision;
  /** The account's Messaging Services (see `services`); unset: any MessagingServiceSid is taken. */
  services?: Map<string, MessagingService>;
  /** The account's `type` (default 'Full'); a 'Trial' one refuses sends to numbers not in `verifiedNumbers` with 21608, as Twilio does. */
  accountType?: 'Trial' | 'Full';
  verifiedNumbers?: string[];
}

/** The fake server; `sent` holds every accepted message in order. */
export class FakeTwilio {
  readonly sent: SentMessage[] = [];
  /** Every request that reached the Messages endpoint, accepted or not. */
  requests = 0;
  private server: http.Server;
  private attempts = new Map<string, number>();
  /** When each create was answered (ms since the epoch). */
  readonly answeredAt = new Map<string, number>();
  url = '';
  /** Where status callbacks are posted (the server's loopback base URL); none while unset. */
  callbackBase: string | null = null;
  /** Every status callback posted, in order. */
  readonly callbacks: PostedCallback[];
  /** Creates being handled right now (received, not yet answered). */
  inFlight = 0;
  /** Every redaction and deletion request, in order. */
  readonly cleanups: CleanupCall[];
  /** Message fetches (GET Messages/{Sid}.json): their sids, and how a test makes them answer. */
  readonly fetches: MessageFetches;
  /** Twilio's stored copy of each message, by sid: sent ones and those received by receive(); deleted ones are gone. */
  readonly messages = new Map<string, SentMessage>();
  /** The account's Messaging Services, as FakeTwilioOptions.services gave them; a test may change them (the operator's fix). */
  readonly services: Map<string, MessagingService> | undefined;
  private readonly statuses: StatusCallbacks;
  private readonly cleanup: MessageCleanups;

  constructor(private readonly opts: FakeTwilioOptions) {
    this.services = opts.services;
    this.statuses = new StatusCallbacks({
      accountSid: opts.accountSid,
      authToken: opts.authToken,
      gapMs: opts.callbackDelayMs ?? 3,
      messages: this.messages,
      answeredAt: this.answeredAt,
    });
    this.callbacks = this.statuses.posted;
    this.cleanup = new MessageCleanups(opts.accountSid, this.messages, opts.cleanupAnswer);
    this.cleanups = this.cleanup.calls;
    this.fetches = new MessageFetches(opts.accountSid, this.messages);
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
    this.statuses.failDelivery(number, code, status, times);
  }

  /**
   * Later messages to `number` stop at "sent": the carrier has not reported
   * yet (a handset off or out of coverage), so Twilio posts no final status
   * for hours, if ever.
   */
  withholdFinalStatus(number: string): void {
    this.statuses.withholdFinalStatus(number);
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
    if (stored && errorCode !== undefined) stored.errorCode = errorCode;
    await this.statuses.post(this.callbackBase, msg, status, errorCode === undefined ? undefined : String(errorCode));
  }

  /** Resolves once every status callback started so far has been answered. */
  async callbacksSettled(): Promise<void> {
    await this.statuses.settled();
  }

  /**
   * Messages created whose answer left at or after `t` (or not yet): to a
   * client killed at `t`, those were in flight, and it never heard of them.
   */
  unansweredAt(t: number): SentMessage[] {
    return this.sent.filter((m) => (this.answeredAt.get(m.sid) ?? Infinity) >= t);
  }

  /**
   * An inbound message arrives at the account (as Twilio stores it before its webhook): returns its sid.
   * `ageMs`: it arrived that long ago (Twilio refuses its DELETE for a minute: 20009).
   */
  receive(from: string, body: string, { to = '+15005550006', ageMs = 0 }: { to?: string; ageMs?: number } = {}): string {
    const msg: SentMessage = { sid: fakeSid('SM'), to, from, body, status: 'received', direction: 'inbound', receivedAt: Date.now() - ageMs };
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
    const msg: SentMessage = { sid: fakeSid('SM'), to, from: '+15005550006', body: unescape(m[2] as string), statusCallback: m[1] ? unescape(m[1]) : undefined };
    this.messages.set(msg.sid, { ...msg, status: 'queued', direction: 'outbound-api' });
    this.answeredAt.set(msg.sid, Date.now());
    this.statuses.schedule(this.callbackBase, msg);
    return msg.sid;
  }

  /** The successful cleanups of one kind, by sid. */
  done(op: CleanupCall['op']): string[] {
    return this.cleanup.done(op);
  }

  /** Messages accepted for one recipient. */
  to(number: string): SentMessage[] {
    return this.sent.filter((m) => m.to === number);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.inFlight++;
      res.on('close', () => this.inFlight--);
      // The message is created at once; only the answer waits (callbacks may beat it, as at Twilio).
      const routed = this.route(req, res, Buffer.concat(chunks).toString('utf8'));
      // A held fetch (fake-twilio-fetch.ts) is answered once a test releases it.
      if (routed instanceof Promise) void routed.then((answer) => this.respond(res, answer));
      else this.respond(res, routed);
    });
  }

  /** Answers one request (after latencyMs, and after its callbacks when answerAfterCallbacks). */
  private respond(res: http.ServerResponse, answer: Answer): void {
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
    const delayed = () => (this.opts.latencyMs ? setTimeout(reply, this.opts.latencyMs) : reply());
    if (this.opts.answerAfterCallbacks && answer.sid) void this.statuses.postedFor(answer.sid).then(delayed);
    else delayed();
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Answer | Promise<Answer> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const expected = `Basic ${Buffer.from(`${this.opts.accountSid}:${this.opts.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return twilioError(401, 20003, 'Authenticate');
    const base = `/2010-04-01/Accounts/${this.opts.accountSid}`;
    if (req.method === 'GET' && url.pathname === `${base}.json`) {
      return { status: 200, body: { sid: this.opts.accountSid, status: 'active', type: this.opts.accountType ?? 'Full' } };
    }
    if (req.method === 'GET' && url.pathname === `${base}/IncomingPhoneNumbers.json`) {
      return incomingNumbers(url, this.opts.accountSid, this.opts.ownedNumbers ?? [], this.opts.voiceOnlyNumbers ?? [], this.opts.smsUrl);
    }
    const service = /^\/v1\/Services\/([^/]+)(?:\/(PhoneNumbers|ShortCodes|AlphaSenders))?$/.exec(url.pathname);
    if (req.method === 'GET' && service) {
      const known = this.services?.get(service[1] as string);
      return known ? serviceResource(url, this.opts.accountSid, service[1] as string, known, service[2]) : twilioError(404, 20404, 'The requested resource was not found');
    }
    const one = new RegExp(`^${base}/Messages/([^/]+)\\.json$`).exec(url.pathname);
    if (one && req.method === 'GET') return this.fetches.answer(res, one[1] as string);
    if (one && (req.method === 'POST' || req.method === 'DELETE')) return this.cleanup.answer(req.method === 'POST' ? 'redact' : 'delete', one[1] as string, raw);
    if (req.method !== 'POST' || url.pathname !== `${base}/Messages.json`) return twilioError(404, 20404, 'The requested resource was not found');
    return this.create(raw);
  }

  /** POST Messages.json: checked as Twilio checks it, then the caller's answer; an accepted message is stored and its callbacks start. */
  private create(raw: string): Answer {
    this.requests++;
    const form = new URLSearchParams(raw);
    const to = form.get('To');
    const body = form.get('Body');
    const from = form.get('From') ?? undefined;
    const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (body.length > 1600) return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    const statusCallback = form.get('StatusCallback') ?? undefined;
    // The contract: "URL must contain a valid hostname and underscores are not allowed".
    if (statusCallback !== undefined && !callbackAccepted(statusCallback)) return twilioError(400, 21609, `The StatusCallback URL ${statusCallback} is not a valid URL.`);
    if (this.opts.accountType === 'Trial' && !(this.opts.verifiedNumbers ?? []).includes(to)) {
      return twilioError(400, 21608, `The number ${to} is unverified. Trial accounts cannot send messages to unverified numbers; verify ${to} at twilio.com/user/account/phone-numbers/verified, or purchase a Twilio number to send messages to unverified numbers.`);
    }
    const refused = messagingServiceSid ? serviceRefusal(this.services, messagingServiceSid) : undefined;
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
    if (answer !== 'accept') return twilioError(answer.status, answer.code, answer.message, answer.retryAfter);
    const sent: SentMessage = { sid: fakeSid('SM'), ...msg };
    this.sent.push(sent);
    // Twilio's stored copy, apart from what was sent (a redaction empties the copy, not the record of the send).
    this.messages.set(sent.sid, { ...sent, status: 'queued', direction: 'outbound-api' });
    this.statuses.schedule(this.callbackBase, sent);
    // Queued: status queued, no date_sent yet.
    return { status: 201, sid: sent.sid, body: messageResource(this.opts.accountSid, sent, false) };
  }
}
