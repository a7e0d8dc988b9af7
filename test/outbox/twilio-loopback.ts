/** The fake Twilio on loopback and the line's own TwilioSender pointed at it: what the retraction tests send through. */
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { FakeTwilio } from '../fakes/fake-twilio';

export interface TwilioLoopback {
  fake: FakeTwilio;
  sender: TwilioSender;
  close(): Promise<void>;
}

/** Started; `digit` and `token` keep each test file's account apart. */
export async function twilioLoopback(digit: string, token: string): Promise<TwilioLoopback> {
  const accountSid = `AC${digit.repeat(32)}`;
  const fake = new FakeTwilio({ accountSid, authToken: token });
  await fake.start();
  const sender = new TwilioSender({
    config: { accountSid, fromNumber: '+15005550006', apiBaseUrl: fake.url, redact: false },
    authToken: token,
    statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
    timeoutMs: 5_000,
  });
  return {
    fake,
    sender,
    close: async () => {
      await sender.close();
      await fake.stop();
    },
  };
}
