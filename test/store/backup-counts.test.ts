/** The counts a backup prints: members are the people subscribed, not every row the line keeps a number in. */
import path from 'node:path';
import { backupDatabase } from '../../src/store/backup';
import { ensureMember, setMemberStatus } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { tempDir } from '../helpers/temp-dir';
import { testStore } from '../helpers/test-store';

const T0 = Date.UTC(2026, 11, 1, 12);

describe('backupDatabase counts', () => {
  it('counts subscribed people once: not a moderator reached only by notices, nor a stopped member, nor both channels of one number twice', async () => {
    const { db, vault } = await testStore();
    const join = (channel: 'sms' | 'signal', address: string, phone?: string) => {
      const m = ensureMember(db, vault, { channel, address, phone }, 'en', T0);
      subscribe(db, m.id, ['415'], T0);
      return m.id;
    };
    join('sms', '+14155550101', '+14155550101');
    // One person on both channels, her number showing over Signal.
    join('sms', '+14155550102', '+14155550102');
    join('signal', '1b2c3d4e-5f60-4a7b-8c9d-000000000002', '+14155550102');
    // A moderator's row exists only so that notices can be queued to her.
    ensureMember(db, vault, { channel: 'sms', address: '+14155550199', phone: '+14155550199' }, 'en', T0);
    const stopped = ensureMember(db, vault, { channel: 'sms', address: '+14155550103', phone: '+14155550103' }, 'en', T0).id;
    setMemberStatus(db, stopped, 'stopped');
    const source = db.sqlite.name;
    db.close();

    const { counts } = await backupDatabase(source, path.join(tempDir(), 'copy.db'));
    expect(counts.members).toBe(2);
  });
});
