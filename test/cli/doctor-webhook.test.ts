/**
 * The sender number's incoming-SMS webhook as Twilio's IncomingPhoneNumber
 * record gives it: the cases the fake account's records do not reach.
 */
import { checkSmsWebhook } from '../../src/cli/doctor-webhook';

const PUBLIC = 'https://headsup.example.org';
const HOOK = `${PUBLIC}/webhooks/twilio/sms`;

describe("doctor's check of the number's incoming-SMS webhook", () => {
  it('warns, without failing, where a TwiML App answers for the number (its own SMS URL counts, which the record does not show)', () => {
    expect(checkSmsWebhook({ sms_url: '', sms_method: 'POST', sms_application_sid: 'AP0123456789abcdef0123456789abcdef' }, PUBLIC)).toEqual({
      name: 'twilio webhook',
      ok: true,
      warn: true,
      detail: `TWILIO_FROM_NUMBER hands incoming texts to a TwiML App: check that the App's SMS URL is ${HOOK} (HTTP POST)`,
    });
  });

  it('fails the right URL called with GET, which the line does not take', () => {
    expect(checkSmsWebhook({ sms_url: HOOK, sms_method: 'GET', sms_application_sid: '' }, PUBLIC)).toEqual({
      name: 'twilio webhook',
      ok: false,
      detail: `TWILIO_FROM_NUMBER sends incoming texts with HTTP GET, which the line does not take: set its "A message comes in" URL to ${HOOK} (HTTP POST) in the Twilio console`,
    });
  });

  it('bounds what it quotes of an answer from outside, and takes a missing field as unset', () => {
    const long = `https://x.example/${'a'.repeat(5000)}`;
    expect(checkSmsWebhook({ sms_url: long }, PUBLIC).detail).toContain(`to ${long.slice(0, 300)}, but`);
    expect(checkSmsWebhook({}, PUBLIC).detail).toMatch(/^TWILIO_FROM_NUMBER has no URL for incoming texts/);
  });
});
