/**
 * A restore must not hand out again the outbox ids the lost future used: a
 * status callback carries its row's id and try (?o=N&a=1), and a late one
 * for a message sent after the backup would otherwise settle the restored
 * line's new row N, still unsent (taken as sent, or its member marked stopped).
 */
import path from 'node:path';
import { latestMigration } from '../../src/cli/line';
import { applyAccepted, applyDeliveryReport } from '../../src/outbox/delivery-status';
import { backupDatabase } from '../../src/store/backup';
import { Db } from '../../src/store/db';
import { ensureMember, memberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage } from '../../src/store/outbox';
import { restoreDatabase } from '../../src/store/restore';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 11, 2, 4, 0, 0);
const vault = () => new Vault(new Uint8Array(Buffer.alloc(32, 7)));
const sms = (phone: string) => ({ channel: 'sms' as const, address: phone, phone });

/** Queues a text to `phone` and claims it (with any other due): its first try in flight, its outcome not recorded yet. Its row id. */
function inFlight(db: Db, phone: string, now: number): number {
  const id = enqueueMessage(db, vault(), ensureMember(db, vault(), sms(phone), 'en', now).id, 'Heads Up: hello', now);
  expect(claimLane(db, 'sms', now, 10, now + 60_000).map((r) => r.id)).toContain(id);
  return id;
}

beforeAll(cryptoReady);

const accepted = (db: Db, row: number) => applyAccepted(db, { rowId: row, attempt: 1, providerId: 'SMlost' }, T0 + 2 * 3600_000);
const stopped = (db: Db, row: number) =>
  applyDeliveryReport(db, vault(), { rowId: row, attempt: 1, providerId: 'SMlost', delivery: { kind: 'stopped', code: '21610' } }, T0 + 2 * 3600_000).matched;

it.each([
  ['a late "sent" callback', accepted, true],
  ['a late 21610', stopped, true],
  ['a late "sent" callback, the backup holding no message yet,', accepted, false],
])('%s for a message sent after the backup settles no row of the restored line', async (_, report, queuedBefore) => {
  const file = path.join(tempDir(), 'heads-up.db');
  const live = new Db(file);
  migrate(live);
  if (queuedBefore) inFlight(live, '+14155550100', T0);
  const backup = path.join(tempDir(), 'nightly.db');
  await backupDatabase(file, backup);
  // After the backup: a message to Rose goes out, and its status callback is late; then the disk fails.
  const lost = inFlight(live, '+14155550111', T0 + 3600_000);
  live.close();
  const target = path.join(tempDir(), 'heads-up.db');
  await restoreDatabase(backup, target, vault(), latestMigration());
  const db = new Db(target);
  try {
    // The restored line queues a text to Léa, in flight when Rose's callback comes.
    const fresh = inFlight(db, '+14155550122', T0 + 2 * 3600_000);
    expect(report(db, lost)).toBe(false);
    expect(db.sqlite.prepare('SELECT state, provider_id FROM outbox WHERE id = ?').get(fresh)).toEqual({ state: 'pending', provider_id: null });
    expect(memberStatus(db, ensureMember(db, vault(), sms('+14155550122'), 'en', T0).id)).toBe('active');
  } finally {
    db.close();
  }
});

it('a backup restored twice over the line hands out no id the first restored line used', async () => {
  const file = path.join(tempDir(), 'heads-up.db');
  const seed = new Db(file);
  migrate(seed);
  inFlight(seed, '+14155550100', T0);
  seed.close();
  const backup = path.join(tempDir(), 'nightly.db');
  await backupDatabase(file, backup);
  await restoreDatabase(backup, file, vault(), latestMigration());
  // The first restored line sends to Rose, her callback late; then it is restored from the same backup again.
  const first = new Db(file);
  const lost = inFlight(first, '+14155550111', T0 + 3600_000);
  first.close();
  await restoreDatabase(backup, file, vault(), latestMigration());
  const db = new Db(file);
  try {
    const fresh = inFlight(db, '+14155550122', T0 + 2 * 3600_000);
    expect(fresh).toBeGreaterThan(lost);
    expect(stopped(db, lost)).toBe(false);
    expect(memberStatus(db, ensureMember(db, vault(), sms('+14155550122'), 'en', T0).id)).toBe('active');
  } finally {
    db.close();
  }
});
