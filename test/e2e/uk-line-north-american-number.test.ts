/**
 * A UK line's report naming a North American number without its +1 ("texted from 212 555 1234"): shown in the
 * alert, it is found by CHECK written with its +1, while a British number beside it is still read as British.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { findProjectDir } from '../../src/store/find-up';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { refOf, startTwilioLine, waitFor, type Harness } from '../helpers/harness';

const MOD = '+442079460999';
const MEMBER = '+442079460123'; // +4420: London by prefix
const REPORTER = '+447911100004';

describe('a UK line, a report naming a North American number without +1', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { AREAS_FILE: path.join(findProjectDir('config'), 'areas.uk.example.json'), DEFAULT_COUNTRY: 'GB', MODERATORS: MOD, SEND_RATE: '1000' } }));
    await h.sms(MEMBER, 'JOIN');
    const ref = refOf((await h.sms(REPORTER, 'REPORT london choked me, texted from 212 555 1234, his office 020 7946 0958')).message);
    await h.sms(MOD, `APPROVE ${ref}`);
    await waitFor(() => fake.to(MEMBER).some((m) => m.body.includes('choked me')), 5000, 'alert to LDN');
  });
  afterAll(() => stop());

  it('shows the number as written and finds it by CHECK with its +1, in any spelling', async () => {
    expect(fake.to(MEMBER).find((m) => m.body.includes('choked me'))!.body).toContain('texted from 212 555 1234');
    expect((await h.sms(MEMBER, 'CHECK +1 212 555 1234')).message).toMatch(/that number is in 1 alert, .* in LDN/);
    expect((await h.sms(MEMBER, 'CHECK +1 (212) 555-1234')).message).toMatch(/in 1 alert/);
    expect((await h.sms(MEMBER, 'CHECK 001 212 555 1234')).message).toMatch(/in 1 alert/);
  });

  it('reads a British number beside it as British only', async () => {
    expect((await h.sms(MEMBER, 'CHECK +44 20 7946 0958')).message).toMatch(/in 1 alert/);
    // Its digits without the trunk 0 are a Maine number too (207): not what the report named.
    expect((await h.sms(MEMBER, 'CHECK +1 207 946 0958')).message).toMatch(/no alerts name that/);
  });

  it('does not answer "no alerts" about the ten digits alone, which may be any country\'s number without its code', async () => {
    // She is told why: a number from abroad needs its country code.
    expect((await h.sms(MEMBER, 'CHECK 212 555 1234')).message).toBe(catalog('en').checkNumberUnread());
    expect((await h.sms(MEMBER, 'CHECK (212) 555-1234')).message).toBe(catalog('en').checkNumberUnread());
  });

  it('still gives the usage reply to what is no number at all', async () => {
    expect((await h.sms(MEMBER, 'CHECK 12')).message).toBe(catalog('en').checkNeedsNumber({ area: 'LDN', number: '07400 123456', plate: '7ABC123' }));
  });
});
