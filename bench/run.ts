/**
 * `npm run bench`: the webhook and fan-out benchmarks, then a summary with
 * each ratio and whether its target was met. Figures only: nothing here
 * fails on a timing. Loopback only; every loop is bounded.
 * `npm run bench -- webhook`, `-- fanout` or `-- alert` runs one of them.
 */
import os from 'node:os';
import { fmt, table } from './common';
import { runAlertBench, type AlertFigures } from './alert';
import { runFanoutBench, type FanoutFigures } from './fanout';
import { runWebhookBench, type LoadFigures } from './webhook';

/** The targets of issue 2 item 12 and issue 3 item 9. */
export const TARGETS = {
  helpVsBare: 0.7,
  joinVsBare: 0.2,
  plan1MMs: 3_000,
  plan1MRssMb: 200,
  dispatchVsRaw: 0.7,
  /** Issue 8: time to alert against N / SEND_RATE, without and with 5 % of 429s; a notice during a fan-out. */
  alertVsIdeal: 0.9,
  alertVsIdealThrottled: 0.75,
  noticeMs: 2_000,
};

const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');

function summary(webhook: LoadFigures[] | null, fanout: FanoutFigures | null, alert: AlertFigures | null): void {
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
  for (const r of alert?.runs ?? []) {
    const goal = r.throttledShare ? TARGETS.alertVsIdealThrottled : TARGETS.alertVsIdeal;
    rows.push([
      `time to alert, SEND_RATE ${r.rate}${r.throttledShare ? ` + ${r.throttledShare * 100}% 429` : ''}`,
      `${fmt.pct(r.ratio)} of ideal (${fmt.int(r.members)} in ${fmt.s(r.ms)})`,
      `>= ${fmt.pct(goal)}`,
      mark(r.ratio >= goal),
    ]);
    rows.push([`  notice during that fan-out`, fmt.ms(r.noticeMs), `< ${fmt.ms(TARGETS.noticeMs)}`, mark(r.noticeMs < TARGETS.noticeMs)]);
  }
  console.log('\n== summary ==');
  console.log(table(rows));
  console.log(`(${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ratios are measured in one run on one machine)`);
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only && only !== 'webhook' && only !== 'fanout' && only !== 'alert') throw new Error(`unknown benchmark ${only}: expected webhook, fanout or alert`);
  const t0 = Date.now();
  const webhook = !only || only === 'webhook' ? await runWebhookBench() : null;
  const fanout = !only || only === 'fanout' ? await runFanoutBench() : null;
  const alert = !only || only === 'alert' ? await runAlertBench() : null;
  summary(webhook, fanout, alert);
  console.log(`(all benchmarks took ${fmt.s(Date.now() - t0)})`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
