/** doctor names a moderator listed by number on a line with Signal and no Twilio: her commands would never be taken. */
import { runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/harness';

it('fails the configuration check, naming MODERATORS and how to find a Signal UUID, without quoting the number', async () => {
  const env = { NODE_ENV: 'test', DATA_DIR: tempDir(), SIGNAL_API_URL: 'http://127.0.0.1:9', SIGNAL_NUMBER: '+14155550199', MODERATORS: '+14155550100' };
  const results = await runDoctor(env);
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ name: 'configuration', ok: false });
  expect(results[0]?.detail).toMatch(/^MODERATORS: entry 1 is a number, but without Twilio moderators are on Signal, listed by their Signal UUID/);
  expect(results[0]?.detail).not.toContain('4155550100');
});
