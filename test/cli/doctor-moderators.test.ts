/** doctor names a moderator listed by number on a line with Signal and no Twilio, in production or not: her commands would never be taken. */
import { runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/harness';

const LINE = { DATA_DIR: '', SIGNAL_API_URL: 'http://127.0.0.1:9', SIGNAL_NUMBER: '+14155550199', MODERATORS: '0f0e0d0c-0b0a-4908-8706-050403020100,+14155550100' };

it('fails the configuration check in production, naming MODERATORS and how to find a Signal UUID, without quoting the number; the other checks still run', async () => {
  const env = { ...LINE, DATA_DIR: tempDir(), NODE_ENV: 'production', HEADSUP_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') };
  const results = await runDoctor(env);
  const config = results.find((r) => r.name === 'configuration');
  expect(config).toMatchObject({ ok: false });
  expect(config?.detail).toMatch(/^MODERATORS: entry 2 is a number, but without Twilio moderators are on Signal, listed by their Signal UUID: .*signal-uuid.*docs\/signal\.md/);
  expect(results.map((r) => r.detail).join('\n')).not.toContain('4155550100');
  expect(results.map((r) => r.name)).toContain('database');
});

it('fails it outside production too: the console is no SMS channel beside Signal', async () => {
  const results = await runDoctor({ ...LINE, DATA_DIR: tempDir(), NODE_ENV: 'development' });
  expect(results.find((r) => r.name === 'configuration')?.detail).toMatch(/^MODERATORS: entry 2 is a number, but without Twilio moderators are on Signal/);
});
