/**
 * What a refused send does to the member: only a refusal about the recipient
 * (opted out, not a number) marks them; one about the line's own account
 * (a destination not enabled in its Messaging Geo Permissions, 21408) fails
 * that message and leaves the member subscribed for when the operator fixes it.
 */
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const MEMBER = '+14155550131';

describe('a send refused for a reason of the account, not the recipient', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let geoEnabled = false;

  beforeAll(async () => {
    fake = new FakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      answer: (msg) => (msg.to === MEMBER && !geoEnabled ? TWILIO_ERRORS.regionDisabled : 'accept'),
    });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '1000' } });
    await h.sms(MEMBER, 'JOIN');
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const failed21408 = () => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'failed' AND error LIKE '%21408%'").get() as { n: number }).n;

  it('fails that alert, keeps the member subscribed, and the next alert reaches them once the region is enabled', async () => {
    expect((await h.sms(MOD, 'ALERT 415 grey van near the station')).message).toBeTruthy();
    await waitFor(() => failed21408() === 1, 5000, 'the refused alert recorded');
    expect(fake.to(MEMBER)).toHaveLength(0);
    expect((await h.sms(MEMBER, 'AREAS')).message).toContain('your alert areas are 415');

    geoEnabled = true;
    await h.sms(MOD, 'ALERT 415 red truck on 5th street');
    await waitFor(() => fake.to(MEMBER).length === 1, 5000, 'the next alert');
    expect(fake.to(MEMBER)[0]!.body).toContain('red truck');
  });
});
