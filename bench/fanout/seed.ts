/**
 * Seeds members through the store (ensureMember + subscribe, the JOIN path's
 * own functions, in db.transaction batches) and snapshots the database at
 * each requested size, so each planning run starts from its own copy.
 * Args: <dir> <size,size,...> (ascending). Writes <dir>/members-<size>.db.
 * The seeding connection alone gets a 512 MB page cache (setup speed only;
 * the planning and dispatch processes use the store's defaults).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { childMain, peakRssMb, report } from '../common';
import { AREA, memberNumber, openStore } from './shared';

const BATCH = 10_000;

childMain(async () => {
  const dir = process.argv[2] as string;
  const sizes = (process.argv[3] as string).split(',').map(Number);
  const work = path.join(dir, 'seeding.db');
  const { db, vault } = await openStore(work);
  // Setup only: a large page cache for this connection keeps the random blind-index inserts off the disk.
  db.sqlite.pragma('cache_size = -524288');
  const now = Date.now();
  const t0 = performance.now();
  let written = 0;
  for (const size of sizes) {
    while (written < size) {
      const end = Math.min(size, written + BATCH);
      db.transaction(() => {
        for (let i = written; i < end; i++) {
          const phone = memberNumber(i);
          const member = ensureMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', now);
          subscribe(db, member.id, [AREA], now);
        }
      });
      written = end;
    }
    const seededMs = performance.now() - t0;
    // Fold the WAL into the file, then copy it: the copy is a complete database.
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(work, path.join(dir, `members-${size}.db`));
    await report({ type: 'seeded', size, ms: seededMs, peakRssMb: peakRssMb() });
  }
  db.close();
  fs.rmSync(work, { force: true });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(work + suffix, { force: true });
  await report({ type: 'done' });
  process.exit(0);
});
