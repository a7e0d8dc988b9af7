/**
 * Migration 0036: a check-in whose escalation was passed to the moderators
 * before the line kept when (her buddy could not be reached) counts their
 * 3 minutes from their messages, as it did: she is not told within seconds
 * of the upgrade that they could not be reached, their messages minutes old.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { linkCheckinMessage, markEscalated, startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage, enqueueReply } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 4, 17, 0, 0, 0);
const MOD = { channel: 'sms' as const, address: '+14155550199' };

describe('a check-in passed to the moderators before migration 0036', () => {
  beforeAll(cryptoReady);

  it('counts their 3 minutes from when their messages were queued', () => {
    const vault = new Vault(new Uint8Array(32).fill(9));
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0036')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    const db = new Db(path.join(tempDir(), 'old.db'));
    try {
      migrate(db, oldDir);
      const rose = ensureMember(db, vault, { channel: 'sms', address: '+14155550100' }, 'en', T, 'active').id;
      const id = startCheckin(db, vault, rose, T, null, 'blue Honda', T - 30 * MIN);
      // Escalated at T to her buddy, whose message failed; the moderators were passed it 10 minutes on (still trying).
      const buddy = enqueueReply(db, vault, { channel: 'sms', address: '+14155550177' }, 'Rose missed her check-in', T);
      db.sqlite.prepare("UPDATE outbox SET state = 'failed' WHERE id = ?").run(buddy);
      linkCheckinMessage(db, buddy, id, 'escalation');
      markEscalated(db, id, T);
      db.sqlite.prepare('UPDATE checkins SET unreached_told = 1 WHERE id = ?').run(id);
      const mod = ensureMember(db, vault, MOD, 'en', T, 'active').id;
      linkCheckinMessage(db, enqueueMessage(db, vault, mod, 'a member missed a check-in', T + 10 * MIN), id, 'escalation');

      migrate(db);
      const line = { db, vault, fallback: 'moderators' as const, moderatorContacts: [MOD] };
      expect(runCheckinTimers(line, T + 12 * MIN).unreached).toBe(0);
      expect(runCheckinTimers(line, T + 13 * MIN).unreached).toBe(1);
    } finally {
      db.close();
    }
  });
});
