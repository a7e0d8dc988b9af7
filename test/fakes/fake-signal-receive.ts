/**
 * The receiving side of the fake signal-cli-rest-api, GET /v1/receive/{number}:
 * in json-rpc mode a websocket, one {"envelope","account"} per frame, a plain
 * GET refused with 400, and what arrives while no client is connected is
 * dropped; in normal/native mode a JSON array served as text/plain, waiting
 * up to `timeout` seconds (at most 5 here) for messages, `max_messages` at
 * most, in the account's turn (fake-signal-lock.ts): a receive whose client
 * gave up before its turn still takes what waits, and no one reads it; what
 * signal-cli writes to stderr meanwhile (receiveStderr) is joined into the
 * answer as upstream does. Tests may kill or freeze the websocket.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { writeJson, type FakeSignalMode } from './fake-signal-errors';
import type { AccountLock } from './fake-signal-lock';

/** What the receiving side reads and counts: the FakeSignal's own fields, as tests read and set them. */
export interface ReceiveState {
  readonly mode: FakeSignalMode;
  readonly account: string;
  connections: number;
  dropped: number;
  receives: number;
  pollsWaiting: number;
  closeOnOpen: boolean;
  proxyPage: string | null;
  proxyAnswers: number;
  receiveStderr: string[];
}

export class SignalReceiver {
  // Pongs are answered by hand, so a test can freeze the connection.
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly clients = new Set<WebSocket>();
  /** Frames waiting for a poll (normal/native mode). */
  private readonly queue: string[] = [];
  private waiters: Array<() => void> = [];
  private frozen = false;

  constructor(
    private readonly state: ReceiveState,
    private readonly lock: AccountLock,
  ) {}

  /** Websocket clients connected now. */
  get connected(): number {
    return this.open().length;
  }

  /** Messages waiting at Signal for a poll (normal/native mode). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Hands one message to the websocket clients (dropped without one), or queues it for a poll. */
  deliver(item: unknown): void {
    const frame = JSON.stringify(item);
    if (this.state.mode !== 'json-rpc') {
      this.queue.push(frame);
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
      return;
    }
    const open = this.open();
    if (open.length === 0) {
      this.state.dropped++;
      return;
    }
    for (const c of open) c.send(frame);
  }

  /** Queues a line for a poll as is (normal/native mode): what signal-cli printed in place of an envelope it could not print (#680). */
  queueLine(line: string): void {
    this.queue.push(line);
  }

  /** Writes a raw text frame (garbage tests). */
  pushRaw(frame: string): void {
    for (const c of this.open()) c.send(frame);
  }

  /** Drops every websocket connection abruptly. */
  killSockets(): void {
    for (const c of this.clients) c.terminate();
  }

  /** Stops answering pings and sending frames without closing: a half-dead connection. */
  freeze(frozen: boolean): void {
    this.frozen = frozen;
  }

  /** Drops the websockets and answers the polls waiting (the server is stopping). */
  close(): void {
    for (const ws of this.clients) ws.terminate();
    for (const w of this.waiters) w();
  }

  /** A websocket upgrade: accepted on the account's receive path in json-rpc mode, refused otherwise. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    // The server lets go of an upgraded socket: a client that resets it after a refusal (as ws does) must not throw here.
    socket.on('error', () => undefined);
    if (this.state.proxyPage !== null) {
      this.state.proxyAnswers++;
      const page = Buffer.from(this.state.proxyPage);
      socket.end(`HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${page.length}\r\nconnection: close\r\n\r\n${this.state.proxyPage}`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    if (this.state.mode !== 'json-rpc' || url.pathname !== `/v1/receive/${this.state.account}`) {
      socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":"websocket: the client is not using the websocket protocol"}');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.state.connections++;
      if (this.state.closeOnOpen) return ws.close(1011, 'receive failed');
      this.clients.add(ws);
      ws.on('ping', (data) => {
        if (!this.frozen) ws.pong(data);
      });
      ws.on('close', () => this.clients.delete(ws));
      ws.on('error', () => this.clients.delete(ws));
    });
  }

  /** A plain GET of the receive path: refused in json-rpc mode, a long poll otherwise. */
  poll(res: http.ServerResponse, url: URL): void {
    if (this.state.mode === 'json-rpc') {
      // gin's websocket upgrader refuses a plain GET.
      return writeJson(res, 400, { error: 'websocket: the client is not using the websocket protocol: \'upgrade\' token not found in \'Connection\' header' });
    }
    if (url.pathname !== `/v1/receive/${this.state.account}`) return writeJson(res, 400, { error: 'User is not registered' });
    const timeout = url.searchParams.get('timeout') ?? '1';
    if (!/^\d+$/.test(timeout)) return writeJson(res, 400, { error: "Couldn't process request - timeout needs to be numeric!" });
    const max = url.searchParams.get('max_messages');
    if (max !== null && !/^\d+$/.test(max)) return writeJson(res, 400, { error: "Couldn't process request - max_messages needs to be numeric!" });
    this.lock.take(res, () => this.receive(res, Number(timeout), max === null ? 0 : Number(max)));
  }

  /** One receive in its turn: resolves once answered, or once its client gave up while it waited for messages. */
  private receive(res: http.ServerResponse, timeoutS: number, max: number): Promise<void> {
    return new Promise<void>((ended) => {
      const answer = () => {
        this.state.receives++;
        // max_messages caps a batch; the rest wait for the next receive.
        const items = this.queue.splice(0, max === 0 ? this.queue.length : max);
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        // Upstream joins every line signal-cli printed, stdout's then stderr's, with ',' (client.go Receive): not JSON once stderr has any.
        res.end(`[${[...items, ...this.state.receiveStderr].join(',')}]`);
        ended();
      };
      if (this.queue.length > 0) return answer();
      let done = false;
      this.state.pollsWaiting++;
      const finish = () => {
        if (done) return;
        done = true;
        this.state.pollsWaiting--;
        clearTimeout(timer);
        answer();
      };
      const timer = setTimeout(finish, Math.min(timeoutS, 5) * 1000);
      this.waiters.push(finish);
      // The client gave up (the response closed before it was written). Not req's 'close': Node
      // emits that as soon as the request has been read, which would leave the long poll unanswered.
      res.on('close', () => {
        if (!done) this.state.pollsWaiting--;
        done = true;
        clearTimeout(timer);
        ended();
      });
    });
  }

  private open(): WebSocket[] {
    return [...this.clients].filter((c) => c.readyState === WebSocket.OPEN);
  }
}
