/**
 * A client cut off by the header or request time-out that never reads the
 * 408 nor closes its side (a raw socket can) no longer keeps its connection:
 * the server answered with end() and waited for the client's close, so
 * such sockets, opened once, held the server's connections for good with
 * no reconnecting at all. Real sockets on loopback.
 */
import type net from 'node:net';
import { startHarness, waitFor, type Harness } from '../helpers/harness';
import { exchange, halfRequest, statusOf } from './loopback-clients';

const HEALTHZ = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

describe('a timed-out client that never reads nor closes', () => {
  let h: Harness;
  const held: net.Socket[] = [];
  beforeAll(async () => {
    // No cap per address: the server-wide cap of 4 is what these sockets fill.
    h = await startHarness({ env: { CONNECTIONS_PER_ADDRESS: 'off' }, http: { maxConnections: 4, headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 100 } });
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await h.close();
  });

  it('loses its connections once cut off, so the server answers others again', async () => {
    for (let i = 0; i < 4; i++) held.push(await halfRequest(h.url, '127.0.0.2', false));
    // The four are cut off after 300 ms; until then a request from elsewhere may be dropped.
    await waitFor(async () => statusOf((await exchange(h.url, '127.0.0.3', HEALTHZ, 5_000)).answer) === 200, 10_000, '/healthz once the four are cut off');
    // The 408 each was sent is still there to read.
    const answers = await Promise.all(held.map((s) => new Promise<string>((resolve) => {
      let answer = '';
      s.on('data', (c: Buffer) => (answer += c.toString('latin1')));
      s.on('end', () => resolve(answer));
      s.resume();
    })));
    expect(answers.map(statusOf)).toEqual([408, 408, 408, 408]);
  });
});
