/**
 * `npm run bench:rotate-key`: how fast rotate-key re-keys a line of 100,000
 * members (plus reports, alerts with screening entries, notices and rate
 * limits), in members per second, against the time it took to write those
 * members in the first place (sealing and indexing each one), measured in
 * the same run. Figures only; every loop is bounded.
 */
import path from 'node:path';
import { Db } from '../src/store/db';
import { KeyRotation, rotationVersions } from '../src/store/key-rotation';
import { insertMember } from '../src/store/members';
import { migrate } from '../src/store/migrate';
import { enqueueMessage } from '../src/store/outbox';
import { createReport } from '../src/store/reports';
import { indexAlertIdentifiers } from '../src/store/screening';
import { createAlert } from '../src/store/alerts';
import { subscribe } from '../src/store/subscriptions';
import { SenderLimits } from '../src/store/sender-limits';
import { cryptoReady, Vault } from '../src/store/vault';
import { memberKey } from '../src/phone/identity';
import { AREA_CODES, benchNumber, BENCH_MASTER_KEY, fmt, peakRssMb, removeDir, table, tempDir } from './common';

const MEMBERS = Number(process.env.BENCH_ROTATE_MEMBERS ?? 100_000);
const REPORTS = 2_000;
const ALERTS = 200;
const NOTICES = 2_000;
const NEW_KEY = Buffer.alloc(32, 10).toString('base64');

async function main(): Promise<void> {
  await cryptoReady();
  const dir = tempDir('rotate');
  const oldVault = new Vault(new Uint8Array(Buffer.from(BENCH_MASTER_KEY, 'base64')), 1);
  const db = new Db(path.join(dir, 'heads-up.db'));
  migrate(db);
  const now = Date.now();

  const seedStart = process.hrtime.bigint();
  for (let start = 0; start < MEMBERS; start += 10_000) {
    db.transaction(() => {
      for (let i = start; i < Math.min(start + 10_000, MEMBERS); i++) {
        const phone = benchNumber(i);
        const m = insertMember(db, oldVault, { channel: 'sms', address: phone, phone }, 'en', now, 'active');
        subscribe(db, m.id, [AREA_CODES[i % AREA_CODES.length] as string], now);
      }
    });
  }
  const seedMs = Number(process.hrtime.bigint() - seedStart) / 1e6;
  db.transaction(() => {
    for (let i = 0; i < REPORTS; i++) {
      const key = memberKey({ channel: 'sms', address: benchNumber(i * 7) });
      createReport(db, oldVault, { npas: ['415'], text: `report ${i}: tall man, grey sedan, call ${benchNumber(MEMBERS + i)}`, reporterKey: oldVault.index('reporter', key) }, now);
      new SenderLimits(db).take(oldVault.index('sender', key), 'report', { max: 5, windowMs: 86_400_000 }, now);
    }
    for (let i = 0; i < ALERTS; i++) {
      const number = benchNumber(MEMBERS + i);
      const id = createAlert(db, oldVault, { npas: ['415'], reach: ['415'], text: `Heads Up 415: avoid ${number}, grey sedan` }, now);
      indexAlertIdentifiers(db, oldVault, id, [{ kind: 'phone', value: number }], ['415'], [], now);
    }
    for (let i = 1; i <= NOTICES; i++) enqueueMessage(db, oldVault, i, `New report #ABCD in 415: tall man ${i}`, now);
  });

  const { from, to } = rotationVersions(db);
  const newVault = new Vault(new Uint8Array(Buffer.from(NEW_KEY, 'base64')), to);
  const rotStart = process.hrtime.bigint();
  const summary = new KeyRotation(db, new Vault(new Uint8Array(Buffer.from(BENCH_MASTER_KEY, 'base64')), from), newVault).run();
  const rotMs = Number(process.hrtime.bigint() - rotStart) / 1e6;
  db.close();
  removeDir(dir);

  const perSecond = (MEMBERS / rotMs) * 1000;
  console.log(
    table([
      ['rotate-key', 'measured', ''],
      [`members`, fmt.int(MEMBERS), `${fmt.int(REPORTS)} reports, ${fmt.int(ALERTS)} alerts, ${fmt.int(NOTICES)} notices`],
      ['writing the members (seal + index + insert)', fmt.s(seedMs), `${fmt.int((MEMBERS / seedMs) * 1000)} members/s`],
      ['rotate-key, whole line', fmt.s(rotMs), `${fmt.int(perSecond)} members/s`],
      ['rotate-key vs writing the members', `${(rotMs / seedMs).toFixed(2)}x the time`, ''],
      ['re-sealed', Object.entries(summary.resealed).map(([t, n]) => `${t} ${fmt.int(n)}`).join(', '), ''],
      ['peak RSS', fmt.mb(peakRssMb()), ''],
    ]),
  );
}

void main();
