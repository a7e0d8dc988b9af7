/** Where each moderator's notices go, from the line's configuration. */
import { readConfig } from '../../src/config/env';
import { moderatorContacts } from '../../src/config/moderator-contacts';

const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'token-0123456789', TWILIO_FROM_NUMBER: '+15005550006' };
const SIGNAL = { SIGNAL_API_URL: 'http://127.0.0.1:8080', SIGNAL_NUMBER: '+14155550199' };
const NUMBER = '+14155550100';
const UUID = '0f0e0d0c-0b0a-4908-8706-050403020100';

describe('moderatorContacts', () => {
  it('reaches a moderator listed by number by SMS on a line with Twilio and Signal, one listed by UUID over Signal', () => {
    const { config } = readConfig({ ...TWILIO, ...SIGNAL, MODERATORS: `${NUMBER},${UUID}` });
    expect(moderatorContacts(config, () => true)).toEqual([
      { channel: 'sms', address: NUMBER, phone: NUMBER },
      { channel: 'signal', address: UUID },
    ]);
  });

  it('leaves out a moderator on a channel the line does not send through', () => {
    const { config } = readConfig({ ...TWILIO, ...SIGNAL, MODERATORS: `${NUMBER},${UUID}` });
    expect(moderatorContacts(config, (channel) => channel === 'sms')).toEqual([{ channel: 'sms', address: NUMBER, phone: NUMBER }]);
  });

  it('reaches a moderator listed by number over Signal, at her number, when only Signal sends', () => {
    const { config } = readConfig({ ...SIGNAL, MODERATORS: `${NUMBER},${UUID}` });
    expect(moderatorContacts(config, (channel) => channel === 'signal')).toEqual([
      { channel: 'signal', address: NUMBER, phone: NUMBER },
      { channel: 'signal', address: UUID },
    ]);
  });
});
