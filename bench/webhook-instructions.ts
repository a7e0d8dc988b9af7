/**
 * `npm run bench:instructions`: the server's work per signed webhook (HELP,
 * AYUDA, JOIN), counted in machine instructions by Valgrind's callgrind
 * instead of timed. On a shared machine one server's throughput rounds can
 * differ threefold; the instruction count of the same work differs by a few
 * per cent, so two trees can be compared (issue 10: the webhook within 10 %
 * of the tree before). Run it in each tree and compare the figures.
 * Instructions are not time: an HMAC object per request read 12 % more
 * instructions and cost 26 % more CPU time; `npm run bench:cpu` measures
 * the time itself, and is the figure to trust where both can run.
 *
 * Needs valgrind (apt install valgrind); slow (a minute or two per text).
 * The real server runs under callgrind in bench/webhook/target.ts; after
 * WARM requests the counters are zeroed, COUNT more requests are sent, and
 * the counters are read: those of the event loop's thread, which bounds
 * throughput, and those of all threads (V8 still compiles in the background
 * long after the warm-up, about a third of all instructions). Twilio's API is a
 * loopback socket that never answers: the clean-up worker's calls (at most
 * two a second whatever the load) would otherwise be counted against
 * webhooks that arrive 50 times slower under Valgrind. Loopback only;
 * every load is bounded in count.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fmt, table, WEBHOOK_PATH } from './common';
import { postWebhooks, signedWebhooks } from './webhook/bodies';

/** BENCH_TEXTS=JOIN,HELP measures only those. */
const TEXTS = (process.env.BENCH_TEXTS ?? 'HELP,AYUDA,JOIN').split(',');
const WARM = Number(process.env.BENCH_WARM ?? 2000);
const COUNT = Number(process.env.BENCH_COUNT ?? 2000);

/** Instructions the server spent on COUNT webhooks carrying `text`: on its event loop, and in all its threads. */
async function measure(text: string, silentApi: string): Promise<{ main: number; all: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-callgrind-'));
  const out = path.join(dir, 'cg');
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--smc-check=all-non-file', '--separate-threads=yes', `--callgrind-out-file=${out}`, process.execPath, '--import', 'tsx', path.join(__dirname, 'webhook/target.ts'), 'real'],
    { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: { ...process.env, BENCH_TWILIO_API_BASE_URL: silentApi } },
  );
  try {
    const ready = await new Promise<{ url: string }>((resolve, reject) => {
      child.on('message', (m: { type?: string; url?: string; message?: string }) => (m.type === 'ready' ? resolve(m as { url: string }) : reject(new Error(m.message))));
      child.on('exit', (code) => reject(new Error(`the server under valgrind exited (${code})`)));
    });
    const pool = signedWebhooks(WEBHOOK_PATH, text, WARM + COUNT, 1);
    await postWebhooks(ready.url, pool, 0, WARM, 120);
    execFileSync('callgrind_control', ['--zero', String(child.pid)], { stdio: 'ignore' });
    await postWebhooks(ready.url, pool, WARM, COUNT, 120);
    execFileSync('callgrind_control', ['--dump', String(child.pid)], { stdio: 'ignore' });
    // One file per thread (--separate-threads): thread 1 is the event loop, which bounds throughput;
    // the others are V8's compiler and garbage collector helpers and libuv's pool, on other cores when there are some.
    const counts = fs
      .readdirSync(dir)
      .filter((f) => /^cg\.1-\d+$/.test(f))
      .map((f) => ({ main: f.endsWith('-01'), n: Number(/^(?:totals|summary): (\d+)/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1] ?? NaN) }));
    const main = counts.find((c) => c.main)?.n;
    if (main === undefined || counts.some((c) => Number.isNaN(c.n))) throw new Error('callgrind wrote no counts');
    return { main, all: counts.reduce((sum, c) => sum + c.n, 0) };
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('this benchmark needs valgrind (apt install valgrind)');
  }
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentApi = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  const rows = [['text', 'event loop', 'all threads']];
  for (const text of TEXTS) {
    const { main, all } = await measure(text, silentApi);
    rows.push([text, fmt.int(main / COUNT), fmt.int(all / COUNT)]);
    console.log(`${text}: ${fmt.int(main / COUNT)} instructions per webhook on the event loop, ${fmt.int(all / COUNT)} in all threads`);
  }
  silent.close();
  console.log(table(rows));
  console.log(`(instructions per webhook, ${fmt.int(COUNT)} after ${fmt.int(WARM)}; TWILIO_REDACT=${process.env.TWILIO_REDACT ?? 'on'}; compare with the same run in another tree, not across machines)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
