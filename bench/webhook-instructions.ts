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
 * loopback server that answers each call 204 (a deleted message) after 10 s:
 * the clean-up worker's calls (at most two a second whatever the load) would
 * otherwise be counted against webhooks that arrive 50 times slower under
 * Valgrind. Not never: a call the client's 15 s time-out ended was an error
 * whose stack (source-mapped) and first-run compilation, twice in a JOIN
 * run's window, read about 60,000 instructions per webhook. Loopback only;
 * every load is bounded in count.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fmt, table, WEBHOOK_PATH } from './common';
import { postWebhooks, signedWebhooks } from './webhook/bodies';

/** BENCH_TEXTS=JOIN,HELP measures only those. */
const TEXTS = (process.env.BENCH_TEXTS ?? 'HELP,AYUDA,JOIN').split(',');
const WARM = Number(process.env.BENCH_WARM ?? 2000);
const COUNT = Number(process.env.BENCH_COUNT ?? 2000);

/**
 * The instructions of the event loop's timers (their callbacks, in callgrind's inclusive count of
 * node::Environment::RunTimers): the periodic jobs (check-in timers, outbox lanes, the WAL's upkeep) and the
 * deletions of Twilio's copies, written in batches every 200 ms. The jobs' cost follows the clock, not the
 * load, and under Valgrind 50 times fewer webhooks share it. The deletions' batches grow with the webhooks
 * (about 16k instructions per HELP with TWILIO_REDACT=on, against off, in a review's runs): the column without
 * the timers leaves that work out too, so compare it with TWILIO_REDACT=off when the redaction path changes.
 */
function timersOf(file: string): number {
  const annotated = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const line = annotated.split('\n').find((l) => l.includes('node::Environment::RunTimers('));
  const count = line ? /^\s*([\d,]+)/.exec(line)?.[1] : undefined;
  // Another Node build, or a renamed symbol: a silent 0 would make the column equal the event loop's.
  if (count === undefined) throw new Error('callgrind_annotate shows no node::Environment::RunTimers: the timers cannot be set aside');
  return Number(count.replace(/,/g, ''));
}

/** Instructions the server spent on COUNT webhooks carrying `text`: on its event loop (timers aside too), and in all its threads. */
async function measure(text: string, apiUrl: string): Promise<{ main: number; timers: number; all: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-callgrind-'));
  const out = path.join(dir, 'cg');
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--smc-check=all-non-file', '--separate-threads=yes', `--callgrind-out-file=${out}`, process.execPath, '--import', 'tsx', path.join(__dirname, 'webhook/target.ts'), 'real'],
    { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: { ...process.env, BENCH_TWILIO_API_BASE_URL: apiUrl, BENCH_PATIENT_HTTP: '1' } },
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
    return { main, timers: timersOf(`${out}.1-01`), all: counts.reduce((sum, c) => sum + c.n, 0) };
  } finally {
    child.kill('SIGKILL');
    // BENCH_KEEP=1 keeps callgrind's files, for callgrind_annotate.
    if (process.env.BENCH_KEEP === '1') console.log(`${text}: callgrind's files are in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('this benchmark needs valgrind (apt install valgrind)');
  }
  const slow = http.createServer((req, res) => {
    req.resume();
    const answer = setTimeout(() => res.writeHead(204).end(), 10_000);
    res.on('close', () => clearTimeout(answer));
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(slow.address() as net.AddressInfo).port}`;
  const rows = [['text', 'event loop', 'event loop, timers aside', 'all threads']];
  for (const text of TEXTS) {
    const { main, timers, all } = await measure(text, apiUrl);
    rows.push([text, fmt.int(main / COUNT), fmt.int((main - timers) / COUNT), fmt.int(all / COUNT)]);
    console.log(`${text}: ${fmt.int(main / COUNT)} instructions per webhook on the event loop (${fmt.int((main - timers) / COUNT)} timers aside), ${fmt.int(all / COUNT)} in all threads`);
  }
  slow.closeAllConnections();
  slow.close();
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
