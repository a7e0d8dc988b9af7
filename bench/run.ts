/**
 * `npm run bench`: the webhook and fan-out benchmarks, then a summary with
 * each ratio and whether its target was met. Figures only: nothing here
 * fails on a timing. Loopback only; every loop is bounded.
 * `npm run bench -- webhook` or `-- fanout` runs one of them.
 */
import os from 'node:os';
import { fmt, table } from './common';
import { runFanoutBench, type FanoutFigures } from './fanout';
import { runWebhookBench, type LoadFigures } from './webhook';

/** The targets of issue 2 item 12 and issue 3 item 9. */
export const TARGETS = {
  helpVsBare: 0.7,
  joinVsBare: 0.2,
  plan1MMs: 3_000,
  plan1MRssMb: 200,
  dispatchVsRaw: 0.7,
};

const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');

function summary(webhook: LoadFigures[] | null, fanout: FanoutFigures | null): void {
  const rows: string[][] = [['target', 'measured', 'goal', '']];
  if (webhook) {
    const [bare, help, join, ayuda] = webhook as [LoadFigures, LoadFigures, LoadFigures, LoadFigures | undefined];
    rows.push(['bare form route (floor)', `${fmt.int(bare.reqPerSec)} req/s, p50 ${fmt.ms(bare.p50)}, p99 ${fmt.ms(bare.p99)}`, '', '']);
    rows.push(['HELP vs bare', `${fmt.pct(help.ratio)} (${fmt.int(help.reqPerSec)} req/s, p50 ${fmt.ms(help.p50)}, p99 ${fmt.ms(help.p99)})`, `>= ${fmt.pct(TARGETS.helpVsBare)}`, mark(help.ratio >= TARGETS.helpVsBare)]);
    rows.push(['JOIN vs bare', `${fmt.pct(join.ratio)} (${fmt.int(join.reqPerSec)} req/s, p50 ${fmt.ms(join.p50)}, p99 ${fmt.ms(join.p99)})`, `>= ${fmt.pct(TARGETS.joinVsBare)}`, mark(join.ratio >= TARGETS.joinVsBare)]);
    if (ayuda) rows.push(['AYUDA vs bare (we answer)', `${fmt.pct(ayuda.ratio)} (${fmt.int(ayuda.reqPerSec)} req/s, p50 ${fmt.ms(ayuda.p50)}, p99 ${fmt.ms(ayuda.p99)})`, '', '']);
  }
  if (fanout) {
    for (const p of fanout.plans) {
      const big = p.size >= 1_000_000;
      rows.push([
        `plan ${fmt.int(p.size)}`,
        `${fmt.s(p.ms)}, peak RSS ${fmt.mb(p.peakRssMb)}`,
        big ? `< ${fmt.s(TARGETS.plan1MMs)}, < ${fmt.mb(TARGETS.plan1MRssMb)}` : '',
        big ? mark(p.ms < TARGETS.plan1MMs && p.peakRssMb < TARGETS.plan1MRssMb) : '',
      ]);
    }
    const d = fanout.dispatch;
    rows.push([
      `dispatch ${fmt.int(d.messages)} vs raw`,
      `${fmt.pct(d.ratio)} (${fmt.int(d.perSec)} vs ${fmt.int(d.rawPerSec)} msg/s)`,
      `>= ${fmt.pct(TARGETS.dispatchVsRaw)}`,
      mark(d.ratio >= TARGETS.dispatchVsRaw),
    ]);
  }
  console.log('\n== summary ==');
  console.log(table(rows));
  console.log(`(${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ratios are measured in one run on one machine)`);
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && only !== 'webhook' && only !== 'fanout') throw new Error(`unknown benchmark ${only}: expected webhook or fanout`);
  const t0 = Date.now();
  const webhook = only === 'fanout' ? null : await runWebhookBench();
  const fanout = only === 'webhook' ? null : await runFanoutBench();
  summary(webhook, fanout);
  console.log(`(all benchmarks took ${fmt.s(Date.now() - t0)})`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
