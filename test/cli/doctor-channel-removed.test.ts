/**
 * doctor on a line restarted with a channel's settings removed while members
 * are still on it: the start warned (parts/channels.ts), doctor said all OK.
 * It warns in the start's words: counts only, and the variables to set.
 */
import { runDoctor } from '../../src/cli/doctor';
import { SIGNAL_NUMBER, startHarness, TEST_MASTER_KEY } from '../helpers/harness';
import { numberForms } from '../helpers/needles';
import { testUuid } from '../helpers/signal-world';

it('warns of SMS members on a line now on Signal only, naming TWILIO_* in counts only', async () => {
  const h = await startHarness();
  await h.sms('+14155550123', 'JOIN 415');
  await h.sms('+14155550124', 'JOIN 415');
  await h.close();
  const env = { NODE_ENV: 'production', DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, SIGNAL_API_URL: 'http://127.0.0.1:9', SIGNAL_NUMBER, MODERATORS: testUuid(71) };
  const results = await runDoctor(env);
  const channels = results.filter((r) => r.name === 'channels');
  expect(channels).toEqual([
    {
      name: 'channels',
      ok: true,
      warn: true,
      detail:
        'SMS is not configured, yet 2 members are on it: they get nothing there until TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER (or TWILIO_MESSAGING_SERVICE_SID) are set (a check-in escalation goes over Signal if it can, other messages but alerts fail at once)',
    },
  ]);
  const printed = results.map((r) => r.detail).join('\n');
  for (const n of [...numberForms('+14155550123'), ...numberForms('+14155550124')]) expect(printed).not.toContain(n);
}, 60_000);

it('says nothing of a channel no one is on', async () => {
  const h = await startHarness();
  await h.close();
  const env = { NODE_ENV: 'production', DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, SIGNAL_API_URL: 'http://127.0.0.1:9', SIGNAL_NUMBER, MODERATORS: testUuid(71) };
  expect((await runDoctor(env)).filter((r) => r.name === 'channels')).toEqual([]);
}, 60_000);
