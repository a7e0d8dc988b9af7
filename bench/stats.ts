/**
 * `npm run bench:stats`: what STATS costs the event loop on a large line:
 * members per area (each person once) and the people in all, at 100,000
 * members over 40 areas, a tenth of them on SMS and Signal with one number.
 * Each member row carries a sealed address of a real one's size (64 bytes).
 * A temporary SQLite file; a bounded number of runs; figures only.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { countSubscribedPeople, membersByArea } from '../src/store/subscriptions';
import { removeDir, table, tempDir } from './common';

const MEMBERS = Number(process.env.STATS_MEMBERS ?? 100_000);
const AREAS = Array.from({ length: 40 }, (_, i) => String(201 + i * 7));
/** Runs timed after a first, warming one; bounded whatever the size. */
const RUNS = 5;

function seed(db: Db): void {
  const member = db.stmt("INSERT INTO members (id, channel, address_bidx, phone_bidx, key_version, status, created_at, address_ct) VALUES (?, ?, ?, ?, 1, ?, 0, randomblob(64))");
  const subscribe = db.stmt('INSERT OR IGNORE INTO subscriptions (member_id, npa, created_at) VALUES (?, ?, 0)');
  db.transaction(() => {
    let id = 0;
    for (let i = 0; i < MEMBERS; i++) {
      // One in ten has a Signal twin sharing the link index, subscribed to the same areas and one more.
      const twin = i % 10 === 0;
      const link = twin ? randomBytes(32) : null;
      const areas = [AREAS[i % 40], AREAS[(i * 7) % 40], AREAS[(i * 13) % 40]].slice(0, 1 + (i % 3)) as string[];
      const status = i % 50 === 0 ? 'stopped' : 'active';
      member.run(++id, 'sms', randomBytes(32), link, status);
      for (const npa of areas) subscribe.run(id, npa);
      if (!twin) continue;
      member.run(++id, 'signal', randomBytes(32), link, 'active');
      for (const npa of [...areas, AREAS[(i + 1) % 40] as string]) subscribe.run(id, npa);
    }
  });
}

function time(run: () => unknown): number {
  run();
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function main(): void {
  const dir = tempDir('stats');
  const db = new Db(path.join(dir, 'heads-up.db'));
  migrate(db);
  seed(db);
  const rows = [['members', 'areas', 'query', 'best of 5 ms']];
  rows.push([MEMBERS.toLocaleString('en-US'), String(AREAS.length), 'members per area', time(() => membersByArea(db)).toFixed(0)]);
  rows.push([MEMBERS.toLocaleString('en-US'), String(AREAS.length), 'people in all', time(() => countSubscribedPeople(db)).toFixed(0)]);
  console.log(table(rows));
  db.close();
  removeDir(dir);
}

main();
