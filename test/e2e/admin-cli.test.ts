import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, TEST_MASTER_KEY, waitFor, type Harness } from '../helpers/harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('the admin command line', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { SEND_RATE: '100' } }));
  });
  afterAll(() => stop());

  async function admin(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY },
      timeout: 20_000,
    });
    return stdout.trim();
  }

  it('lists pending reports and approves one, and the running server sends the alert', async () => {
    await h.sms('+19175550111', 'JOIN 917');
    const reply = await h.sms('+19175550112', 'REPORT 917 tall man, silver sedan, no condom');
    const ref = /#([A-Z0-9]{4,6})/.exec(reply.message ?? '')?.[1] as string;
    expect(await admin('PENDING')).toContain(`#${ref}`);
    expect(await admin('APPROVE', ref)).toContain('approved');
    await waitFor(() => fake.to('+19175550111').length === 1, 15_000, 'alert sent by the server');
    expect(fake.to('+19175550111')[0]!.body).toContain('silver sedan');
  });
});
