/**
 * BUDDY OFF withdraws an invitation that has not gone out yet (the provider
 * was down): the person the member named is not texted her name afterwards.
 */
import { openRowAddress } from '../../src/store/outbox';
import { startHarness, type Harness } from '../helpers/harness';

const MEMBER = '+14155550100';
const OTHER = '+14155550122';
const BUDDY = '+14155550199';

describe('BUDDY OFF', () => {
  let h: Harness;
  // Twilio unreachable: the invitation waits in the outbox, retried with backoff.
  beforeAll(async () => {
    h = await startHarness({ twilioApiBaseUrl: 'http://127.0.0.1:9' });
  });
  afterAll(() => h.close());

  const waitingTo = () =>
    (h.server.db.sqlite.prepare("SELECT id, address_ct, key_version FROM outbox WHERE state = 'pending' AND address_ct IS NOT NULL").all() as Array<{ id: number; address_ct: Buffer; key_version: number }>)
      .filter((r) => openRowAddress(h.server.vault, r) === BUDDY).length;

  it('erases an invitation still waiting to be sent', async () => {
    expect((await h.sms(MEMBER, 'JOIN')).message).toContain('415');
    expect((await h.sms(MEMBER, `BUDDY ${BUDDY} Ann`)).message).toContain('0199');
    expect(waitingTo()).toBe(1);
    await h.sms(MEMBER, 'BUDDY OFF');
    expect(waitingTo()).toBe(0);
  });

  it("leaves another member's invitation to the same number", async () => {
    await h.sms(OTHER, 'JOIN');
    await h.sms(MEMBER, `BUDDY ${BUDDY} Ann`);
    await h.sms(OTHER, `BUDDY ${BUDDY} Bea`);
    expect(waitingTo()).toBe(2);
    await h.sms(MEMBER, `BUDDY OFF ${BUDDY}`);
    expect(waitingTo()).toBe(1);
  });
});
