/**
 * A fake signal-cli-rest-api on loopback, faithful to
 * shared/contracts/signal-cli-rest-api.swagger.json as corrected by
 * SOURCES.md:
 * - POST /v2/send {number, message, recipients[]} → 201 {"timestamp":"<ms>"}
 *   (or master's array form), 400 {"error":"…"}, 429 {"error", "challenge_tokens", "account"};
 * - GET /v1/receive/{number}: in json-rpc mode a websocket, one
 *   {"envelope","account"} per frame, a plain GET gets 400, and what arrives
 *   while no client is connected is dropped; in normal mode a JSON array
 *   served as text/plain, waiting up to `timeout` seconds for messages;
 * - GET /v1/health → 204, GET /v1/about → the About object;
 * - POST /v1/accounts/{number}/rate-limit-challenge {challenge_token, captcha}
 *   → 204, or 400 {"error"} (upstream's own checks, then a wrong token or captcha);
 * - GET /v1/identities/{number} → 200 [IdentityEntry] and
 *   PUT /v1/identities/{number}/trust/{numberToTrust} {trust_all_known_keys |
 *   verified_safety_number} → 204, or 400 {"error"} (upstream's checks);
 * - PUT /v1/contacts/{number} {recipient, name?, expiration_in_seconds?}
 *   (api.UpdateContactRequest) → 204, or 400 {"error"}: the contact's
 *   disappearing-messages timer (and name) as signal-cli's updateContact sets them.
 * - DELETE /v1/remote-delete/{number} {recipient, timestamp} → 201
 *   {"timestamp":"<ms>"} (the deletion message's own), or 400 {"error"}
 *   (upstream's checks; signal-cli sends the deletion whatever the
 *   timestamp, so tests compare `remoteDeletes` with `sent`).
 * Identities behave as signal-cli keeps them: the first key seen of a contact
 * (a message from them, or a first send) is TRUSTED_UNVERIFIED; a changed key
 * (changeIdentity) is UNTRUSTED and every send to that contact fails with the
 * mode's own untrusted error until it is trusted again. With holdUntrusted,
 * their messages are not decrypted until then either (untrustedEnvelope).
 * A challenge (demandChallenge) answers every send with Signal's rate limit:
 * 429 with `challenge_tokens` in json-rpc mode, and in normal/native mode
 * signal-cli's own text, which carries the token, under a 400.
 * Refusals are worded as each mode words them: in json-rpc mode upstream
 * passes on only the JSON-RPC error's message, under a 400 ("Specified
 * account does not exist" for an account signal-cli does not hold).
 * In normal/native mode upstream runs one signal-cli process per request,
 * and the processes of one account take turns on its lock: sends are served
 * one at a time (`sendMs` each), and one whose client gave up is still sent.
 * Tests push envelopes, kill or freeze the websocket and choose how sends are answered.
 * `proxyPage` puts a misconfigured proxy in front: every request, websocket
 * upgrades included, gets 200 with an HTML page.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

export type FakeSignalMode = 'json-rpc' | 'normal' | 'native';

/** One identity as GET /v1/identities/{number} lists it (client.IdentityEntry). */
export interface FakeIdentity {
  number: string;
  uuid: string;
  fingerprint: string;
  safety_number: string;
  status: 'TRUSTED_UNVERIFIED' | 'TRUSTED_VERIFIED' | 'UNTRUSTED';
  added: string;
}

export interface SignalSent {
  recipient: string;
  message: string;
  timestamp: string;
}

/** How the fake answers one send. */
export type SignalAnswer = 'accept' | { status: number; body: unknown };

export interface FakeSignalOptions {
  /** The bot's registered number. */
  account: string;
  mode?: FakeSignalMode;
  /** '0.100' answers {"timestamp"}, 'master' answers [{"timestamp"}]. */
  sendResponse?: '0.100' | 'master';
  answer?: (msg: { recipient: string; message: string }, attempt: number) => SignalAnswer;
  /** signal-cli-rest-api's DEFAULT_SIGNAL_TEXT_MODE: the text_mode of a send that names none. */
  defaultTextMode?: 'normal' | 'styled';
}

/** Signal's own error answers, shaped as signal-cli-rest-api returns them. */
export const SIGNAL_ERRORS = {
  rateLimited: (account: string): SignalAnswer => ({
    status: 429,
    body: {
      error: 'Failed to send message due to rate limiting',
      challenge_tokens: [randomUUID()],
      account,
    },
  }),
  untrusted: (recipient: string): SignalAnswer => ({
    status: 400,
    body: { error: `Failed to send message due to untrusted identities: ${recipient}` },
  }),
  unregistered: (recipient: string): SignalAnswer => ({
    status: 400,
    body: { error: `Failed to send message: Unregistered user "${recipient}"` },
  }),
  server: (): SignalAnswer => ({ status: 500, body: { error: 'Internal Server Error' } }),
  /**
   * signal-cli could not reach Signal's servers for this recipient. Normal/native mode: its plain-text
   * output, then its exit message. json-rpc mode: only the JSON-RPC error's message (upstream's
   * jsonrpc2.go), which a recipient who left Signal (UNREGISTERED_FAILURE, by UUID) gets too.
   */
  networkFailure: (recipient: string, mode: FakeSignalMode): SignalAnswer =>
    mode === 'json-rpc'
      ? { status: 400, body: { error: 'Failed to send message' } }
      : { status: 400, body: { error: `Failed to send (some) messages:\n${recipient}: Network failure for "${recipient}"\n${clock}\nFailed to send message\n` } },
  /**
   * The bot's own account is not registered (deregistered by Signal, or never registered): signal-cli's
   * App.loadManager in normal/native mode; in json-rpc mode the daemon does not hold the account.
   */
  accountNotRegistered: (account: string, mode: FakeSignalMode): SignalAnswer => ({
    status: 400,
    body: { error: mode === 'json-rpc' ? 'Specified account does not exist' : `User ${account} is not registered.\n` },
  }),
  /**
   * json-rpc mode only: signal-cli-rest-api lost its connection to the signal-cli daemon (restarting),
   * and passes on Go's error of the write to it as any send error, a 400 (jsonrpc2.go getRaw, api.go Send).
   */
  daemonConnectionLost: (): SignalAnswer => ({ status: 400, body: { error: 'write tcp 127.0.0.1:52114->127.0.0.1:6001: write: broken pipe' } }),
  /** What gin answers for a route it does not have (SIGNAL_API_URL with a wrong path, a proxy without the route): text/plain. */
  noSuchRoute: (): SignalAnswer => ({ status: 404, body: '404 page not found' }),
} as const;

let clock = 1_700_000_000_000;

/** A safety number: 60 digits, as Signal shows it in 12 groups of 5. */
function safetyNumber(): string {
  let s = '';
  for (let i = 0; i < 60; i++) s += String(randomInt(10));
  return s;
}

/** A received text message as signal-cli-rest-api delivers it; `number` null hides the sender's number. */
export function textEnvelope(account: string, from: { uuid: string; number: string | null }, text: string, timestamp = ++clock): Record<string, unknown> {
  return {
    envelope: {
      source: from.number ?? from.uuid,
      sourceNumber: from.number,
      sourceUuid: from.uuid,
      sourceName: 'Someone',
      sourceDevice: 1,
      timestamp,
      serverReceivedTimestamp: timestamp + 5,
      serverDeliveredTimestamp: timestamp + 9,
      dataMessage: { timestamp, message: text, expiresInSeconds: 0, viewOnce: false },
    },
    account,
  };
}

/**
 * What signal-cli hands over for a message it could not decrypt because the
 * sender's key changed and is not trusted (JsonReceiveMessageHandler: the
 * exception as receive.Error beside an envelope that names the sender, no dataMessage).
 */
export function untrustedEnvelope(account: string, from: { uuid: string; number: string | null }, timestamp = ++clock): Record<string, unknown> {
  return {
    account,
    exception: { message: `Untrusted identity: ${from.uuid}`, type: 'UntrustedIdentityException' },
    envelope: {
      source: from.number ?? from.uuid,
      sourceNumber: from.number,
      sourceUuid: from.uuid,
      sourceName: null,
      sourceDevice: 1,
      timestamp,
      serverReceivedTimestamp: timestamp + 5,
      serverDeliveredTimestamp: timestamp + 9,
    },
  };
}

/** A delivery receipt (to be ignored). */
export function receiptEnvelope(account: string, from: { uuid: string; number: string | null }): Record<string, unknown> {
  const timestamp = ++clock;
  return {
    envelope: {
      source: from.number ?? from.uuid,
      sourceNumber: from.number,
      sourceUuid: from.uuid,
      sourceDevice: 1,
      timestamp,
      serverReceivedTimestamp: timestamp,
      serverDeliveredTimestamp: timestamp,
      receiptMessage: { when: timestamp, isDelivery: true, isRead: false, isViewed: false, timestamps: [timestamp - 100] },
    },
    account,
  };
}

export class FakeSignal {
  readonly sent: SignalSent[] = [];
  /** Every /v2/send request, accepted or not. */
  sendRequests = 0;
  /** Normal/native mode: how long signal-cli takes for one send (they are served one at a time). */
  sendMs = 0;
  /** The most /v2/send requests open at once (waiting for their turn or being served). */
  mostSendsAtOnce = 0;
  private sendsOpen = 0;
  private sendTurn: Promise<void> = Promise.resolve();
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
  /** Receive websockets are accepted, then closed at once (a server that cannot receive for the account). */
  closeOnOpen = false;
  /**
   * How GET /v1/identities/{number} is answered now, after upstream's checks
   * (default: the identities held). 'hang' never answers: signal-cli stuck.
   */
  identityListAnswer: (() => SignalAnswer | 'hang') | undefined;
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
  /** Messages signal-cli could not decrypt yet (holdUntrusted), in arrival order. */
  private held: Array<{ uuid: string; item: unknown }> = [];
  /** Known contacts' identities, by UUID or number (one entry per contact). */
  private readonly identities: FakeIdentity[] = [];
  url = '';
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<WebSocket>();
  private readonly queue: string[] = [];
  private waiters: Array<() => void> = [];
  private frozen = false;
  private attempts = new Map<string, number>();
  readonly mode: FakeSignalMode;
  /** How sends are answered now (tests may change it between steps). */
  answer: FakeSignalOptions['answer'];

  constructor(private readonly opts: FakeSignalOptions) {
    this.mode = opts.mode ?? 'json-rpc';
    this.answer = opts.answer;
    this.server = http.createServer((req, res) => this.handle(req, res));
    // Pongs are answered by hand, so a test can freeze the connection.
    this.wss = new WebSocketServer({ noServer: true, autoPong: false });
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    for (const w of this.waiters) w();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Websocket clients connected now. */
  get connected(): number {
    return [...this.clients].filter((c) => c.readyState === WebSocket.OPEN).length;
  }

  /** Messages waiting at Signal for a poll (normal/native mode). */
  get waiting(): number {
    return this.queue.length;
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
      const known = this.knowIdentity(env.sourceUuid, number);
      if (this.holdUntrusted && known.status === 'UNTRUSTED' && env.dataMessage !== undefined) {
        // Not decrypted: kept in signal-cli's message cache until the key is trusted; the client learns only who sent it.
        this.held.push({ uuid: known.uuid, item });
        const timestamp = typeof env.timestamp === 'number' ? env.timestamp : ++clock;
        return this.deliver(untrustedEnvelope(this.opts.account, { uuid: env.sourceUuid, number: number || null }, timestamp));
      }
    }
    this.deliver(item);
  }

  private deliver(item: unknown): void {
    const frame = JSON.stringify(item);
    if (this.mode !== 'json-rpc') {
      this.queue.push(frame);
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
      return;
    }
    const open = [...this.clients].filter((c) => c.readyState === WebSocket.OPEN);
    if (open.length === 0) {
      this.dropped++;
      return;
    }
    for (const c of open) c.send(frame);
  }

  /** The identity signal-cli holds for a contact (a UUID or a number), if any. */
  identity(contact: string): FakeIdentity | undefined {
    return this.identities.find((i) => i.uuid === contact || (i.number !== '' && i.number === contact));
  }

  private knowIdentity(uuid: string, number: string): FakeIdentity {
    const known = this.identity(uuid) ?? (number ? this.identity(number) : undefined);
    if (known) return known;
    const entry: FakeIdentity = {
      number,
      uuid,
      fingerprint: randomBytes(33).toString('hex'),
      safety_number: safetyNumber(),
      status: 'TRUSTED_UNVERIFIED',
      added: String(Date.now()),
    };
    this.identities.push(entry);
    return entry;
  }

  /** The contact reinstalled Signal or was taken over: a new key, untrusted until someone trusts it. */
  changeIdentity(uuid: string, number = ''): FakeIdentity {
    const entry = this.knowIdentity(uuid, number);
    entry.fingerprint = randomBytes(33).toString('hex');
    entry.safety_number = safetyNumber();
    entry.status = 'UNTRUSTED';
    entry.added = String(Date.now());
    return entry;
  }

  /** Signal demands a captcha: every send is refused until the token is submitted with a captcha. */
  demandChallenge(): string {
    this.challengeToken = randomUUID();
    return this.challengeToken;
  }

  /** Writes a raw text frame (garbage tests). */
  pushRaw(frame: string): void {
    for (const c of this.clients) if (c.readyState === WebSocket.OPEN) c.send(frame);
  }

  /** Drops every websocket connection abruptly, as a crashed container or a network cut would. */
  killSockets(): void {
    for (const c of this.clients) c.terminate();
  }

  /** Stops answering pings and sending frames without closing: a half-dead connection. */
  freeze(frozen = true): void {
    this.frozen = frozen;
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    // The server lets go of an upgraded socket: a client that resets it after a refusal (as ws does) must not throw here.
    socket.on('error', () => undefined);
    if (this.proxyPage !== null) {
      this.proxyAnswers++;
      const page = Buffer.from(this.proxyPage);
      socket.end(`HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${page.length}\r\nconnection: close\r\n\r\n${this.proxyPage}`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    if (this.mode !== 'json-rpc' || url.pathname !== `/v1/receive/${this.opts.account}`) {
      socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":"websocket: the client is not using the websocket protocol"}');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.connections++;
      if (this.closeOnOpen) return ws.close(1011, 'receive failed');
      this.clients.add(ws);
      ws.on('ping', (data) => {
        if (!this.frozen) ws.pong(data);
      });
      ws.on('close', () => this.clients.delete(ws));
      ws.on('error', () => this.clients.delete(ws));
    });
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    // The client gave up (its time-out): there is no one left to answer.
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
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
      return this.json(res, 200, { versions: ['v1', 'v2'], build: 2, mode: this.mode, version: '0.100', capabilities: { 'v2/send': ['quotes', 'mentions'] } });
    }
    // The accounts registered or linked with this signal-cli-rest-api.
    if (req.method === 'GET' && path === '/v1/accounts') return this.json(res, 200, [this.opts.account]);
    if (req.method === 'GET' && path.startsWith('/v1/receive/')) return this.receive(req, res, url);
    if (req.method === 'POST' && path === '/v2/send') return this.sendInTurn(res, raw);
    if (req.method === 'POST' && path === `/v1/accounts/${this.opts.account}/rate-limit-challenge`) return this.submitChallenge(res, raw);
    const remoteDelete = /^\/v1\/remote-delete\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && remoteDelete) return this.remoteDelete(res, decodeURIComponent(remoteDelete[1] as string), raw);
    const list = /^\/v1\/identities\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && list) {
      this.identityLists++;
      // signal-cli fails for an account it does not hold; upstream answers 500 with its text.
      if (decodeURIComponent(list[1] as string) !== this.opts.account) return this.json(res, 500, { error: this.noSuchAccount() });
      const answer = this.identityListAnswer?.() ?? 'accept';
      if (answer === 'hang') return; // answered never; stop() closes the connection
      if (answer !== 'accept') return this.json(res, answer.status, answer.body);
      return this.json(res, 200, this.identities);
    }
    const contact = /^\/v1\/contacts\/([^/]+)$/.exec(path);
    if (req.method === 'PUT' && contact) return this.updateContact(res, decodeURIComponent(contact[1] as string), raw);
    const trust = /^\/v1\/identities\/([^/]+)\/trust\/([^/]+)$/.exec(path);
    if (req.method === 'PUT' && trust) return this.trust(res, decodeURIComponent(trust[1] as string), decodeURIComponent(trust[2] as string), raw);
    this.json(res, 404, { error: 'not found' });
  }

  /** Upstream's checks (api.go RemoteDelete); signal-cli then sends the deletion. */
  private remoteDelete(res: http.ServerResponse, number: string, raw: string): void {
    let body: { recipient?: unknown; timestamp?: unknown };
    try {
      body = JSON.parse(raw);
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      return this.json(res, 400, { error: "Couldn't process request - invalid request" });
    }
    if (number !== this.opts.account) return this.json(res, 400, { error: this.noSuchAccount() });
    if (typeof body.recipient !== 'string' || body.recipient === '') return this.json(res, 400, { error: "Couldn't process request - please provide a recipient" });
    if (typeof body.timestamp !== 'number' || !Number.isSafeInteger(body.timestamp)) {
      return this.json(res, 400, { error: "Couldn't process request - invalid request" });
    }
    this.remoteDeleteRequests++;
    const answer = this.remoteDeleteAnswer?.() ?? 'accept';
    if (answer === 'hang') return; // answered never; stop() closes the connection
    if (answer !== 'accept') return this.json(res, answer.status, answer.body);
    this.remoteDeletes.push({ recipient: body.recipient, timestamp: String(body.timestamp) });
    this.json(res, 201, { timestamp: String(++clock) });
  }

  /** Upstream's checks in order (api.go SubmitRateLimitChallenge), then signal-cli's verdict. */
  private submitChallenge(res: http.ServerResponse, raw: string): void {
    let body: { challenge_token?: unknown; captcha?: unknown };
    try {
      body = JSON.parse(raw);
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      return this.json(res, 400, { error: "Couldn't process request - invalid request" });
    }
    this.challenges.push(body as { challenge_token?: string; captcha?: string });
    if (typeof body.challenge_token !== 'string' || body.challenge_token === '') return this.json(res, 400, { error: "Couldn't process request - challenge token missing" });
    if (typeof body.captcha !== 'string' || body.captcha === '') return this.json(res, 400, { error: "Couldn't process request - captcha missing" });
    if (this.challengeToken !== null && body.challenge_token !== this.challengeToken) return this.json(res, 400, { error: 'Failed to submit challenge: [428] invalid challenge token' });
    if (!/^signalcaptcha:\/\/\S+$/.test(body.captcha)) return this.json(res, 400, { error: 'Failed to submit challenge: invalid captcha' });
    this.challengeToken = null;
    res.writeHead(204);
    res.end();
  }

  /** Upstream's checks in order (api.go UpdateContact: a JSON body, a recipient), then signal-cli's updateContact. */
  private updateContact(res: http.ServerResponse, number: string, raw: string): void {
    let body: { recipient?: unknown; name?: unknown; expiration_in_seconds?: unknown };
    try {
      body = JSON.parse(raw);
      if (!body || typeof body !== 'object') throw new Error('not an object');
      // Go's binding refuses a field of the wrong type.
      if (body.expiration_in_seconds !== undefined && !Number.isInteger(body.expiration_in_seconds)) throw new Error('not an integer');
      if (body.name !== undefined && typeof body.name !== 'string') throw new Error('not a string');
    } catch {
      return this.json(res, 400, { error: "Couldn't process request - invalid request" });
    }
    if (typeof body.recipient !== 'string' || body.recipient === '') return this.json(res, 400, { error: "Couldn't process request - recipient missing" });
    if (number !== this.opts.account) return this.json(res, 400, { error: this.noSuchAccount() });
    this.contactRequests++;
    const answer = this.contactAnswer?.() ?? 'accept';
    if (answer !== 'accept') return this.json(res, answer.status, answer.body);
    const update = { recipient: body.recipient, name: body.name as string | undefined, expiration_in_seconds: body.expiration_in_seconds as number | undefined };
    this.contactUpdates.push(update);
    if (update.expiration_in_seconds !== undefined) this.expirations.set(update.recipient, update.expiration_in_seconds);
    res.writeHead(204);
    res.end();
  }

  /** Upstream's checks in order (api.go TrustIdentity), then signal-cli's trust command. */
  private trust(res: http.ServerResponse, number: string, contact: string, raw: string): void {
    const answer = this.trustAnswer?.() ?? 'accept';
    if (answer === 'reset') return void res.socket?.destroy();
    if (answer !== 'accept') return this.json(res, answer.status, answer.body);
    let body: { trust_all_known_keys?: unknown; verified_safety_number?: unknown };
    try {
      body = JSON.parse(raw);
      if (!body || typeof body !== 'object') throw new Error('not an object');
    } catch {
      return this.json(res, 400, { error: "Couldn't process request - invalid request" });
    }
    const all = body.trust_all_known_keys;
    const sn = body.verified_safety_number;
    if ((sn === undefined && all === undefined) || (sn === undefined && all !== true)) {
      return this.json(res, 400, { error: "Couldn't process request - please either provide a safety number (preferred & more secure) or set 'trust_all_known_keys' to true" });
    }
    if (sn !== undefined && all === true) {
      return this.json(res, 400, { error: "Couldn't process request - please either provide a safety number or set 'trust_all_known_keys' to true. But do not set both parameters at once!" });
    }
    if (sn !== undefined && (typeof sn !== 'string' || sn === '')) return this.json(res, 400, { error: "Couldn't process request - please provide a valid safety number" });
    if (number !== this.opts.account) return this.json(res, 400, { error: this.noSuchAccount() });
    const entry = this.identity(contact);
    if (!entry) return this.json(res, 400, { error: `Failed to set the trust for this number: unknown recipient` });
    if (typeof sn === 'string') {
      if (sn.replace(/\s/g, '') !== entry.safety_number) {
        return this.json(res, 400, { error: 'Failed to set the trust for this number, make sure the number and the safety number are correct.' });
      }
      entry.status = 'TRUSTED_VERIFIED';
      this.trusts.push({ recipient: contact, how: 'verified' });
    } else {
      entry.status = 'TRUSTED_UNVERIFIED';
      this.trusts.push({ recipient: contact, how: 'all_known_keys' });
    }
    res.writeHead(204);
    res.end();
    // signal-cli retries the messages it kept once their sender's key is trusted.
    const released = this.held.filter((h) => h.uuid === entry.uuid);
    this.held = this.held.filter((h) => h.uuid !== entry.uuid);
    for (const h of released) this.push(h.item);
  }

  /** signal-cli's refusal of an account it does not hold, as each mode words it (json-rpc: the daemon's JSON-RPC error). */
  private noSuchAccount(): string {
    return this.mode === 'json-rpc' ? 'Specified account does not exist' : 'User is not registered';
  }

  /** signal-cli's refusal of a send to a contact whose key changed, as each mode words it. */
  private untrustedAnswer(recipient: string): SignalAnswer {
    if (this.mode === 'json-rpc') return { status: 400, body: { error: 'Unable to complete request due to untrusted recipient keys' } };
    return {
      status: 400,
      body: { error: `Failed to send (some) messages:\n${recipient}: Untrusted Identity for "${recipient}"\n${clock}\nFailed to send message due to untrusted identities\n` },
    };
  }

  /** Signal's demand for a captcha, as each mode reports it. */
  private challengeAnswer(recipient: string, token: string): SignalAnswer {
    if (this.mode === 'json-rpc') {
      return {
        status: 429,
        body: {
          error: "Failed to send message due to rate limiting. Use the attached challenge tokens to lift the rate limit restrictions via the '/v1/accounts/{number}/rate-limit-challenge' endpoint.",
          challenge_tokens: [token],
          account: this.opts.account,
        },
      };
    }
    return {
      status: 400,
      body: {
        error:
          `Failed to send (some) messages:\n${recipient}: CAPTCHA proof required for sending to "${recipient}", available options "RECAPTCHA, PUSH_CHALLENGE" with challenge token "${token}", or wait "86400" seconds.\n` +
          'To get the captcha token, go to https://signalcaptchas.org/challenge/generate.html\n' +
          `${clock}\nFailed to send message due to rate limiting\n`,
      },
    };
  }

  private receive(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (this.mode === 'json-rpc') {
      // gin's websocket upgrader refuses a plain GET.
      return this.json(res, 400, { error: 'websocket: the client is not using the websocket protocol: \'upgrade\' token not found in \'Connection\' header' });
    }
    if (url.pathname !== `/v1/receive/${this.opts.account}`) return this.json(res, 400, { error: 'User is not registered' });
    const timeout = url.searchParams.get('timeout') ?? '1';
    if (!/^\d+$/.test(timeout)) return this.json(res, 400, { error: "Couldn't process request - timeout needs to be numeric!" });
    const max = url.searchParams.get('max_messages');
    if (max !== null && !/^\d+$/.test(max)) return this.json(res, 400, { error: "Couldn't process request - max_messages needs to be numeric!" });
    const answer = () => {
      this.receives++;
      // max_messages caps a batch; the rest wait for the next receive.
      const items = this.queue.splice(0, max === null || Number(max) === 0 ? this.queue.length : Number(max));
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`[${items.join(',')}]`);
    };
    if (this.queue.length > 0) return answer();
    let done = false;
    this.pollsWaiting++;
    const finish = () => {
      if (done) return;
      done = true;
      this.pollsWaiting--;
      clearTimeout(timer);
      answer();
    };
    const timer = setTimeout(finish, Math.min(Number(timeout), 5) * 1000);
    this.waiters.push(finish);
    // The client gave up (the response closed before it was written). Not req's 'close': Node
    // emits that as soon as the request has been read, which would leave the long poll unanswered.
    res.on('close', () => {
      if (!done) this.pollsWaiting--;
      done = true;
      clearTimeout(timer);
    });
  }

  /** json-rpc mode: one signal-cli daemon answers sends as they come; normal/native: one at a time, each after sendMs. */
  private sendInTurn(res: http.ServerResponse, raw: string): void {
    this.sendsOpen++;
    this.mostSendsAtOnce = Math.max(this.mostSendsAtOnce, this.sendsOpen);
    const serve = () => {
      this.sendsOpen--;
      this.send(res, raw);
    };
    if (this.mode === 'json-rpc') return serve();
    const served = () =>
      new Promise<void>((done) =>
        setTimeout(() => {
          serve();
          done();
        }, this.sendMs),
      );
    this.sendTurn = this.sendTurn.then(served);
  }

  private send(res: http.ServerResponse, raw: string): void {
    this.sendRequests++;
    let req: { number?: unknown; message?: unknown; recipients?: unknown; text_mode?: unknown };
    try {
      req = JSON.parse(raw);
    } catch {
      return this.json(res, 400, { error: "Couldn't process request - invalid request" });
    }
    if (!Array.isArray(req.recipients) || req.recipients.length === 0) {
      return this.json(res, 400, { error: "Couldn't process request - please provide at least one recipient" });
    }
    if (typeof req.number !== 'string' || req.number === '') {
      return this.json(res, 400, { error: "Couldn't process request - please provide a valid number" });
    }
    if (req.number !== this.opts.account) return this.json(res, 400, { error: this.noSuchAccount() });
    const recipient = String(req.recipients[0]);
    const written = typeof req.message === 'string' ? req.message : '';
    // Styled text loses its markers (*italic*, **bold**, ~strike~, ||spoiler||, `mono`): `message` is what the recipient reads.
    // An empty text_mode is Go's zero value, the same as none: the default applies.
    const styled = (req.text_mode || this.opts.defaultTextMode || 'normal') === 'styled';
    const message = styled ? written.replace(/\*\*|[*~`]|\|\|/g, '') : written;
    const attempt = (this.attempts.get(recipient) ?? 0) + 1;
    this.attempts.set(recipient, attempt);
    // Signal's own refusals come first: a pending challenge, then a changed key.
    const known = this.identity(recipient);
    const answer: SignalAnswer = this.challengeToken
      ? this.challengeAnswer(recipient, this.challengeToken)
      : known?.status === 'UNTRUSTED'
        ? this.untrustedAnswer(recipient)
        : (this.answer?.({ recipient, message }, attempt) ?? 'accept');
    // A first send fetches the contact's key: trusted on first use.
    if (!known && answer === 'accept') {
      if (/^[0-9a-f-]{36}$/i.test(recipient)) this.knowIdentity(recipient.toLowerCase(), '');
      else this.knowIdentity(randomUUID(), recipient);
    }
    if (answer !== 'accept') return this.json(res, answer.status, answer.body);
    const timestamp = String(++clock);
    this.sent.push({ recipient, message, timestamp });
    this.json(res, 201, this.opts.sendResponse === 'master' ? [{ timestamp }] : { timestamp });
  }
}
