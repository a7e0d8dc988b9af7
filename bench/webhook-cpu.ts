/**
 * `npm run bench:cpu [-- OTHER_TREE …]`: the server's CPU time per signed
 * webhook (HELP and JOIN). A server kept busy serves one webhook per that
 * much CPU, so this is the throughput issue 10 asks to keep within 10 %,
 * without the load generator's share of a small machine in the figure.
 *
 * With other trees (checkouts holding this file's bench/webhook/target.ts
 * and bench/common.ts: copy them in), each round measures every tree in
 * turn, the order reversed every other round, and the medians are compared
 * with this tree's: on a shared machine the same tree drifts by a
 * tenth over minutes, so only neighbours in time are compared.
 *
 * Why not bench:instructions alone: callgrind counts instructions, and some
 * work costs time out of proportion to them. A crypto.createHmac per
 * request (OpenSSL looks its algorithm up each time) read 12 % more
 * instructions than two one-shot hashes but 26 % more CPU time per HELP.
 *
 * The server is pinned to the last core and the load to the others (taskset,
 * when there is one and more than one core). Twilio's API is a loopback socket
 * that never answers, as in bench:instructions: the clean-up worker's calls
 * (TWILIO_REDACT, on unless the environment says off) would otherwise fail
 * at once and be retried, work a real API does not cause. Loopback only;
 * every load is bounded in count.
 */
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fmt, processCpuS, spawnTs, table, WEBHOOK_PATH } from './common';
import { postWebhooks, signedWebhooks, type SignedRequest } from './webhook/bodies';

const TEXTS = (process.env.BENCH_TEXTS ?? 'HELP,JOIN').split(',');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// A long warm-up: V8 optimises in background threads for tens of thousands of requests, and they share the server's core.
const WARM = Number(process.env.BENCH_WARM ?? 50_000);
const COUNT = Number(process.env.BENCH_COUNT ?? 30_000);
const TREES = [path.resolve(__dirname, '..'), ...process.argv.slice(2).map((t) => path.resolve(t))];

/** Pins a process (all its threads) to some cores; false when taskset is missing. */
function pin(pid: number, cores: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CORES = os.cpus().length;
const SERVER_CORE = String(CORES - 1);
const pinned = CORES > 1 && pin(process.pid, CORES > 2 ? `0-${CORES - 2}` : '0');

/** CPU µs the server in `tree` spent per webhook carrying `text`, after a warm-up. */
async function measure(tree: string, pool: SignedRequest[], silentApi: string): Promise<number> {
  const child = spawnTs<{ type: string; url?: string }>(path.join(tree, 'bench/webhook/target.ts'), ['real'], { BENCH_TWILIO_API_BASE_URL: silentApi });
  try {
    const { url } = await child.next<{ type: string; url: string }>('ready', 120_000);
    const pid = child.proc.pid as number;
    if (pinned) pin(pid, SERVER_CORE);
    await postWebhooks(url, pool, 0, WARM, 30);
    const before = processCpuS(pid);
    await postWebhooks(url, pool, WARM, COUNT, 30);
    return ((processCpuS(pid) - before) * 1e6) / COUNT;
  } finally {
    await child.stop();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  if (Number.isNaN(processCpuS(process.pid))) throw new Error('this benchmark reads /proc (Linux)');
  console.log(pinned ? `server on core ${SERVER_CORE}, load on the others` : 'not pinned (no taskset or one core): figures include the load generator’s competition');
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentApi = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  const rows = [['text', 'tree', 'CPU µs per webhook (median)', 'rounds', 'this tree’s CPU as a share of it']];
  for (const text of TEXTS) {
    const pool = signedWebhooks(WEBHOOK_PATH, text, WARM + COUNT, 1);
    const figures = new Map<string, number[]>(TREES.map((t) => [t, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const tree of round % 2 ? [...TREES].reverse() : TREES) {
        const us = await measure(tree, pool, silentApi);
        figures.get(tree)?.push(us);
        console.log(`${text} round ${round + 1}: ${tree} ${us.toFixed(1)} µs`);
      }
    }
    const first = median(figures.get(TREES[0] as string) as number[]);
    for (const [tree, us] of figures) {
      rows.push([text, tree, median(us).toFixed(1), us.map((u) => u.toFixed(1)).join(' '), tree === TREES[0] ? '' : `${((100 * first) / median(us)).toFixed(1)} %`]);
    }
  }
  silent.close();
  console.log(table(rows));
  console.log(`(${fmt.int(COUNT)} webhooks after ${fmt.int(WARM)}, ${ROUNDS} rounds; TWILIO_REDACT=${process.env.TWILIO_REDACT ?? 'on'}; compare trees in one run, not across runs)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  },
);
