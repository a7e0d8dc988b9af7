/**
 * Signal sending through signal-cli-rest-api's POST /v2/send, one recipient
 * per request. Errors are classified (signal-errors.ts), never quoted:
 * signal-cli's texts name the recipient. A 429 (Signal's rate limit) pauses
 * the whole channel (signal-rate-limit.ts), until resume() once an operator
 * has lifted it.
 *
 * A member whose safety number changed (a reinstall, a new phone) is sent to
 * as the Signal app would: their new identity is trusted through the
 * identities API and the message sent again, once. Moderators are never
 * trusted this way (`neverAutoTrust`): a changed moderator identity waits for
 * an operator who has checked it in person. signal-cli trusts a person, not
 * an address, so a send to a moderator's other address (the number of one
 * listed by UUID, a BUDDY invitation away) must not trust them either: the
 * identities list says whose addresses go together.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { Logger } from '../../log/logger';
import { SendError, type ChannelSender, type ProviderCheck } from '../types';
import { AccountTurn, AT_ONCE, type Turn } from './account-turn';
import { classifySignalError, errorText, readSendResult, unanswered, UNEXPECTED } from './signal-errors';
import { SignalIdentities } from './signal-identities';
import { SignalRateLimit, type PauseLevelStore, type ThrottlePolicy } from './signal-rate-limit';
import { adminCommand } from '../../util/admin-command';

export { DEFAULT_THROTTLE, type ThrottlePolicy } from './signal-rate-limit';

/**
 * Sends in flight when signal-cli serves requests one at a time: one served, the next one waiting here for
 * the account's turn (account-turn.ts), issued the moment the first answers. More would only wait longer.
 */
const IN_TURN_MAX_IN_FLIGHT = 2;

export interface SignalSenderOptions {
  apiUrl: string;
  /** The bot's registered number (the `number` of /v2/send). */
  number: string;
  log: Logger;
  throttle?: ThrottlePolicy;
  timeoutMs?: number;
  maxSockets?: number;
  /**
   * signal-cli-rest-api runs one signal-cli process per request (MODE=normal or native, which
   * SIGNAL_RECEIVE_MODE=poll goes with): the processes take turns on the account's lock, so
   * requests are served one at a time. The sender then holds the account's turn itself (`turn`,
   * shared with the receiver and the moderators' identity checks): each request is issued only
   * once the one before has answered.
   */
  sendsInTurn?: boolean;
  now?: () => number;
  /** Addresses (moderators' UUIDs and numbers) whose changed identity is never trusted automatically. */
  neverAutoTrust?: ReadonlySet<string>;
  /** Counts each automatic trust of a changed identity: trusted (then sent again), or refused by signal-cli. */
  onIdentityTrust?: (outcome: 'trusted' | 'trust_failed' | 'moderator_skipped') => void;
  /** Signal demands a captcha; called with the challenge token at each refusal that carries one. */
  onChallenge?: (token: string) => void;
  /** Signal accepts messages again after a challenge (lifted by a captcha, or expired). */
  onRecovered?: () => void;
  /** Where the rate limit's pauses in a row outlive a restart (store/provider-pauses.ts). */
  pauseLevels?: PauseLevelStore;
}

/** Sends Signal messages through signal-cli-rest-api. */
export class SignalSender implements ChannelSender {
  readonly channel = 'signal' as const;
  readonly name = 'signal';
  readonly maxInFlight: number;
  private readonly http: AxiosInstance;
  private readonly agent: http.Agent;
  private readonly rateLimit: SignalRateLimit;
  private warnedUntrusted = false;
  private readonly neverAutoTrust: ReadonlySet<string>;
  /** The account's turn (account-turn.ts): the receiver and the moderators' identity checks take it too. */
  readonly turn: Turn;

  constructor(private readonly opts: SignalSenderOptions) {
    // Stryker disable next-line LogicalOperator: connection pooling and time-outs change how connections are reused, not what is sent or how errors are classified
    const maxSockets = opts.maxSockets ?? 16;
    // signal-cli answers slowly (a second or more a send): more sends than sockets would only queue here and time out.
    // Served one at a time, a request must never wait at signal-cli: its time-out would run while it waits, and one
    // passing it is counted failed while signal-cli still delivers it (twice to the member). They wait here instead.
    this.turn = opts.sendsInTurn ? new AccountTurn() : AT_ONCE;
    this.maxInFlight = opts.sendsInTurn ? IN_TURN_MAX_IN_FLIGHT : maxSockets;
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: connection pooling and time-outs change how connections are reused, not what is sent or how errors are classified
    this.agent = opts.apiUrl.startsWith('https:') ? new https.Agent({ keepAlive: true, maxSockets }) : new http.Agent({ keepAlive: true, maxSockets });
    this.http = axios.create({
      baseURL: opts.apiUrl,
      // Stryker disable next-line LogicalOperator: connection pooling and time-outs change how connections are reused, not what is sent or how errors are classified
      timeout: opts.timeoutMs ?? 30_000,
      httpAgent: this.agent,
      httpsAgent: this.agent,
      // Every status is an answer to classify, not an exception.
      validateStatus: () => true,
      // Never let axios follow a redirect elsewhere with a message body.
      maxRedirects: 0,
    });
    this.rateLimit = new SignalRateLimit(opts);
    this.neverAutoTrust = opts.neverAutoTrust ?? new Set();
    this.identities = new SignalIdentities(opts.apiUrl, opts.number, opts.timeoutMs, this.turn);
  }

  private readonly identities: SignalIdentities;

  /** Whether `to` is a moderator: by the address itself, or by another address signal-cli holds for the same person; null when signal-cli cannot say. */
  private async isModerator(to: string): Promise<boolean | null> {
    if (this.neverAutoTrust.has(to.toLowerCase())) return true;
    if (this.neverAutoTrust.size === 0) return false;
    try {
      for (const address of await this.identities.addressesOf(to)) if (this.neverAutoTrust.has(address)) return true;
      return false;
    } catch {
      return null;
    }
  }

  async send(to: string, body: string): Promise<{ providerId: string }> {
    try {
      return await this.sendOnce(to, body);
    } catch (err) {
      if (!(err instanceof SendError) || err.code !== 'untrusted_identity') throw err;
      const outcome = await this.trustChangedIdentity(to);
      // Unknown is not safe: nothing is trusted; the message is tried again later, when the list may answer.
      if (outcome === 'identities_unavailable') throw new SendError('server', 'identities_unavailable');
      // The trust met an outage, not a refusal: tried again later, when signal-cli-rest-api is back.
      if (outcome === 'trust_unavailable') throw new SendError('server', 'trust_unavailable');
      if (outcome !== 'trusted') throw err;
      // Once: a second refusal is recorded like any other.
      return this.sendOnce(to, body);
    }
  }

  /**
   * Trusts the changed identity of a contact (refused on a send, or whose
   * message signal-cli could not decrypt) unless they are a moderator, or
   * signal-cli cannot say whether they are one. Counted; never throws.
   */
  async trustChangedIdentity(contact: string): Promise<'trusted' | 'trust_failed' | 'trust_unavailable' | 'moderator_skipped' | 'identities_unavailable'> {
    const moderator = await this.isModerator(contact);
    if (moderator) {
      this.opts.onIdentityTrust?.('moderator_skipped');
      return 'moderator_skipped';
    }
    if (moderator === null) {
      this.opts.onIdentityTrust?.('trust_failed');
      return 'identities_unavailable';
    }
    const trusted = await this.trustNewIdentity(contact);
    this.opts.onIdentityTrust?.(trusted === 'trusted' ? 'trusted' : 'trust_failed');
    return trusted;
  }

  /**
   * Trusts every known key of a contact whose key changed, as the Signal app
   * accepts a changed safety number and keeps delivering. Unverified: nobody
   * compared safety numbers.
   */
  private async trustNewIdentity(to: string): Promise<'trusted' | 'trust_failed' | 'trust_unavailable'> {
    try {
      const res = await this.inTurn(() => this.http.put(`/v1/identities/${encodeURIComponent(this.opts.number)}/trust/${encodeURIComponent(to)}`, { trust_all_known_keys: true }));
      if (res.status >= 200 && res.status < 300) return 'trusted';
      this.opts.log.warn({ status: res.status }, 'signal-cli-rest-api refused to trust a changed Signal identity');
      // Read as a send's answer is: signal-cli-rest-api's own trouble (a 5xx, a 400 carrying its lost daemon's
      // network error), the line's (a proxy's 401/403/404/407 or a redirect) or a 429 is no refusal of this contact.
      const kind = classifySignalError(res.status, errorText(res.data)).kind;
      return kind === 'server' || kind === 'line' || kind === 'throttled' ? 'trust_unavailable' : 'trust_failed';
    } catch (err) {
      this.opts.log.warn({ code: (err as { code?: unknown }).code }, 'could not reach signal-cli-rest-api to trust a changed Signal identity');
      return 'trust_unavailable';
    }
  }

  /** One request to the account in its turn, behind receives and identity checks; its time-out counts from when it is issued. */
  private inTurn<T>(request: () => Promise<T>): Promise<T> {
    return this.turn.run('inLine', request);
  }

  private async sendOnce(to: string, body: string): Promise<{ providerId: string }> {
    let res;
    try {
      // Always plain: with DEFAULT_SIGNAL_TEXT_MODE=styled, *…* in a report would turn bold and lose its marks.
      res = await this.inTurn(() => this.http.post('/v2/send', { number: this.opts.number, message: body, recipients: [to], text_mode: 'normal' }));
    } catch (err) {
      throw unanswered(err);
    }
    if (res.status >= 200 && res.status < 300) {
      const result = readSendResult(res.data);
      if ('timestamp' in result) {
        this.rateLimit.succeeded();
        return { providerId: result.timestamp };
      }
      // signal-cli-rest-api's every 2xx carries a timestamp: one without (a proxy's page) is an outage to retry, not a refusal.
      if (result.error === UNEXPECTED) throw new SendError('server', 'unexpected_response');
      throw this.onFailure(classifySignalError(400, result.error), res.data);
    }
    throw this.onFailure(classifySignalError(res.status, errorText(res.data)), res.data);
  }

  private onFailure(e: SendError, data: unknown): SendError {
    if (e.kind === 'throttled') return new SendError('throttled', e.code, this.rateLimit.limited(data));
    if (e.code === 'untrusted_identity' && !this.warnedUntrusted) {
      this.warnedUntrusted = true;
      this.opts.log.info(
        'Signal refused a message because a recipient\'s safety number changed ("untrusted identities"). A member\'s new identity is trusted and the message sent again once; ' +
          `a moderator's is not: check it in person, then ${adminCommand('signal-readmit <their UUID>')} (docs/signal.md).`,
      );
    }
    return e;
  }

  /**
   * Deletes a message the bot sent, on the recipient's phones (RETRACT):
   * signal-cli-rest-api's DELETE /v1/remote-delete/{number} with the
   * recipient and the sent message's timestamp. Throws a SendError.
   */
  async remoteDelete(recipient: string, timestamp: number): Promise<void> {
    let res;
    try {
      res = await this.inTurn(() => this.http.delete(`/v1/remote-delete/${encodeURIComponent(this.opts.number)}`, { data: { recipient, timestamp } }));
    } catch (err) {
      throw unanswered(err);
    }
    if (res.status >= 200 && res.status < 300) return;
    // A 429 here is Signal limiting the account, as for a send: it opens the same pause.
    throw this.onFailure(classifySignalError(res.status, errorText(res.data)), res.data);
  }

  /** A challenge from before a restart is on record: the next success ends it (onRecovered), as it would one seen since. */
  challengeOnRecord(): void {
    this.rateLimit.challengeOnRecord();
  }

  /** Ends the rate-limit pause now: an operator has lifted Signal's limit with a captcha. */
  resume(): void {
    this.rateLimit.resume();
  }

  /**
   * Sets the disappearing-messages timer of the bot's conversation with a
   * contact (PUT /v1/contacts/{number}, `expiration_in_seconds`; 0 turns it
   * off), as a member's own app would. Throws a SendError on failure.
   */
  async setExpiration(recipient: string, seconds: number): Promise<void> {
    let res;
    try {
      res = await this.inTurn(() => this.http.put(`/v1/contacts/${encodeURIComponent(this.opts.number)}`, { recipient, expiration_in_seconds: seconds }));
    } catch (err) {
      throw unanswered(err);
    }
    if (res.status < 200 || res.status >= 300) throw classifySignalError(res.status, errorText(res.data));
  }

  /** signal-cli-rest-api answers its health check (204). */
  async ready(): Promise<ProviderCheck> {
    try {
      // Stryker disable next-line ObjectLiteral: the health check's own time-out; a dead server is tested by refusing the connection
      const res = await this.http.get('/v1/health', { timeout: 3_000 });
      // A 2xx with no content, as its 204: a proxy's 200 page in front of it (which also breaks receiving) is not signal-cli-rest-api.
      const empty = res.data === undefined || res.data === null || res.data === '';
      return res.status >= 200 && res.status < 300 && empty ? 'ready' : 'no_answer';
    } catch {
      return 'no_answer';
    }
  }

  drain(): void {
    this.turn.drain();
  }

  endDrain(): void {
    this.turn.resume();
  }

  // Stryker disable next-line BlockStatement: close() frees idle connections; nothing a test can observe through the API
  async close(): Promise<void> {
    this.agent.destroy();
  }
}
