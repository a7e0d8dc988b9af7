/**
 * A fake Twilio REST API on loopback, faithful to the Messages contract in
 * shared/contracts/twilio_api_v2010.messages.json: form-encoded POST to
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth; 201 with a
 * message resource; errors as {code, message, more_info, status}. Tests
 * choose per-recipient behaviour (opted out, invalid, throttled, down).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
  validityPeriod?: string;
}

/** What the fake answers to one send: accept, or a Twilio error. */
export type FakeAnswer = 'accept' | { status: number; code: number; message: string };

export const TWILIO_ERRORS = {
  throttled: { status: 429, code: 20429, message: 'Too Many Requests' },
  stopped: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  invalidTo: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
  notMobile: { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
  serverError: { status: 500, code: 20500, message: 'Internal Server Error' },
} as const;

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** Decides the answer to each send (default: accept). Called once per request. */
  answer?: (msg: Omit<SentMessage, 'sid'>, attempt: number) => FakeAnswer;
  /** Delay before answering, in ms. */
  latencyMs?: number;
  /** Numbers the account owns (GET IncomingPhoneNumbers.json); none by default. */
  ownedNumbers?: string[];
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
  url = '';

  constructor(private readonly opts: FakeTwilioOptions) {
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

  /** Messages accepted for one recipient. */
  to(number: string): SentMessage[] {
    return this.sent.filter((m) => m.to === number);
  }

  private error(res: http.ServerResponse, status: number, code: number, message: string): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
  }

  /** The IncomingPhoneNumbers list resource, filtered by PhoneNumber as Twilio does (one page). */
  private incomingNumbers(res: http.ServerResponse, url: URL): void {
    const wanted = url.searchParams.get('PhoneNumber');
    const owned = (this.opts.ownedNumbers ?? []).filter((n) => wanted === null || n === wanted);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        incoming_phone_numbers: owned.map((n) => ({ sid: sid('PN'), account_sid: this.opts.accountSid, phone_number: n, capabilities: { sms: true } })),
        page: 0,
        page_size: 50,
        next_page_uri: null,
      }),
    );
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = () => this.route(req, res, Buffer.concat(chunks).toString('utf8'));
      if (this.opts.latencyMs) setTimeout(reply, this.opts.latencyMs);
      else reply();
    });
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const expected = `Basic ${Buffer.from(`${this.opts.accountSid}:${this.opts.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return this.error(res, 401, 20003, 'Authenticate');
    const base = `/2010-04-01/Accounts/${this.opts.accountSid}`;
    if (req.method === 'GET' && url.pathname === `${base}.json`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: this.opts.accountSid, status: 'active', type: 'Full' }));
      return;
    }
    if (req.method === 'GET' && url.pathname === `${base}/IncomingPhoneNumbers.json`) return this.incomingNumbers(res, url);
    if (req.method !== 'POST' || url.pathname !== `${base}/Messages.json`) return this.error(res, 404, 20404, 'The requested resource was not found');
    this.requests++;
    const form = new URLSearchParams(raw);
    const to = form.get('To');
    const body = form.get('Body');
    const from = form.get('From') ?? undefined;
    const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
    if (!to) return this.error(res, 400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) return this.error(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return this.error(res, 400, 21602, 'Message body is required.');
    if (body.length > 1600) return this.error(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    const msg = {
      to,
      from,
      messagingServiceSid,
      body,
      statusCallback: form.get('StatusCallback') ?? undefined,
      validityPeriod: form.get('ValidityPeriod') ?? undefined,
    };
    const attempt = (this.attempts.get(to) ?? 0) + 1;
    this.attempts.set(to, attempt);
    const answer = this.opts.answer?.(msg, attempt) ?? 'accept';
    if (answer !== 'accept') return this.error(res, answer.status, answer.code, answer.message);
    const sent: SentMessage = { sid: sid('SM'), ...msg };
    this.sent.push(sent);
    const now = new Date().toUTCString();
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
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
      }),
    );
  }
}
