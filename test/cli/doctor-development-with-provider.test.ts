/**
 * A line in production whose NODE_ENV=production was only on the start
 * command: doctor read the same configuration as development and passed
 * what the production start refuses (Twilio with no PUBLIC_URL). It warns
 * now, naming the refusal; with NODE_ENV=production in .env (read by the
 * start and by the admin command alike) it checks the production rules.
 * Run in-process from a folder of its own, where `.env` is read.
 */
import fs from 'node:fs';
import { runDoctor } from '../../src/cli/doctor';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

describe('doctor under NODE_ENV=development with a provider', () => {
  const cwd = process.cwd();
  let dataDir: string;
  const twilio = `TWILIO_ACCOUNT_SID=AC${'1'.repeat(32)}\nTWILIO_AUTH_TOKEN=test-token\nTWILIO_FROM_NUMBER=+15005550006\nTWILIO_API_BASE_URL=http://127.0.0.1:9\n`;

  beforeAll(async () => {
    dataDir = tempDir();
    await seedMembers(dataDir, '415', numbersIn('415', 2));
  });
  beforeEach(() => process.chdir(tempDir()));
  afterEach(() => process.chdir(cwd));

  const configuration = async () =>
    (await runDoctor({})).filter((r) => r.name === 'configuration').map((r) => `${r.ok ? (r.warn ? 'WARN' : 'OK') : 'FAIL'} ${r.detail}`);

  it('warns that it checks a development configuration, naming what the production start would refuse', async () => {
    fs.writeFileSync('.env', `DATA_DIR=${dataDir}\nHEADSUP_MASTER_KEY=${TEST_MASTER_KEY}\n${twilio}`, { mode: 0o600 });
    const said = await configuration();
    expect(said).toContain(
      'WARN NODE_ENV is not production (unset, so development) though a provider is configured: this checks a development configuration. If this line is in production, set NODE_ENV=production in .env (the start and this command both read it), not only on the start command; under NODE_ENV=production it would refuse it: PUBLIC_URL: required with Twilio when NODE_ENV=production: the https address Twilio calls, such as https://headsup.example.org',
    );
  }, 30_000);

  it('checks the production rules when NODE_ENV=production is in .env', async () => {
    fs.writeFileSync('.env', `NODE_ENV=production\nDATA_DIR=${dataDir}\nHEADSUP_MASTER_KEY=${TEST_MASTER_KEY}\n${twilio}`, { mode: 0o600 });
    expect(await configuration()).toEqual(['FAIL PUBLIC_URL: required with Twilio when NODE_ENV=production: the https address Twilio calls, such as https://headsup.example.org']);
  }, 30_000);

  it('says nothing of NODE_ENV on a development line with no provider', async () => {
    fs.writeFileSync('.env', `DATA_DIR=${dataDir}\nHEADSUP_MASTER_KEY=${TEST_MASTER_KEY}\n`, { mode: 0o600 });
    expect(await configuration()).toEqual(['OK every variable is valid']);
  }, 30_000);
});
