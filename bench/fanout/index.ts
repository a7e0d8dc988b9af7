/**
 * Fan-out (issue 3, item 9): plan an alert to 100,000 and to 1,000,000
 * members of one area, printing the time to write the outbox and the peak
 * RSS; then dispatch the 100,000 to a fake provider with no latency and no
 * rate limit, against raw SDK sends from the same client to the same fake.
 *
 * Every step runs in its own child process: seeding, each planning (so its
 * peak RSS is its own), the fake provider, and the client doing the raw and
 * dispatched sends.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fmt, removeDir, spawnTs, table, tempDir } from '../common';

export interface FanoutSettings {
  sizes: number[];
  /** Which planned database is dispatched (its size is the number of messages). */
  dispatchSize: number;
  concurrency: number;
  batchSize: number;
  /** Raw and dispatcher runs alternate in this many rounds. */
  rounds: number;
  /** Raw sends measured (a rate needs fewer than the dispatcher's 100,000; keeps the run within minutes). */
  rawCount: number;
}

export const FANOUT_SETTINGS: FanoutSettings = {
  sizes: (process.env.BENCH_FANOUT_SIZES ?? '100000,1000000').split(',').map(Number),
  dispatchSize: Number(process.env.BENCH_DISPATCH_SIZE ?? 100_000),
  concurrency: Number(process.env.BENCH_DISPATCH_CONCURRENCY ?? 32),
  batchSize: Number(process.env.BENCH_DISPATCH_BATCH ?? 1_000),
  rounds: Number(process.env.BENCH_DISPATCH_ROUNDS ?? 4),
  rawCount: Number(process.env.BENCH_RAW_COUNT ?? 50_000),
};

export interface PlanFigures {
  size: number;
  written: number;
  ms: number;
  ranges: number;
  peakRssMb: number;
  startRssMb: number;
  seedMs: number;
  /** The longest the planning process's event loop was held at once (about the longest range). */
  longestBlockMs: number;
}

export interface FanoutFigures {
  plans: PlanFigures[];
  dispatch: { messages: number; ms: number; perSec: number; sent: number; failed: number; rawPerSec: number; rawMessages: number; rawFailed: number; ratio: number; peakRssMb: number; cpu: Cpu; rawCpu: Cpu };
  settings: FanoutSettings;
}

type Msg = { type: string; [k: string]: unknown };
type Cpu = { client: number; fake: number; other: number };
const cpuText = (c: Cpu) => `${c.client.toFixed(2)}/${c.fake.toFixed(2)}/${c.other.toFixed(2)}`;

const here = (f: string) => path.join(__dirname, f);

export async function runFanoutBench(s: FanoutSettings = FANOUT_SETTINGS): Promise<FanoutFigures> {
  console.log('\n== fan-out: planning and dispatch ==');
  const dir = tempDir('fanout');
  const fake = spawnTs<Msg>(here('fake-provider.ts'));
  try {
    // Seeding: not what is measured, but printed.
    const seedSizes = [...new Set([...s.sizes, s.dispatchSize])].sort((a, b) => a - b);
    console.log(`seeding ${seedSizes.map(fmt.int).join(' and ')} members of one area through the store (ensureMember + subscribe, batches of 10,000 per transaction)...`);
    const seeder = spawnTs<Msg>(here('seed.ts'), [dir, seedSizes.join(',')]);
    const seedMs = new Map<number, number>();
    for (const size of seedSizes) {
      const m = await seeder.next<Msg & { ms: number; peakRssMb: number }>('seeded', 600_000);
      seedMs.set(size, m.ms);
      console.log(`  ${fmt.int(size)} members written in ${fmt.s(m.ms)} (${fmt.int(size / (m.ms / 1000))} members/s, seeder peak RSS ${fmt.mb(m.peakRssMb)})`);
    }
    await seeder.next('done', 60_000);
    // Let the kernel write back the seeder's hundreds of megabytes first, so the
    // planning figures are not also paying for the previous phase's disk writes.
    execFileSync('sync');

    const plans: PlanFigures[] = [];
    for (const size of s.sizes) {
      const planner = spawnTs<Msg>(here('plan.ts'), [path.join(dir, `members-${size}.db`)]);
      const m = await planner.next<Msg & { ms: number; written: number; ranges: number; longestBlockMs: number; before: { rss: number; peak: number }; after: { rss: number; peak: number } }>('planned', 300_000);
      plans.push({ size, written: m.written, ms: m.ms, ranges: m.ranges, peakRssMb: m.after.peak, startRssMb: m.before.rss, seedMs: seedMs.get(size) ?? NaN, longestBlockMs: m.longestBlockMs });
    }
    console.log(
      table([
        ['members', 'outbox rows', 'plan time', 'ranges', 'longest loop block', 'peak RSS', 'RSS before planning'],
        ...plans.map((p) => [fmt.int(p.size), fmt.int(p.written), fmt.s(p.ms), String(p.ranges), fmt.ms(p.longestBlockMs), fmt.mb(p.peakRssMb), fmt.mb(p.startRssMb)]),
      ]),
    );
    console.log('(a fresh process per size: createAlert, then FanoutPlanner over planNextRange until the last range commits; peak RSS is the process maxRSS)');

    // Dispatch the alert planned for dispatchSize members.
    const { url } = await fake.next<Msg & { url: string }>('ready', 60_000);
    const dbFile = path.join(dir, `members-${s.dispatchSize}.db`);
    if (!s.sizes.includes(s.dispatchSize)) {
      const planner = spawnTs<Msg>(here('plan.ts'), [dbFile]);
      await planner.next('planned', 300_000);
    }
    const client = spawnTs<Msg>(here('dispatch.ts'), [dbFile, url, String(s.concurrency), String(s.batchSize), String(s.rawCount), String(fake.proc.pid), String(s.rounds)]);
    const raw = await client.next<Msg & { ms: number; sent: number; failed: number; cpu: Cpu }>('raw', 600_000);
    const d = await client.next<Msg & { ms: number; pending: number; counts: Record<string, number>; peakRssMb: number; cpu: Cpu }>('dispatched', 600_000);
    fake.send({ type: 'stop' });
    const fakeStats = await fake.next<Msg & { accepted: number; refused: number }>('stopped', 30_000);
    const rawPerSec = raw.sent / (raw.ms / 1000);
    const perSec = (d.counts.sent ?? 0) / (d.ms / 1000);
    const dispatch = {
      messages: d.pending, ms: d.ms, perSec, sent: d.counts.sent ?? 0, failed: d.counts.failed ?? 0,
      rawPerSec, rawMessages: raw.sent, rawFailed: raw.failed, ratio: perSec / rawPerSec, peakRssMb: d.peakRssMb, cpu: d.cpu, rawCpu: raw.cpu,
    };
    console.log(
      `dispatch: the client (raw loop, then Dispatcher) in one child process, the fake provider in another; concurrency ${s.concurrency} for both; ` +
        `Dispatcher with batchSize ${s.batchSize}, sendRate Infinity, other options default, real Metrics as observer; ` +
        `raw = TwilioSender.send (the SDK's messages.create) to distinct numbers, same body; ${fmt.int(2000)} warm-up sends, then ${s.rounds} alternating rounds ` +
        `(raw ${fmt.int(s.rawCount / s.rounds)}, dispatcher ${fmt.int(s.dispatchSize / s.rounds)}, …), each dispatcher round a fresh Dispatcher stopped once its share is sent.`,
    );
    console.log(
      table([
        ['client', 'messages', 'time', 'msg/s', 'failed', 'vs raw', 'CPU client/fake/other'],
        ['raw SDK POSTs', fmt.int(raw.sent), fmt.s(raw.ms), fmt.int(rawPerSec), String(raw.failed), '100%', cpuText(raw.cpu)],
        ['Dispatcher', fmt.int(dispatch.sent), fmt.s(d.ms), fmt.int(perSec), String(dispatch.failed), fmt.pct(dispatch.ratio), cpuText(d.cpu)],
      ]),
    );
    console.log(`fake provider accepted ${fmt.int(fakeStats.accepted)} and refused ${fmt.int(fakeStats.refused)}; outbox after: ${Object.entries(d.counts).map(([k, v]) => `${k} ${fmt.int(v)}`).join(', ')}; client peak RSS ${fmt.mb(d.peakRssMb)}`);
    return { plans, dispatch, settings: s };
  } finally {
    await fake.stop();
    removeDir(dir);
  }
}

if (require.main === module) {
  runFanoutBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
