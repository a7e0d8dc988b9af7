/**
 * Twilio sending through the official SDK, pointed at TWILIO_API_BASE_URL,
 * with a status callback and a validity period so a stale alert is dropped
 * by Twilio rather than delivered hours late. Errors are classified, never
 * quoted: Twilio's messages can contain the recipient's number.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type { TwilioConfig } from '../../config/env';
import type { ChannelSender, DeliveryReport, ProviderCheck, SendError, SendOptions } from '../types';
import { classifyDeliveryStatus, classifyTwilioError } from './twilio-errors';

export { classifyTwilioError } from './twilio-errors';

const READY_CACHE_MS = 30_000;

/** How long Twilio may queue a message before giving up on it (seconds). */
export const VALIDITY_PERIOD_S = 4 * 3600;

/**
 * The StatusCallback URL of one message: the outbox row's id and the try ride
 * along (Twilio signs the whole URL), so a replayed report of an earlier try
 * cannot settle the try in flight.
 */
export function statusCallbackFor(base: string, ref: number | undefined, attempt?: number): string {
  if (ref === undefined) return base;
  return `${base}${base.includes('?') ? '&' : '?'}o=${ref}${attempt === undefined ? '' : `&a=${attempt}`}`;
}

/**
 * The outbox row id and the try carried by a status callback's URL query
 * (see statusCallbackFor), if any. Callbacks of sends made before the try
 * was carried have the row only.
 */
export function statusRefOf(query: unknown): { row: number; attempt?: number } | undefined {
  const { o, a } = (query as { o?: unknown; a?: unknown } | null) ?? {};
  if (typeof o !== 'string' || !/^[1-9]\d{0,15}$/.test(o)) return undefined;
  return typeof a === 'string' && /^[1-9]\d{0,5}$/.test(a) ? { row: Number(o), attempt: Number(a) } : { row: Number(o) };
}

/**
 * Where the answer to the request made within one call of ours leaves its
 * Retry-After (see TwilioSender.call). Per call, not the client's shared
 * lastResponse, which may be another send's in flight.
 */
const answerSeen = new AsyncLocalStorage<{ retryAfter?: string }>();

export interface TwilioSenderOptions {
  config: TwilioConfig;
  authToken: string;
  /** Where Twilio posts delivery status (our /webhooks/twilio/status). */
  statusCallbackUrl: string;
  timeoutMs?: number;
  maxSockets?: number;
}

/** Sends SMS through Twilio's Messages API, and cleans up Twilio's copy of finished messages (outbox/provider-cleanup.ts). */
export class TwilioSender implements ChannelSender {
  readonly channel = 'sms' as const;
  readonly name = 'twilio';
  private readonly client: twilio.Twilio;
  private readonly agents: Array<http.Agent>;
  private readyCache: { at: number; check: ProviderCheck } | null = null;

  constructor(private readonly opts: TwilioSenderOptions) {
    // At least the outbox lane's most sends in flight: a send queued in the agent would count as provider latency.
    // Stryker disable next-line LogicalOperator: connection pooling and time-outs change how connections are reused, not what is sent or how errors are classified
    const maxSockets = opts.maxSockets ?? 256;
    // Stryker disable next-line ObjectLiteral,LogicalOperator,BooleanLiteral: connection pooling and time-outs change how connections are reused, not what is sent or how errors are classified
    const httpClient = new twilio.RequestClient({ timeout: opts.timeoutMs ?? 15_000, keepAlive: true, maxSockets });
    // The SDK only keeps https connections alive; a plain-http base URL (a local fake) gets the same.
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: connection pooling and time-outs change how connections are reused, not what is sent or how errors are classified
    const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    httpClient.axios.defaults.httpAgent = httpAgent;
    // The SDK's RestException drops the headers: a 429's Retry-After is kept here for the call that made the request.
    httpClient.axios.interceptors.response.use((res) => {
      const seen = answerSeen.getStore();
      const retryAfter: unknown = res.headers['retry-after'];
      if (seen) seen.retryAfter = typeof retryAfter === 'string' ? retryAfter : undefined;
      return res;
    });
    // Stryker disable next-line ArrayDeclaration: the agents close() frees; nothing a test can observe through the API
    this.agents = [httpAgent, httpClient.axios.defaults.httpsAgent as https.Agent];
    // Stryker disable next-line ObjectLiteral: without our client the SDK sends the same requests through its own, with no time-out or pooling of ours
    this.client = twilio(opts.config.accountSid, opts.authToken, { httpClient });
    this.client.api.baseUrl = opts.config.apiBaseUrl;
  }

  async send(to: string, body: string, opts: SendOptions = {}): Promise<{ providerId: string }> {
    const { fromNumber, messagingServiceSid } = this.opts.config;
    const msg = await this.call(() =>
      this.client.messages.create({
        to,
        body,
        ...(messagingServiceSid ? { messagingServiceSid } : { from: fromNumber as string }),
        statusCallback: statusCallbackFor(this.opts.statusCallbackUrl, opts.ref, opts.attempt),
        validityPeriod: VALIDITY_PERIOD_S,
      }),
    );
    return { providerId: msg.sid };
  }

  /** Redacts a finished message's body: Twilio keeps it 400 days otherwise. */
  async redact(sid: string): Promise<void> {
    await this.call(() => this.client.messages(sid).update({ body: '' }));
  }

  /**
   * A sent message's status as Twilio has it now (for one whose status
   * callback never came: outbox/status-poller.ts), read as the callback's
   * would be: its report when final, else null. The rest of the resource
   * (numbers, text) is not kept; a status or code of another shape is none.
   */
  async fetchReport(sid: string): Promise<{ status: string; delivery: DeliveryReport | null }> {
    const msg = await this.call(() => this.client.messages(sid).fetch());
    const status = typeof msg.status === 'string' && /^[a-z_]{1,20}$/.test(msg.status) ? msg.status : 'unknown';
    const code = Number.isSafeInteger(msg.errorCode) && msg.errorCode >= 0 && msg.errorCode < 1_000_000 ? String(msg.errorCode) : undefined;
    return { status, delivery: classifyDeliveryStatus(status, code) };
  }

  /** Deletes a message (a handled inbound one: it holds the sender's number and text). */
  async remove(sid: string): Promise<void> {
    await this.call(() => this.client.messages(sid).remove());
  }

  /** Runs one API call; what it throws becomes a SendError, with the Retry-After of its own answer. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    const seen: { retryAfter?: string } = {};
    try {
      return await answerSeen.run(seen, request);
    } catch (err) {
      throw classifyTwilioError(err, seen.retryAfter);
    }
  }

  /** 20404: no such message (already deleted); nothing is left to clean. */
  isGone(err: SendError): boolean {
    return err.code === '20404';
  }

  /**
   * Twilio is reachable if the account resource answers, and takes the line's
   * credentials unless it answers 401 or 403 (every send would be refused
   * alike). Remembered for a while: a monitoring probe every few seconds
   * should not become API traffic.
   */
  async ready(): Promise<ProviderCheck> {
    const now = Date.now();
    // Not one from a clock since stepped back (its time ahead of now): that would keep it for the step's length.
    if (this.readyCache && now >= this.readyCache.at && now - this.readyCache.at < READY_CACHE_MS) return this.readyCache.check;
    let check: ProviderCheck;
    try {
      await this.client.api.v2010.accounts(this.opts.config.accountSid).fetch();
      check = 'ready';
    } catch (err) {
      // Another 4xx (a 429, say) still proves the API answered; no answer or a 5xx is "not ready".
      const status = (err as { status?: number }).status;
      if (status === 401 || status === 403) check = 'credentials_refused';
      else check = typeof status === 'number' && status < 500 ? 'ready' : 'no_answer';
    }
    this.readyCache = { at: now, check };
    return check;
  }

  // Stryker disable next-line BlockStatement: close() frees idle connections; nothing a test can observe through the API
  async close(): Promise<void> {
    // Stryker disable next-line OptionalChaining: close() frees idle connections (see above)
    for (const a of this.agents) a?.destroy();
  }
}
