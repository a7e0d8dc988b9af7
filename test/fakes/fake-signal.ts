/**
 * A fake signal-cli-rest-api on loopback, faithful to
 * shared/contracts/signal-cli-rest-api.swagger.json as corrected by
 * SOURCES.md. This file is the server and its routes, and the state tests
 * read and set; each part is served by its own file:
 * - POST /v2/send: fake-signal-send.ts (201 {"timestamp":"<ms>"} or master's
 *   array form; refusals, and normal/native mode's one send at a time);
 * - GET /v1/receive/{number}: fake-signal-receive.ts (json-rpc mode's
 *   websocket, normal mode's long poll);
 * - rate-limit challenges, identities and trust, contacts, remote deletes:
 *   fake-signal-account.ts;
 * - GET /v1/health → 204, GET /v1/about → the About object, GET /v1/accounts: here.
 * In normal/native mode sends, receives and identity lists take turns on the
 * account's lock (fake-signal-lock.ts), as signal-cli's processes do.
 * Identities behave as signal-cli keeps them (fake-signal-identities.ts): the
 * first key seen of a contact is TRUSTED_UNVERIFIED; a changed key
 * (changeIdentity) is UNTRUSTED and every send to that contact fails with the
 * mode's own untrusted error until it is trusted again. With holdUntrusted,
 * their messages are not decrypted until then either (untrustedEnvelope).
 * A challenge (demandChallenge) answers every send with Signal's rate limit:
 * 429 with `challenge_tokens` in json-rpc mode, and in normal/native mode
 * signal-cli's own text, which carries the token, under a 400.
 * Refusals are worded as each mode words them (fake-signal-errors.ts): in
 * json-rpc mode upstream passes on only the JSON-RPC error's message, under
 * a 400 ("Specified account does not exist" for an account signal-cli does not hold).
 * Tests push envelopes (fake-signal-envelopes.ts), kill or freeze the
 * websocket and choose how sends are answered.
 * `proxyPage` puts a misconfigured proxy in front: every request, websocket
 * upgrades included, gets 200 with an HTML page.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listIdentities, remoteDelete, submitChallenge, trust, updateContact, type AccountState } from './fake-signal-account';
import { nextTimestamp, untrustedEnvelope } from './fake-signal-envelopes';
import { writeJson, type FakeSignalMode, type SignalAnswer } from './fake-signal-errors';
import { SignalIdentities, type FakeIdentity } from './fake-signal-identities';
import { AccountLock, type LockState } from './fake-signal-lock';
import { SignalReceiver, type ReceiveState } from './fake-signal-receive';
import { SignalSends, type SendDecision, type SendSettings, type SendState, type SignalSent } from './fake-signal-send';

// What tests import from the fake, whichever module serves it.
export { receiptEnvelope, textEnvelope, untrustedEnvelope } from './fake-signal-envelopes';
export { SIGNAL_ERRORS } from './fake-signal-errors';
export type { FakeIdentity, FakeSignalMode, SignalAnswer, SignalSent };

export interface FakeSignalOptions extends SendSettings {
  /** The bot's registered number. */
  account: string;
  mode?: FakeSignalMode;
  answer?: SendDecision;
}

export class FakeSignal implements SendState, ReceiveState, AccountState, LockState {
  readonly sent: SignalSent[] = [];
  /** Every /v2/send request, accepted or not. */
  sendRequests = 0;
  /** Normal/native mode: how long signal-cli takes for one send (they are served one at a time). */
  sendMs = 0;
  /** The most /v2/send requests open at once (waiting for their turn or being served). */
  mostSendsAtOnce = 0;
  /** Normal/native mode: the most requests (sends, receives, identity lists) waiting at once for the account's turn, behind the one served. */
  mostWaitingForTurn = 0;
  /** Websocket connections accepted so far. */
  connections = 0;
  /** Messages dropped because no websocket client was connected (json-rpc mode). */
  dropped = 0;
  /** rate-limit-challenge requests received. */
  challenges: Array<{ challenge_token?: string; captcha?: string }> = [];
  /** GET /v1/receive requests answered (polling). */
  receives = 0;
  /** GET /v1/receive requests waiting for a message now (polling). */
  pollsWaiting = 0;
  /** Trust requests accepted, in order: the contact and how it was trusted. */
  trusts: Array<{ recipient: string; how: 'all_known_keys' | 'verified' }> = [];
  /** Identity list requests received. */
  identityLists = 0;
  /** Contact updates accepted, in order (PUT /v1/contacts/{number}). */
  contactUpdates: Array<{ recipient: string; name?: string; expiration_in_seconds?: number }> = [];
  /** How contact updates are answered now, after upstream's checks (default: accepted). */
  contactAnswer: (() => SignalAnswer) | undefined;
  /** Contact update requests that passed upstream's checks, accepted or not. */
  contactRequests = 0;
  /** Each contact's disappearing-messages timer in seconds, as the last accepted update set it. */
  readonly expirations = new Map<string, number>();
  /** Remote deletions accepted, in order: whose copy and the deleted message's timestamp. */
  remoteDeletes: Array<{ recipient: string; timestamp: string }> = [];
  /** Remote delete requests received, accepted or not. */
  remoteDeleteRequests = 0;
  /** How remote deletes are answered now (default: accepted). 'hang' never answers: signal-cli stuck. */
  remoteDeleteAnswer: (() => SignalAnswer | 'hang') | undefined;
  /** The open challenge's token, while Signal demands one. */
  challengeToken: string | null = null;
  /** A proxy in front answers every request 200 with this HTML page (null: signal-cli-rest-api answers). */
  proxyPage: string | null = null;
  /** Requests the proxy answered with its page. */
  proxyAnswers = 0;
  /**
   * Normal/native mode: lines signal-cli writes to stderr during every receive (a Java stack trace after a
   * reaction: upstream issue #680). Upstream joins them into the answer after the messages, with ',' as
   * the messages are, which makes it no longer JSON (client.go Receive). Default: none.
   */
  receiveStderr: string[] = [];
  /** Receive websockets are accepted, then closed at once (a server that cannot receive for the account). */
  closeOnOpen = false;
  /**
   * How GET /v1/identities/{number} is answered now, after upstream's checks
   * (default: the identities held). 'hang' never answers: signal-cli stuck;
   * 'stall' begins the list and never ends it.
   */
  identityListAnswer: (() => SignalAnswer | 'hang' | 'stall') | undefined;
  /**
   * How PUT /v1/identities/{number}/trust/{contact} is answered now, before
   * upstream's checks (default: as upstream does). 'reset' drops the
   * connection unanswered (signal-cli-rest-api restarting).
   */
  trustAnswer: (() => SignalAnswer | 'reset') | undefined;
  /**
   * signal-cli's default trust mode (on-first-use): a message from a contact
   * whose key changed (UNTRUSTED) is not decrypted; the client gets
   * untrustedEnvelope instead, and the message waits in signal-cli's cache
   * until the key is trusted, then arrives. Off by default: older suites push
   * readable messages from such contacts, which real signal-cli hands over
   * only with `--trust-new-identities always` (the new key then TRUSTED_UNVERIFIED).
   */
  holdUntrusted = false;
  url = '';
  readonly mode: FakeSignalMode;
  /** The bot's registered number. */
  readonly account: string;
  /** How sends are answered now (tests may change it between steps). */
  answer: SendDecision | undefined;
  private readonly server: http.Server;
  private readonly identities = new SignalIdentities();
  private readonly receiver: SignalReceiver;
  private readonly sends: SignalSends;
  private readonly lock: AccountLock;

  constructor(opts: FakeSignalOptions) {
    this.mode = opts.mode ?? 'json-rpc';
    this.account = opts.account;
    this.answer = opts.answer;
    this.lock = new AccountLock(this);
    this.receiver = new SignalReceiver(this, this.lock);
    this.sends = new SignalSends(this, this.identities, opts, this.lock);
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => this.receiver.upgrade(req, socket, head));
  }

  /** Started again after stop(), it listens on the same port: signal-cli-rest-api's container restarted (state kept). */
  async start(): Promise<string> {
    const port = this.url === '' ? 0 : Number(new URL(this.url).port);
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.receiver.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Websocket clients connected now. */
  get connected(): number {
    return this.receiver.connected;
  }

  /** Messages waiting at Signal for a poll (normal/native mode). */
  get waiting(): number {
    return this.receiver.waiting;
  }

  /** Messages accepted for one recipient (a UUID or a number). */
  to(recipient: string): SignalSent[] {
    return this.sent.filter((m) => m.recipient === recipient);
  }

  /** A message arrives from Signal: sent to the websocket client, dropped without one, or queued for polling. */
  push(item: unknown): void {
    const env = (item as { envelope?: { sourceUuid?: unknown; sourceNumber?: unknown; timestamp?: unknown; dataMessage?: unknown } } | null)?.envelope;
    if (env && typeof env.sourceUuid === 'string') {
      const number = typeof env.sourceNumber === 'string' ? env.sourceNumber : '';
      // Decrypting a contact's message teaches signal-cli their key (trusted on first use).
      const known = this.identities.know(env.sourceUuid, number);
      if (this.holdUntrusted && known.status === 'UNTRUSTED' && env.dataMessage !== undefined) {
        // Not decrypted: kept in signal-cli's message cache until the key is trusted; the client learns only who sent it.
        this.identities.hold(known.uuid, item);
        const timestamp = typeof env.timestamp === 'number' ? env.timestamp : nextTimestamp();
        return this.receiver.deliver(untrustedEnvelope(this.account, { uuid: env.sourceUuid, number: number || null }, timestamp));
      }
    }
    this.receiver.deliver(item);
  }

  /** A stack trace signal-cli printed in place of an envelope (#680): it takes one of a poll's max_messages. */
  pushUnprintable(line: string): void {
    this.receiver.queueLine(line);
  }

  /** The identity signal-cli holds for a contact (a UUID or a number), if any. */
  identity(contact: string): FakeIdentity | undefined {
    return this.identities.find(contact);
  }

  /** The contact reinstalled Signal or was taken over: a new key, untrusted until someone trusts it. */
  changeIdentity(uuid: string, number = ''): FakeIdentity {
    return this.identities.change(uuid, number);
  }

  /** Signal demands a captcha: every send is refused until the token is submitted with a captcha. */
  demandChallenge(): string {
    this.challengeToken = randomUUID();
    return this.challengeToken;
  }

  /** Writes a raw text frame (garbage tests). */
  pushRaw(frame: string): void {
    this.receiver.pushRaw(frame);
  }

  /** Drops every websocket connection abruptly, as a crashed container or a network cut would. */
  killSockets(): void {
    this.receiver.killSockets();
  }

  /** Stops answering pings and sending frames without closing: a half-dead connection. */
  freeze(frozen = true): void {
    this.receiver.freeze(frozen);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.route(req, res, Buffer.concat(chunks).toString('utf8')));
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    if (this.proxyPage !== null) {
      this.proxyAnswers++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(this.proxyPage);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/v1/health') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method === 'GET' && path === '/v1/about') {
      return writeJson(res, 200, { versions: ['v1', 'v2'], build: 2, mode: this.mode, version: '0.100', capabilities: { 'v2/send': ['quotes', 'mentions'] } });
    }
    // The accounts registered or linked with this signal-cli-rest-api.
    if (req.method === 'GET' && path === '/v1/accounts') return writeJson(res, 200, [this.account]);
    if (req.method === 'GET' && path.startsWith('/v1/receive/')) return this.receiver.poll(res, url);
    if (req.method === 'POST' && path === '/v2/send') return this.sends.inTurn(res, raw);
    if (req.method === 'POST' && path === `/v1/accounts/${this.account}/rate-limit-challenge`) return submitChallenge(this, res, raw);
    const param = (m: RegExpExecArray, i: number) => decodeURIComponent(m[i] as string);
    const deletion = /^\/v1\/remote-delete\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && deletion) return remoteDelete(this, res, param(deletion, 1), raw);
    const list = /^\/v1\/identities\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && list) return this.lock.take(res, () => listIdentities(this, this.identities, res, param(list, 1)));
    const contact = /^\/v1\/contacts\/([^/]+)$/.exec(path);
    if (req.method === 'PUT' && contact) return updateContact(this, res, param(contact, 1), raw);
    const trusted = /^\/v1\/identities\/([^/]+)\/trust\/([^/]+)$/.exec(path);
    if (req.method === 'PUT' && trusted) {
      // signal-cli retries the messages it kept once their sender's key is trusted.
      for (const item of trust(this, this.identities, res, param(trusted, 1), param(trusted, 2), raw)) this.push(item);
      return;
    }
    writeJson(res, 404, { error: 'not found' });
  }
}
