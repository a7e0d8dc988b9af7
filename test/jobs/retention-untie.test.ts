/**
 * Replies and notices finished under an older version still name their
 * member, to the millisecond (a seized-disk hunt tied a reporter's reply to
 * the notice of her report that way). Retention's next run unties them; an
 * SMS still waiting for its final status keeps her until no retry can come,
 * and a notice of a report still waiting stays hers (it is withdrawn by member).
 */
import path from 'node:path';
import { runRetention } from '../../src/jobs/retention';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { ensureMember, memberStatus } from '../../src/store/members';
import { linkNotice } from '../../src/store/moderator-notices';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { migrate } from '../../src/store/migrate';
import { createReport } from '../../src/store/reports';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = 1_800_000_000_000;

test('retention unties finished one-off rows from their member, and leaves those something may still come back for', async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(9));
  const dataDir = tempDir();
  const db = new Db(path.join(dataDir, 'heads-up.db'));
  migrate(db);
  const her = ensureMember(db, vault, { channel: 'signal', address: '5a5a5a5a-1111-4222-8333-944444444401' }, 'en', NOW - DAY).id;
  const sms = ensureMember(db, vault, { channel: 'sms', address: '+14155550190', phone: '+14155550190' }, 'en', NOW - DAY).id;
  const queued = (member: number, at: number, state: string) => {
    const id = enqueueMessage(db, vault, member, 'a reply', at);
    db.sqlite.prepare('UPDATE outbox SET state = ?, updated_at = ? WHERE id = ?').run(state, at + 1, id);
    return id;
  };
  // As an older version left them: a Signal reply sent, an SMS delivered, one failed, an SMS sent 5 hours ago with no status since.
  const finished = [queued(her, NOW - 2 * HOUR + 17, 'sent'), queued(sms, NOW - 2 * HOUR + 17, 'delivered'), queued(sms, NOW - HOUR + 5, 'failed'), queued(sms, NOW - 5 * HOUR + 3, 'sent')];
  // Still to hear of: an SMS sent an hour ago (a carrier's opt-out may come), a notice of a report that waits.
  const waiting = queued(sms, NOW - HOUR + 9, 'sent');
  const notice = queued(sms, NOW - HOUR + 11, 'sent');
  linkNotice(db, notice, createReport(db, vault, { npas: ['415'], text: 'grey sedan', reporterKey: vault.index('reporter', 'sms:+14155550100') }, NOW - DAY).id);
  runRetention(db, 90, NOW);
  db.close();
  const seized = new Db(path.join(dataDir, 'heads-up.db'));
  const rows = seized.sqlite.prepare('SELECT id, member_id AS member, created_at AS at FROM outbox ORDER BY id').all() as Array<{ id: number; member: number | null; at: number }>;
  seized.close();
  const named = rows.filter((r) => r.member !== null).map((r) => r.id);
  expect(named).toEqual([waiting, notice]);
  // Those untied keep their day only: no two share a millisecond with anything left named.
  expect(rows.filter((r) => finished.includes(r.id)).map((r) => r.at % DAY)).toEqual([0, 0, 0, 0]);
});

test("a reply sent hours after it was queued (an outage) stays hers until its status comes: a carrier's opt-out after the next run still stops her", async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const her = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', NOW - DAY).id;
  const id = enqueueMessage(db, vault, her, 'a reply', NOW);
  const sent = NOW + 4.5 * HOUR;
  expect(claimLane(db, 'sms', sent, 10, sent + 60_000).map((r) => r.id)).toEqual([id]);
  recordOutcomes(db, [{ id, kind: 'sent', providerId: 'SM1' }], sent);
  // The hourly run ten minutes after the send: the row was queued 4 h 40 min ago, sent 10 min ago.
  runRetention(db, 90, sent + 10 * 60_000);
  const report = applyDeliveryReport(db, vault, { rowId: id, attempt: 1, providerId: 'SM1', delivery: { kind: 'stopped', code: '21610' } }, sent + 20 * 60_000);
  expect(report).toEqual({ matched: true, kind: 'stopped' });
  expect(memberStatus(db, her)).toBe('stopped');
  db.close();
});
