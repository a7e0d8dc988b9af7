/**
 * Plans one alert's fan-out in a fresh process, so the peak RSS printed is
 * the planning's own (plus what any process running the server code holds
 * at start): createAlert, then the FanoutPlanner's range-by-range loop
 * (planNextRange), timed until the last range commits.
 * Args: <db file>.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FanoutPlanner } from '../../src/alerts/fanout-planner';
import { createAlert } from '../../src/store/alerts';
import { childMain, peakRssMb, report, rssMb } from '../common';
import { ALERT_TEXT, AREA, openStore, quietLogger, REACH } from './shared';

childMain(async () => {
  const file = process.argv[2] as string;
  const { db, vault } = await openStore(file);
  const log = await quietLogger();
  let ranges = 0;
  const planner = new FanoutPlanner(db, log, () => ranges++);
  const before = { rss: rssMb(), peak: peakRssMb() };
  // The longest the event loop was held at once: about the longest range's transaction.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const t0 = performance.now();
  const alertId = createAlert(db, vault, { npas: [AREA], reach: REACH, text: ALERT_TEXT }, Date.now());
  planner.plan(alertId);
  await planner.idle();
  const ms = performance.now() - t0;
  // A timer's turn after the last range, so its block is counted too.
  await new Promise((resolve) => setTimeout(resolve, 10));
  loop.disable();
  const longestBlockMs = loop.max / 1e6;
  const after = { rss: rssMb(), peak: peakRssMb() };
  const written = (db.stmt('SELECT count(*) AS n FROM outbox WHERE alert_id = ?').get(alertId) as { n: number }).n;
  db.close();
  await report({ type: 'planned', ms, written, ranges, before, after, longestBlockMs });
  process.exit(0);
});
