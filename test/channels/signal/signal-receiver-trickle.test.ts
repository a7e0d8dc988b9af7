/**
 * Polling through something that answers a receive a byte at a time (a
 * proxy trickling a stalled upstream): axios's `timeout` only bounds an idle
 * socket, so a receive that never stops trickling stalled receiving for good,
 * every Signal member unanswered. A receive is bounded in total, a little
 * longer than signal-cli's own wait, then retried.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignalReceiver } from '../../../src/channels/signal/signal-receiver';
import { createLogger } from '../../../src/log/logger';
import { textEnvelope } from '../../fakes/fake-signal';
import { waitFor } from '../../helpers/wait-for';

const ACCOUNT = '+15005550199';
const MEMBER = { uuid: '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e23', number: null };
/** How long the trickled answer lasts at most (the test's own bound: it ends, whatever the receiver does). */
const TRICKLE_MS = 12_000;

describe('a receive answered a byte every 200 ms, never done', () => {
  let server: http.Server;
  let url = '';
  let receives = 0;
  const timers = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      receives++;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      if (receives > 1) return res.end(JSON.stringify([textEnvelope(ACCOUNT, MEMBER, 'OK')]));
      // The first receive: an empty batch, one space at a time.
      res.write('[');
      const started = Date.now();
      const tick = setInterval(() => {
        if (Date.now() - started < TRICKLE_MS && !res.destroyed) return void res.write(' ');
        clearInterval(tick);
        timers.delete(tick);
        res.end(']');
      }, 200);
      timers.add(tick);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const t of timers) clearInterval(t);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('is cut at its bound and the next receive brings the waiting message', async () => {
    const items: unknown[] = [];
    const receiver = new SignalReceiver({
      apiUrl: url,
      number: ACCOUNT,
      mode: 'poll',
      log: createLogger('silent', { write: () => undefined }),
      onItem: (item) => void items.push(item),
      // A receive may take its 1 s wait and 0.5 s more: cut at 1.5 s, well before the trickle would end.
      tuning: { pollMs: 20, pollTimeoutS: 1, receiveStartMs: 500, reconnectBaseMs: 20, reconnectMaxMs: 100 },
    });
    receiver.start();
    try {
      await waitFor(() => items.length === 1, 6_000, 'the message behind the trickled receive');
      expect(receives).toBe(2);
    } finally {
      await receiver.stop();
    }
  }, 20_000);
});
