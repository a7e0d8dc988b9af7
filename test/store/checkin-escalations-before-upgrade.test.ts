/**
 * Migration 0032: a check-in escalated before the line learnt to tell a
 * member that her escalation reached no one (0029, 0031) is not told so
 * after the upgrade, hours late and unasked (nor, with
 * CHECKIN_FALLBACK=moderators, passed to the moderators stale). One whose
 * escalation still waits in the outbox is told, should it fail, as any.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { linkCheckinMessage, markEscalated, startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueReply } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 4, 17, 0, 0, 0);
const LILY = '+14155550177';

/** A database as it was before 0029, with one escalated check-in per outbox state of its escalation to Lily (written as then: raw rows, no buddy link, whose columns have changed since). */
function oldDb(vault: Vault, states: string[]): Db {
  const oldDir = tempDir();
  for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0029')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
  const db = new Db(path.join(tempDir(), 'old.db'));
  migrate(db, oldDir);
  states.forEach((state, i) => {
    const rose = ensureMember(db, vault, { channel: 'sms', address: `+1415555010${i}` }, 'en', T, 'active').id;
    const id = startCheckin(db, vault, rose, T + 30 * MIN, null, 'blue Honda', T);
    const escalation = enqueueReply(db, vault, { channel: 'sms', address: LILY }, 'Rose missed her check-in', T + 30 * MIN);
    db.sqlite.prepare('UPDATE outbox SET state = ? WHERE id = ?').run(state, escalation);
    linkCheckinMessage(db, escalation, id, 'escalation');
    markEscalated(db, id, T + 30 * MIN);
  });
  return db;
}

describe('check-ins escalated before migration 0032', () => {
  let vault: Vault;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(9));
  });

  it('whose escalation had failed for good: no one is told, hours late, that it reached no one', () => {
    const db = oldDb(vault, ['failed']);
    try {
      migrate(db);
      const run = runCheckinTimers({ db, vault, fallback: 'moderators', moderatorContacts: [{ channel: 'sms', address: '+14155550199' }] }, T + 5 * 60 * MIN);
      expect(run.unreached).toBe(0);
    } finally {
      db.close();
    }
  });

  it('whose escalation still waits: she is told if it then fails for good', () => {
    const db = oldDb(vault, ['pending']);
    try {
      migrate(db);
      db.sqlite.prepare("UPDATE outbox SET state = 'failed'").run();
      expect(runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, T + 31 * MIN).unreached).toBe(1);
    } finally {
      db.close();
    }
  });
});
