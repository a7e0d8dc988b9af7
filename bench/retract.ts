/**
 * `npm run bench:retract`: RETRACT of an alert with many unsent copies.
 * Members are seeded through the store, an alert planned to them by the
 * planner's own ranges (none sent), then the moderator's RETRACT runs (its
 * transaction, as the command does) and the RetractionJob's follow-up until
 * it is idle. Printed: how long RETRACT's transaction took, how long until
 * every unsent copy is cancelled, and the longest the event loop was held
 * at once over both (perf_hooks monitorEventLoopDelay, and a 1 ms interval
 * probe). Figures only; every loop is bounded.
 * BENCH_RETRACT_SIZES=20000,100000,200000 (copies; ascending).
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RetractionJob, DEFAULT_RETRACTIONS } from '../src/jobs/retractions';
import { createLogger } from '../src/log/logger';
import { createAlert, planNextRange } from '../src/store/alerts';
import { Db } from '../src/store/db';
import { ensureMember } from '../src/store/members';
import { migrate } from '../src/store/migrate';
import { retractAlert } from '../src/store/retractions';
import { subscribe } from '../src/store/subscriptions';
import { cryptoReady, Vault } from '../src/store/vault';
import { fmt, removeDir, table, tempDir } from './common';

const SIZES = (process.env.BENCH_RETRACT_SIZES ?? '20000,100000,200000').split(',').map(Number);
/** Each size's members subscribe to an area of their own too, so one alert reaches exactly that many. */
const areaOf = (i: number) => String(201 + i);
const SEED_BATCH = 10_000;
/** A job left running longer than this is reported as such, not waited for. */
const JOB_LIMIT_MS = 120_000;
const MAX_PLAN_RANGES = 1_000;

async function main(): Promise<void> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(7));
  const dir = tempDir('retract');
  const db = new Db(path.join(dir, 'heads-up.db'));
  migrate(db);
  const log = createLogger('silent');
  const biggest = Math.max(...SIZES);
  const now = Date.now();
  const t0 = performance.now();
  for (let from = 0; from < biggest; from += SEED_BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(biggest, from + SEED_BATCH); i++) {
        const phone = `+1415${String(2_000_000 + i)}`;
        const member = ensureMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', now);
        // Member i is in the area of every size above i.
        subscribe(db, member.id, SIZES.map((n, k) => (i < n ? areaOf(k) : null)).filter((a): a is string => a !== null), now);
      }
    });
  }
  console.log(`seeded ${fmt.int(biggest)} members in ${fmt.s(performance.now() - t0)}`);
  const rows = [['unsent copies', 'RETRACT transaction', 'until all cancelled', 'longest loop block (histogram)', 'longest loop block (1 ms probe)', 'cancelled as counted']];
  for (const [k, size] of SIZES.entries()) {
    const area = areaOf(k);
    const alertId = createAlert(db, vault, { npas: [area], reach: [area], text: 'Bad date: white sedan, refuses to pay.' }, Date.now());
    for (let r = 0; r < MAX_PLAN_RANGES && !planNextRange(db, alertId, Date.now()).done; r++);
    const planned = (db.stmt("SELECT count(*) AS n FROM outbox WHERE alert_id = ? AND state = 'pending'").get(alertId) as { n: number }).n;
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const job = new RetractionJob(db, vault, null, log, () => undefined, DEFAULT_RETRACTIONS);
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    let held = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const t = performance.now();
      held = Math.max(held, t - last - 1);
      last = t;
    }, 1);
    histogram.enable();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const start = performance.now();
    const { cancelled } = db.transaction(() => retractAlert(db, alertId, Date.now()));
    const retractMs = performance.now() - start;
    // As on commit of the command: the job is woken.
    job.wake();
    const limit = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), JOB_LIMIT_MS).unref());
    const outcome = await Promise.race([job.idle().then(() => 'idle' as const), limit]);
    const totalMs = performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 20));
    histogram.disable();
    clearInterval(probe);
    await job.stop();
    const left = (db.stmt("SELECT count(*) AS n FROM outbox WHERE alert_id = ? AND state = 'pending'").get(alertId) as { n: number }).n;
    rows.push([
      fmt.int(planned),
      fmt.ms(retractMs),
      outcome === 'late' ? `not done in ${fmt.s(JOB_LIMIT_MS)} (${fmt.int(left)} left)` : `${fmt.ms(totalMs)}${left ? ` (${fmt.int(left)} left!)` : ''}`,
      fmt.ms(histogram.max / 1e6),
      fmt.ms(held),
      fmt.int(cancelled),
    ]);
  }
  console.log(table(rows));
  console.log('(one process; the copies are planned by planNextRange and none sent; RETRACT = retractAlert in its transaction, then RetractionJob woken and awaited)');
  db.close();
  removeDir(dir);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
