/**
 * Webhook throughput (issue 2, item 12): signed HELP and signed JOIN through
 * the real server against the floor of a bare Fastify route parsing the same
 * form body, at the same fixed concurrency, in one run on one machine.
 *
 * Each server runs in its own child process; autocannon runs in this
 * process, so the load generator never shares an event loop with the server
 * it measures, and it is placed the same way for all three targets.
 */
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { CpuMeter, fmt, spawnTs, table, WEBHOOK_PATH, type Child } from '../common';
import { signedWebhooks, type SignedRequest } from './bodies';

export interface LoadFigures {
  name: string;
  requests: number;
  seconds: number;
  reqPerSec: number;
  /** req/s of each round, to show the spread. */
  rounds: number[];
  /** Latencies of 2xx answers, ms, from autocannon's per-response timings (sub-millisecond precision). */
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Throughput relative to the bare route. */
  ratio: number;
  /** Whether the request pool ran out and was reused (later requests were then duplicates). */
  wrapped: boolean;
  /** CPU used while measured, in cores: the server, the load generator, and everything else on the machine. */
  cpu: { server: number; generator: number; other: number };
  counts?: Record<string, number>;
  serverPeakRssMb: number;
}

export interface WebhookSettings {
  connections: number;
  pipelining: number;
  /** Measured seconds per target, split into `rounds` interleaved runs. */
  durationS: number;
  rounds: number;
  warmupS: number;
  poolSize: number;
}

export const WEBHOOK_SETTINGS: WebhookSettings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  pipelining: 1,
  durationS: Number(process.env.BENCH_DURATION_S ?? 8),
  rounds: Number(process.env.BENCH_ROUNDS ?? 4),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 2),
  poolSize: Number(process.env.BENCH_POOL ?? 50_000),
};

const TARGET = path.join(__dirname, 'target.ts');

type TargetMsg = { type: 'ready'; url: string } | { type: 'stopped'; counts: Record<string, number>; peakRssMb: number } | { type: 'error'; message: string };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Feeds pool entries in order across all connections (each request once, until the pool wraps). */
class Feeder {
  next = 0;
  wrapped = false;
  constructor(private readonly pool: SignedRequest[]) {}
  take(): SignedRequest {
    if (this.next >= this.pool.length) {
      this.next = 0;
      this.wrapped = true;
    }
    return this.pool[this.next++] as SignedRequest;
  }
}

interface Target {
  name: string;
  child: Child<TargetMsg>;
  url: string;
  feeder: Feeder;
  /** The bare route may reuse its pool: it does the same work for a repeated body. */
  mayWrap: boolean;
  latencies: Float64Array;
  recorded: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  rounds: number[];
  cpu: { server: number; generator: number; other: number };
}

async function load(t: Target, s: WebhookSettings, durationS: number, record: boolean) {
  const instance = autocannon({
    url: t.url,
    connections: s.connections,
    pipelining: s.pipelining,
    duration: durationS,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: WEBHOOK_PATH,
        setupRequest: (req) => {
          const r = t.feeder.take();
          req.headers = r.headers;
          req.body = r.body;
          return req;
        },
      },
    ],
  });
  if (record) {
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300 && t.recorded < t.latencies.length) t.latencies[t.recorded++] = ms;
    });
  }
  return instance;
}

async function measureRound(t: Target, s: WebhookSettings, durationS: number): Promise<void> {
  const meter = new CpuMeter([t.child.proc.pid as number]);
  meter.begin();
  const result = await load(t, s, durationS, true);
  const cpu = meter.end();
  t.ok += result['2xx'];
  t.non2xx += result.non2xx;
  t.errors += result.errors + result.timeouts;
  t.seconds += result.duration;
  t.rounds.push(result['2xx'] / result.duration);
  const w = result.duration;
  t.cpu.server += (cpu.pids[0] ?? NaN) * w;
  t.cpu.generator += cpu.self * w;
  t.cpu.other += cpu.other * w;
}

async function startTarget(name: string, kind: 'bare' | 'real', pool: SignedRequest[]): Promise<Target> {
  const child = spawnTs<TargetMsg>(TARGET, [kind]);
  const { url } = await child.next<{ type: 'ready'; url: string }>('ready', 60_000);
  return {
    name, child, url, feeder: new Feeder(pool), mayWrap: kind === 'bare', latencies: new Float64Array(pool.length * 2), recorded: 0,
    ok: 0, non2xx: 0, errors: 0, seconds: 0, rounds: [], cpu: { server: 0, generator: 0, other: 0 },
  };
}

/**
 * Runs the targets and prints their figures. The servers all stay up;
 * the measured time of each is split into rounds taken in turn (bare, HELP,
 * JOIN, AYUDA, bare, …) so that a passing load on the machine weighs on all.
 */
export async function runWebhookBench(s: WebhookSettings = WEBHOOK_SETTINGS): Promise<LoadFigures[]> {
  const roundS = s.durationS / s.rounds;
  console.log('\n== webhook: signed HELP and JOIN vs a bare Fastify form route ==');
  console.log(
    `load generator: autocannon in the parent process; each server in its own child process (node + tsx). ` +
      `${s.connections} keep-alive connections, pipelining ${s.pipelining}; ${s.warmupS} s warm-up each, then ${s.rounds} interleaved rounds of ${roundS} s each ` +
      `(${s.durationS} s measured per target). Real server: createServer, NODE_ENV=production, LOG_LEVEL=info (pino to /dev/null), ` +
      `signatures checked, default per-sender limits; every request has its own MessageSid and From number.`,
  );
  let t0 = Date.now();
  const helpPool = signedWebhooks(WEBHOOK_PATH, 'HELP', s.poolSize, 0);
  const joinPool = signedWebhooks(WEBHOOK_PATH, 'JOIN', s.poolSize, 0);
  // AYUDA is HELP in Spanish: Twilio does not answer it, so the server does the
  // whole path (transaction, reply, TwiML). Shown for comparison; no target.
  const ayudaPool = signedWebhooks(WEBHOOK_PATH, 'AYUDA', s.poolSize, 0);
  console.log(`signed ${fmt.int(3 * s.poolSize)} webhooks in ${fmt.s(Date.now() - t0)}`);

  t0 = Date.now();
  const targets: Target[] = [];
  try {
    targets.push(await startTarget('bare route', 'bare', helpPool));
    targets.push(await startTarget('HELP', 'real', helpPool));
    targets.push(await startTarget('JOIN', 'real', joinPool));
    targets.push(await startTarget('AYUDA', 'real', ayudaPool));
    for (const t of targets) await load(t, s, s.warmupS, false);
    for (let r = 0; r < s.rounds; r++) for (const t of targets) await measureRound(t, s, roundS);
    const stopped: Array<{ counts: Record<string, number>; peakRssMb: number }> = [];
    for (const t of targets) {
      t.child.send({ type: 'stop' });
      stopped.push(await t.child.next<{ type: 'stopped'; counts: Record<string, number>; peakRssMb: number }>('stopped', 30_000));
    }
    const bareRate = (targets[0] as Target).ok / (targets[0] as Target).seconds;
    const all: LoadFigures[] = targets.map((t, i) => {
      const sorted = t.latencies.subarray(0, t.recorded).sort();
      const reqPerSec = t.ok / t.seconds;
      const st = stopped[i] as { counts: Record<string, number>; peakRssMb: number };
      return {
        name: t.name,
        requests: t.ok + t.non2xx,
        seconds: t.seconds,
        reqPerSec,
        rounds: t.rounds,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        non2xx: t.non2xx,
        errors: t.errors,
        ratio: reqPerSec / bareRate,
        wrapped: t.feeder.wrapped && !t.mayWrap,
        cpu: { server: t.cpu.server / t.seconds, generator: t.cpu.generator / t.seconds, other: t.cpu.other / t.seconds },
        counts: Object.keys(st.counts).length ? st.counts : undefined,
        serverPeakRssMb: st.peakRssMb,
      };
    });
    console.log(
      table([
        ['target', 'requests', 'req/s', 'p50', 'p99', 'non-2xx', 'errors', 'vs bare', 'rounds (req/s)', 'CPU server/generator/other', 'server peak RSS'],
        ...all.map((f) => [
          f.name, fmt.int(f.requests), fmt.int(f.reqPerSec), fmt.ms(f.p50), fmt.ms(f.p99), String(f.non2xx), String(f.errors), fmt.pct(f.ratio),
          f.rounds.map(fmt.int).join(' '),
          `${f.cpu.server.toFixed(2)}/${f.cpu.generator.toFixed(2)}/${f.cpu.other.toFixed(2)}`,
          fmt.mb(f.serverPeakRssMb),
        ]),
      ]),
    );
    console.log(`CPU in cores (this machine has ${os.cpus().length}); "other" is every other process on the machine during the run.`);
    for (const f of all) {
      if (f.wrapped) console.log(`note: ${f.name} used up its pool of ${fmt.int(s.poolSize)} requests and reused it: later requests were duplicates (raise BENCH_POOL)`);
      if (f.counts) console.log(`${f.name}: database after the run (warm-up included): ${Object.entries(f.counts).map(([k, v]) => `${k} ${fmt.int(v)}`).join(', ')}`);
    }
    console.log(`(webhook section took ${fmt.s(Date.now() - t0)})`);
    return all;
  } finally {
    for (const t of targets) await t.child.stop();
  }
}

if (require.main === module) {
  runWebhookBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
