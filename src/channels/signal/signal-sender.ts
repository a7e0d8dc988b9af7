/**
 * Signal sending through signal-cli-rest-api's POST /v2/send, one recipient
 * per request. Errors are classified, never quoted: signal-cli's texts name
 * the recipient. A 429 (Signal's rate limit, which only a person solving a
 * captcha can lift early) pauses the whole channel with a backoff that grows
 * across consecutive 429s and resets at the first success.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { Logger } from '../../log/logger';
import { backoffCeiling, type Backoff } from '../../util/backoff';
import { SendError, type ChannelSender } from '../types';

/** How long the channel pauses on a 429: base·2^(n-1) for the n-th window in a row, capped (util/backoff.ts, unjittered). */
export type ThrottlePolicy = Backoff;

/** 15 s, 30 s, 1 min … up to 15 min: Signal's limits last minutes to hours; a human may solve the captcha sooner. */
export const DEFAULT_THROTTLE: ThrottlePolicy = { baseMs: 15_000, maxMs: 15 * 60_000 };

export interface SignalSenderOptions {
  apiUrl: string;
  /** The bot's registered number (the `number` of /v2/send). */
  number: string;
  log: Logger;
  throttle?: ThrottlePolicy;
  timeoutMs?: number;
  maxSockets?: number;
  now?: () => number;
}

const UNTRUSTED = /untrusted identit/i;
const UNREGISTERED = /unregistered|not registered|UnregisteredUserException/i;
const RATE_LIMITED = /rate ?limit|RateLimitException|\b429\b/i;
const PROOF_REQUIRED = /proof required|ProofRequiredException/i;

/** Maps an HTTP status and signal-cli-rest-api's `error` text to a SendError (the text itself is not kept). */
export function classifySignalError(status: number | undefined, errorText: string, sysCode?: string): SendError {
  if (status === undefined) return new SendError('connection', sysCode);
  if (status === 429 || RATE_LIMITED.test(errorText) || PROOF_REQUIRED.test(errorText)) return new SendError('throttled', '429');
  if (status >= 500) return new SendError('server', String(status));
  // The recipient re-installed Signal or changed devices: their safety number must be trusted again.
  if (UNTRUSTED.test(errorText)) return new SendError('rejected', 'untrusted_identity');
  if (UNREGISTERED.test(errorText)) return new SendError('invalid', 'unregistered');
  return new SendError('rejected', String(status));
}

function errorText(data: unknown): string {
  if (typeof data === 'string') return data.slice(0, 2000);
  if (data && typeof data === 'object') {
    const e = (data as { error?: unknown }).error;
    if (typeof e === 'string') return e;
    try {
      return JSON.stringify(data).slice(0, 2000);
    } catch {
      return '';
    }
  }
  return '';
}

/**
 * The send result, in 0.100's form `{"timestamp":"…"}` or master's
 * `[{"timestamp":"…","errors":…}]`. Returns the timestamp, or the text of
 * per-recipient errors when the array form reports some.
 */
export function readSendResult(data: unknown): { timestamp: string } | { error: string } {
  const first = Array.isArray(data) ? data[0] : data;
  if (!first || typeof first !== 'object') return { error: 'unexpected response' };
  const { timestamp, errors } = first as { timestamp?: unknown; errors?: unknown };
  const hasErrors = Array.isArray(errors) ? errors.length > 0 : !!errors && typeof errors === 'object' && Object.keys(errors).length > 0;
  if (hasErrors) return { error: errorText({ error: JSON.stringify(errors) }) };
  if (typeof timestamp === 'string' && /^\d{1,20}$/.test(timestamp)) return { timestamp };
  if (typeof timestamp === 'number' && Number.isSafeInteger(timestamp)) return { timestamp: String(timestamp) };
  return { error: 'unexpected response' };
}

/** Sends Signal messages through signal-cli-rest-api. */
export class SignalSender implements ChannelSender {
  readonly channel = 'signal' as const;
  readonly name = 'signal';
  private readonly http: AxiosInstance;
  private readonly agent: http.Agent;
  private readonly throttle: ThrottlePolicy;
  private readonly now: () => number;
  /** Consecutive 429 windows, and when the current one ends. */
  private throttleLevel = 0;
  private throttledUntil = 0;
  private warnedUntrusted = false;

  constructor(private readonly opts: SignalSenderOptions) {
    const maxSockets = opts.maxSockets ?? 16;
    this.agent = opts.apiUrl.startsWith('https:') ? new https.Agent({ keepAlive: true, maxSockets }) : new http.Agent({ keepAlive: true, maxSockets });
    this.http = axios.create({
      baseURL: opts.apiUrl,
      timeout: opts.timeoutMs ?? 30_000,
      httpAgent: this.agent,
      httpsAgent: this.agent,
      // Every status is an answer to classify, not an exception.
      validateStatus: () => true,
      // Never let axios follow a redirect elsewhere with a message body.
      maxRedirects: 0,
    });
    this.throttle = opts.throttle ?? DEFAULT_THROTTLE;
    this.now = opts.now ?? Date.now;
  }

  async send(to: string, body: string): Promise<{ providerId: string }> {
    let res;
    try {
      res = await this.http.post('/v2/send', { number: this.opts.number, message: body, recipients: [to] });
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw classifySignalError(undefined, '', typeof code === 'string' ? code : undefined);
    }
    if (res.status >= 200 && res.status < 300) {
      const result = readSendResult(res.data);
      if ('timestamp' in result) {
        this.onSuccess();
        return { providerId: result.timestamp };
      }
      throw this.onFailure(classifySignalError(400, result.error), res.data);
    }
    throw this.onFailure(classifySignalError(res.status, errorText(res.data)), res.data);
  }

  private onSuccess(): void {
    if (this.throttleLevel > 0) this.opts.log.info('Signal accepts messages again; the rate-limit pause is over');
    this.throttleLevel = 0;
    this.throttledUntil = 0;
  }

  private onFailure(e: SendError, data: unknown): SendError {
    if (e.kind === 'throttled') return new SendError('throttled', e.code, this.pause(data));
    if (e.code === 'untrusted_identity' && !this.warnedUntrusted) {
      this.warnedUntrusted = true;
      this.opts.log.warn(
        'Signal refused a message because a recipient\'s safety number changed ("untrusted identities"). The message is recorded as failed and not retried. ' +
          'To trust new safety numbers: PUT /v1/identities/<SIGNAL_NUMBER>/trust/<recipient> on signal-cli-rest-api with {"trust_all_known_keys": true}, ' +
          'or start signal-cli-rest-api with the trust mode you want.',
      );
    }
    return e;
  }

  /**
   * Opens (or keeps) a pause window and returns how long is left. 429s that
   * were already in flight when the window opened do not lengthen it; the
   * first 429 after it ends doubles the next one.
   */
  private pause(data: unknown): number {
    const now = this.now();
    if (now >= this.throttledUntil) {
      this.throttleLevel++;
      const ms = backoffCeiling(this.throttle, this.throttleLevel);
      this.throttledUntil = now + ms;
      if (this.throttleLevel === 1) {
        const tokens = (data as { challenge_tokens?: unknown })?.challenge_tokens;
        this.opts.log.warn(
          {
            pauseMs: ms,
            challenge: Array.isArray(tokens) && tokens.length > 0,
          },
          'Signal is rate-limiting the bot (HTTP 429). Signal sends are paused and retried with a growing pause; nothing is lost. ' +
            'To lift the limit now: solve the captcha at https://signalcaptchas.org/challenge/generate.html, then ' +
            'POST /v1/accounts/<SIGNAL_NUMBER>/rate-limit-challenge on signal-cli-rest-api with {"challenge_token": "<from the 429 answer>", "captcha": "signalcaptcha://…"}. ' +
            'See docs/signal.md.',
        );
      } else {
        this.opts.log.warn({ pauseMs: ms, windows: this.throttleLevel }, 'Signal is still rate-limiting the bot; pausing Signal sends longer');
      }
    }
    return this.throttledUntil - now;
  }

  /** signal-cli-rest-api answers its health check (204). */
  async ready(): Promise<boolean> {
    try {
      const res = await this.http.get('/v1/health', { timeout: 3_000 });
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
