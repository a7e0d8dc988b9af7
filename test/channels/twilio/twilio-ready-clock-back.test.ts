/**
 * TwilioSender.ready remembers Twilio's answer for a while; one remembered
 * while the clock ran an hour fast must not be kept for that hour once the
 * clock is set right. TwilioSender reads Date.now: the test moves it.
 */
import { TwilioSender } from '../../../src/channels/twilio/twilio-sender';
import { FakeTwilio } from '../../fakes/fake-twilio';

const ACCOUNT = `AC${'3'.repeat(32)}`;
const TOKEN = 'fake-token-2';

it('asks Twilio again once the clock steps back, rather than keeping the answer for the step', async () => {
  const fake = new FakeTwilio({ accountSid: ACCOUNT, authToken: TOKEN });
  const url = await fake.start();
  const s = new TwilioSender({ config: { accountSid: ACCOUNT, apiBaseUrl: url, redact: false, fromNumber: '+15005550006' }, authToken: TOKEN, statusCallbackUrl: 'https://headsup.example.org/s', timeoutMs: 5_000 });
  const real = Date.now;
  const fast = jest.spyOn(Date, 'now').mockImplementation(() => real() + 3_600_000);
  try {
    expect(await s.ready()).toBe('ready');
    // Twilio stops answering; NTP sets the clock right.
    await fake.stop();
    fast.mockRestore();
    expect(await s.ready()).toBe('no_answer');
  } finally {
    fast.mockRestore();
    await s.close();
  }
});
