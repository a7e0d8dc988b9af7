/**
 * `npm run bench:checkin-backlog`: a backlog of overdue check-ins (the line
 * was down) written all at once (runCheckinTimers) and by the job, a batch
 * at a time: how long it takes, the longest the event loop was held at once,
 * and how soon the dispatcher is first woken. Figures only.
 */
import path from 'node:path';
import { CheckinTimers, runCheckinTimers } from '../src/jobs/checkin-timers';
import { createLogger } from '../src/log/logger';
import { inviteBuddy, setBuddyStatus } from '../src/store/buddies';
import { startCheckin } from '../src/store/checkins';
import { Db } from '../src/store/db';
import { ensureMember } from '../src/store/members';
import { migrate } from '../src/store/migrate';
import { cryptoReady, Vault } from '../src/store/vault';
import { removeDir, table, tempDir } from './common';

const SIZES = [500, 2_000, 5_000];
const T0 = Date.UTC(2026, 11, 2, 4);
const DUE = T0 + 3_600_000;

function overdue(db: Db, vault: Vault, n: number): void {
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const phone = `+1415${String(2_000_000 + i)}`;
      const id = ensureMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', T0).id;
      setBuddyStatus(db, inviteBuddy(db, vault, id, { channel: 'sms', address: `+1206${String(2_000_000 + i)}` }, 'Rose', 'en', T0), 'accepted');
      startCheckin(db, vault, id, T0 + 60_000, null, 'room 12 at the motel', T0);
    }
  });
}

async function main(): Promise<void> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(7));
  const rows = [['overdue', 'how', 'total ms', 'loop held ms', 'first wake ms']];
  for (const n of SIZES) {
    for (const how of ['all at once', 'the job'] as const) {
      const dir = tempDir('checkin-backlog');
      const db = new Db(path.join(dir, 'heads-up.db'));
      migrate(db);
      overdue(db, vault, n);
      let held = 0;
      let last = performance.now();
      const tick = setInterval(() => {
        const t = performance.now();
        held = Math.max(held, t - last - 2);
        last = t;
      }, 2);
      const start = performance.now();
      let woken = -1;
      const store = { db, vault, fallback: 'none' as const, moderatorContacts: [] };
      if (how === 'all at once') {
        runCheckinTimers(store, DUE);
        woken = performance.now() - start; // the old job woke the dispatcher after the whole run
      } else {
        const wake = () => void (woken < 0 && (woken = performance.now() - start));
        await new CheckinTimers({ ...store, log: createLogger('silent'), wake, now: () => DUE }).tick();
      }
      const total = performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 10));
      clearInterval(tick);
      rows.push([n.toLocaleString('en-US'), how, total.toFixed(0), held.toFixed(0), woken.toFixed(0)]);
      db.close();
      removeDir(dir);
    }
  }
  console.log(table(rows));
}

void main();
