/**
 * One receive websocket of signal-cli-rest-api (MODE=json-rpc), from open to
 * close. A ping every `pingMs` unanswered for `pongTimeoutMs` means the
 * connection is dead: it is terminated, and closes. It counts as working only
 * once something comes over it (a frame, a ping or a pong) or it has stayed
 * open `stableMs`, so one closed as soon as it opens keeps the receiver
 * backing off. What a close leads to (reconnecting) is the
 * receiver's to decide.
 */
import WebSocket from 'ws';
import type { Logger } from '../../log/logger';

export interface SocketTuning {
  /** How often the client pings the websocket. */
  pingMs: number;
  /** A ping unanswered (and nothing else received) this long: the connection is dead. */
  pongTimeoutMs: number;
  /** A websocket open this long counts as working, even if nothing came over it yet (the first pong is `pingMs` away; a quiet line behind a proxy's idle time-out). */
  stableMs: number;
}

/** What the receiver hears of one connection. */
export interface SocketEvents {
  opened(): void;
  /** The connection carries something, or stayed open `stableMs`: the episode of failures is over. Once a connection. */
  works(): void;
  /** A text frame as received (binary frames are ignored). */
  frame(text: string): void;
  /** It closed; its timers are cleared. */
  closed(): void;
  /** A failure of this episode was already told: later ones are only debug. */
  quiet(): boolean;
}

/** Opens the websocket at `url`; returns it, and how to clear its ping timers (on stop). */
export function openReceiveSocket(
  url: string,
  maxPayload: number,
  tuning: SocketTuning,
  log: Logger,
  on: SocketEvents,
): { ws: WebSocket; clearTimers: () => void } {
  const ws = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload });
  let pingTimer: NodeJS.Timeout | null = null;
  let deadTimer: NodeJS.Timeout | null = null;
  let stableTimer: NodeJS.Timeout | null = null;
  const clearTimers = () => {
    if (pingTimer) clearInterval(pingTimer);
    if (deadTimer) clearTimeout(deadTimer);
    if (stableTimer) clearTimeout(stableTimer);
    pingTimer = deadTimer = stableTimer = null;
  };
  let proven = false;
  let openedAt = 0;
  // The episode ends when the connection carries something or stays open a while, not when it opens:
  // one that is closed at once must not reconnect every base wait forever.
  const works = () => {
    if (proven) return;
    proven = true;
    on.works();
  };
  const heard = () => {
    if (deadTimer) clearTimeout(deadTimer);
    deadTimer = null;
    works();
  };
  ws.on('open', () => {
    openedAt = Date.now();
    on.opened();
    // Not only at its close: /readyz counts a working connection as receiving, and the first pong may be 20 s away.
    stableTimer = setTimeout(() => {
      stableTimer = null;
      if (ws.readyState === WebSocket.OPEN) works();
    }, tuning.stableMs);
    pingTimer = setInterval(() => {
      if (deadTimer || ws.readyState !== WebSocket.OPEN) return;
      ws.ping();
      deadTimer = setTimeout(() => {
        log.warn('Signal websocket stopped answering pings; reconnecting');
        ws.terminate();
      }, tuning.pongTimeoutMs);
    }, tuning.pingMs);
  });
  ws.on('pong', heard);
  ws.on('ping', heard);
  ws.on('message', (data, isBinary) => {
    heard();
    if (isBinary) return;
    on.frame(data.toString('utf8'));
  });
  ws.on('unexpected-response', (_req, res) => {
    // A plain HTTP answer: signal-cli-rest-api is not in json-rpc mode (or the number is wrong). Said once per episode.
    log[on.quiet() ? 'debug' : 'error'](
      { status: res.statusCode },
      'signal-cli-rest-api refused the receive websocket: is it running with MODE=json-rpc (or set SIGNAL_RECEIVE_MODE=poll), and is SIGNAL_NUMBER registered?',
    );
    res.resume();
    ws.terminate();
  });
  ws.on('error', (err) => {
    log[on.quiet() ? 'debug' : 'warn']({ code: (err as { code?: string }).code }, 'Signal websocket error');
  });
  ws.on('close', () => {
    clearTimers();
    if (openedAt > 0 && Date.now() - openedAt >= tuning.stableMs) works();
    on.closed();
  });
  return { ws, clearTimers };
}
