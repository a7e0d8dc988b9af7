/**
 * rotate-key erased every block of a sender who is not a member (the block
 * was only a blind index of her, which a new key cannot recompute): after a
 * rotation, the troll who flooded the line with false reports, and the
 * applicant a moderator refused for good, could write again. A block now
 * keeps her identity sealed beside it (migration 0044): at BLOCK where it is
 * known (an applicant), else at her first message after it. A block with none
 * (from before 0044, or of a reporter not heard from since) is erased and
 * counted, as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio } from '../fakes/fake-twilio';
import { runAdminCli } from '../helpers/admin-cli';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, TEST_MASTER_KEY, type Harness } from '../helpers/harness';

const NEW_KEY = Buffer.alloc(32, 14).toString('base64');
const MOD = '+19175550100';
const refOf = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

const rotate = (dataDir: string) => runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });

/** How many rows `table` holds, read beside the server as a seizure would. */
function count(dataDir: string, table: string): number {
  const db = new Db(path.join(dataDir, 'heads-up.db'));
  try {
    return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('rotate-key and blocks of senders who are not members', () => {
  let fake: FakeTwilio;

  beforeAll(async () => {
    await cryptoReady();
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
  });

  afterAll(async () => {
    await fake.stop();
  });

  it('keep a blocked reporter heard from since her BLOCK, and a blocked applicant, silenced under the new key', async () => {
    const env = { MODERATORS: MOD, SEND_RATE: '100', SUBSCRIBE_MODE: 'approval' };
    const troll = '+19175550104';
    const quiet = '+19175550106';
    const applicant = '+19175550107';
    let h: Harness = await startHarness({ twilioApiBaseUrl: fake.url, env });
    const { dataDir } = h;
    try {
      expect(h.server.bot.operate(`BLOCK ${refOf((await h.sms(troll, 'REPORT 917 false report')).message)}`).reply).toContain('is blocked');
      // Her next message is dropped, as every one after a BLOCK.
      expect((await h.sms(troll, 'REPORT 917 another false report')).message).toBeNull();
      // A reporter blocked and never heard from since: the line knows her by the index alone.
      expect(h.server.bot.operate(`BLOCK ${refOf((await h.sms(quiet, 'REPORT 917 spam')).message)}`).reply).toContain('is blocked');
      await h.sms(applicant, 'JOIN 917');
      const request = /#([A-Z0-9]{4,6}) join/.exec(h.server.bot.operate('PENDING').reply)?.[1] as string;
      expect(h.server.bot.operate(`BLOCK ${request}`).reply).toContain('is blocked');
      expect((await h.sms(applicant, 'JOIN 917')).message).toBeNull();
    } finally {
      await h.close();
    }
    const reports = count(dataDir, 'reports');

    const r = await rotate(dataDir);
    expect(r.code).toBe(0);
    // The quiet reporter's block alone could not be carried over.
    expect(r.stdout).toContain(', 1 block,');

    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { ...env, HEADSUP_MASTER_KEY: NEW_KEY }, dataDir });
    try {
      expect((await h.sms(troll, 'REPORT 917 a third false report')).message).toBeNull();
      expect((await h.sms(applicant, 'JOIN 917')).message).toBeNull();
      expect(count(dataDir, 'reports')).toBe(reports);
      expect(h.server.bot.operate('PENDING').reply).not.toContain('join');
      // What the rotation erased is gone: her report is taken, as before this change.
      expect(refOf((await h.sms(quiet, 'REPORT 917 spam again')).message)).toMatch(/^[A-Z0-9]{4,6}$/);
    } finally {
      await h.close();
    }
  }, 90_000);

  it('erases and counts a block made before migration 0044, as before', async () => {
    const dataDir = tempDir();
    const oldMigrations = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0044')) {
      fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldMigrations, f));
    }
    const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    try {
      migrate(db, oldMigrations);
      db.sqlite.prepare('INSERT INTO blocked_senders (reporter_bidx, created_at) VALUES (?, 0)').run(vault.index('reporter', 'sms:+19175550108'));
    } finally {
      db.close();
    }
    const r = await rotate(dataDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(', 1 block,');
    expect(count(dataDir, 'blocked_senders')).toBe(0);
  }, 60_000);
});
