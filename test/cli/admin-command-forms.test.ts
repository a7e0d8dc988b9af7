/**
 * What the admin command prints to operators names a command they can run:
 * `heads-up …` exists only in the image (bin/heads-up on its PATH), so a
 * checkout's volunteer is given `npm run admin -- …` too.
 */
import { runDoctor } from '../../src/cli/doctor';
import { runAdminCli } from '../helpers/admin-cli';
import { SIGNAL_NUMBER, tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

describe('commands named to the operator', () => {
  let dataDir: string;
  const env = () => ({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, SIGNAL_API_URL: 'http://127.0.0.1:9', SIGNAL_NUMBER });

  beforeAll(async () => {
    dataDir = tempDir();
    await seedMembers(dataDir, '415', numbersIn('415', 1));
  });

  it('signal-captcha with no challenge open names doctor in both forms', async () => {
    const r = await runAdminCli(['signal-captcha', 'signalcaptcha://abc'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing to lift (npm run admin -- doctor (heads-up doctor in the image) shows a challenge when there is one)');
  }, 60_000);

  it("doctor names signal-uuid in both forms for a moderator's number on a Signal-only line", async () => {
    const checks = await runDoctor({ ...env(), MODERATORS: '+14155550100' });
    const said = checks.map((c) => c.detail).join('\n');
    expect(said).toContain('then run npm run admin -- signal-uuid (heads-up signal-uuid in the image) with her number');
  }, 60_000);
});
