/**
 * Stopping while a poll is in flight that signal-cli
 * answers slowly. In normal mode each receive starts a JVM (docs/signal.md:
 * "seconds"); the receiver allows a receive pollTimeoutS + 30 s, and
 * stop() waits that long too: signal-cli finishes that receive and has taken
 * its messages from Signal, so a graceful stop (a deploy) must handle them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignalReceiver } from '../../../src/channels/signal/signal-receiver';
import { createLogger } from '../../../src/log/logger';
import { textEnvelope } from '../../fakes/fake-signal';
import { waitFor } from '../../helpers/wait-for';

const ACCOUNT = '+15005550199';
const MEMBER = { uuid: '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e22', number: null };

describe('stopping while a slow receive (normal mode: a JVM starts) is in flight', () => {
  let server: http.Server;
  let url = '';
  let receives = 0;

  beforeAll(async () => {
    // signal-cli-rest-api in normal mode: this receive takes 7 s (JVM start, then the 1 s timeout), and brings one message.
    server = http.createServer((req, res) => {
      receives++;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(JSON.stringify([textEnvelope(ACCOUNT, MEMBER, 'STOP')]));
      }, 7_000);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('handles what that receive brings before it stops', async () => {
    const items: unknown[] = [];
    const receiver = new SignalReceiver({
      apiUrl: url,
      number: ACCOUNT,
      mode: 'poll',
      log: createLogger('silent', { write: () => undefined }),
      onItem: (item) => void items.push(item),
      tuning: { pollMs: 20, pollTimeoutS: 1 },
    });
    receiver.start();
    await waitFor(() => receives === 1, 5_000, 'a receive in flight');
    await receiver.stop();
    expect(items).toHaveLength(1);
  }, 20_000);
});
