/**
 * ALERT and APPROVE say whether anyone gets an alert counting only members on
 * the channels the line sends on now: with Signal removed from the
 * configuration, an area whose members are all on Signal reaches no one.
 * The real server over loopback, Twilio faked.
 */
import { catalog } from '../../src/bot/catalog';
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { runAdminCli } from '../helpers/admin-cli';
import { seedMembers } from '../helpers/seed';
import { refOf, startTwilioLine, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

const MOD = '+14155550199';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const SF = '+14155550101';
const t = catalog('en');

describe('ALERT on a line that no longer sends over Signal', () => {
  it('to an area whose members are all on Signal says nobody will receive it', async () => {
    const { h, stop } = await startTwilioLine({ env: { MODERATORS: MOD } });
    try {
      const { db, vault } = h.server;
      const m = ensureMember(db, vault, { channel: 'signal', address: UUID }, 'en', Date.now());
      subscribe(db, m.id, ['415'], Date.now());
      const reply = (await h.sms(MOD, 'ALERT 415 grey van, knife')).message;
      expect(reply).toBe(t.modAlertNoOne(['415'], `#${refOf(reply)}`));
    } finally {
      await stop();
    }
  }, 30_000);

  it('to an area with a member by SMS says it is going', async () => {
    const { h, stop } = await startTwilioLine({ env: { MODERATORS: MOD } });
    try {
      await h.sms(SF, 'JOIN 415');
      const reply = (await h.sms(MOD, 'ALERT 415 grey van, knife')).message;
      expect(reply).toBe(t.modAlertQueued(['415'], `#${refOf(reply)}`, 'grey van, knife'));
    } finally {
      await stop();
    }
  }, 30_000);

  it('from the command line, on a line without Signal, to an area whose members are all on Signal says nobody will receive it', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '415', [UUID], 'signal');
    const run = await runAdminCli(['ALERT', '415', 'grey', 'van,', 'knife'], { NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nobody will receive it');
  }, 60_000);
});
