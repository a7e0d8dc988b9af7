/**
 * `npm run bench:identities`: what one Signal moderator's message costs when
 * signal-cli holds many contacts (every account that ever wrote adds one): the
 * identity check's time and the longest the event loop was held at once.
 * A loopback server answers GET /v1/identities/{number} as upstream does.
 * Figures only. `-- <module>` benches another build of signal-identities.ts.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { table } from './common';

const SIZES = [20_000, 50_000, 105_000];
const CHECKS = 5;
const uuid = (n: number) => `7a6b5c4d-3e2f-4a1b-9c8d-${String(n).padStart(12, '0')}`;

async function main(): Promise<void> {
  const module = process.argv[2] ? path.resolve(process.argv[2]) : '../src/channels/signal/signal-identities';
  const { SignalIdentities } = (await import(module)) as typeof import('../src/channels/signal/signal-identities');
  const rows = [['contacts', 'list MB', 'check ms', 'loop held ms']];
  for (const n of SIZES) {
    const list = Array.from({ length: n }, (_, i) => ({
      number: `+1415${String(2_000_000 + i)}`, uuid: uuid(i), fingerprint: '05 ' + 'ab '.repeat(32).trim(),
      safety_number: '12345 '.repeat(12).trim(), status: 'TRUSTED_UNVERIFIED', added: String(1_733_000_000_000 + i),
    }));
    // Bytes ready before the clock starts: the loop held is the client's, not this server's.
    const body = Buffer.from(JSON.stringify(list));
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ids = new SignalIdentities(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, '+15005550199');
    let held = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const t = performance.now();
      held = Math.max(held, t - last - 5);
      last = t;
    }, 5);
    const start = performance.now();
    let failed = '';
    for (let k = 0; k < CHECKS && !failed; k++) await ids.of(uuid(n - 1)).catch((err: Error) => (failed = err.message));
    clearInterval(tick);
    rows.push([n.toLocaleString('en-US'), (body.length / 1e6).toFixed(1), failed ? `failed: ${failed}` : ((performance.now() - start) / CHECKS).toFixed(0), held.toFixed(0)]);
    server.close();
  }
  console.log(table(rows));
}

void main();
