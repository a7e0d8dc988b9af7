/**
 * `npx tsx bench/country-reindex.ts`: how long the start takes to read the
 * CHECK index again after DEFAULT_COUNTRY changed (US → GB), for a few
 * thousand alerts within retention, against the time their approvals took
 * to write and index them in the same run. Figures only; bounded loops.
 */
import path from 'node:path';
import { reindexForCountry } from '../src/alerts/alert-reindex';
import { issueAlert } from '../src/alerts/alert-service';
import { Regions } from '../src/alerts/regions';
import { Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { cryptoReady, Vault } from '../src/store/vault';
import { BENCH_MASTER_KEY, removeDir, tempDir } from './common';

const ALERTS = Number(process.env.BENCH_REINDEX_ALERTS ?? 5_000);

async function main(): Promise<void> {
  await cryptoReady();
  const dir = tempDir('country-reindex');
  const vault = new Vault(new Uint8Array(Buffer.from(BENCH_MASTER_KEY, 'base64')), 1);
  const db = new Db(path.join(dir, 'heads-up.db'));
  migrate(db);
  const regions = Regions.load();
  const now = Date.now();
  const pad = (i: number, n: number) => String(i).padStart(n, '0');
  const issueStart = process.hrtime.bigint();
  db.transaction(() => {
    for (let i = 0; i < ALERTS; i++) {
      const text = `grey van, driver called from 07911 ${pad(i % 1_000_000, 6)} then 20794${pad(i % 100_000, 5)}, @rick${i}`;
      issueAlert({ db, vault, regions }, { npas: ['415'], body: { text } }, now);
    }
  });
  const issueMs = Number(process.hrtime.bigint() - issueStart) / 1e6;
  const start = process.hrtime.bigint();
  const counts = db.transaction(() => reindexForCountry(db, vault, 'US', 'GB', now - 90 * 86_400_000));
  const reindexMs = Number(process.hrtime.bigint() - start) / 1e6;
  db.close();
  removeDir(dir);
  console.log(`alerts: ${ALERTS}, read: ${counts.read}, changed: ${counts.changed}`);
  console.log(`approvals (write + index): ${issueMs.toFixed(0)} ms; re-index US → GB: ${reindexMs.toFixed(0)} ms (${(reindexMs / issueMs).toFixed(2)}× the approvals, ${((reindexMs * 1000) / ALERTS).toFixed(0)} µs an alert)`);
}

void main();
