/**
 * An SMS row's text is kept, sealed, only while an "undelivered" may still
 * send it again. Once Twilio reports its final status (a status callback
 * shaped as Twilio posts it) the text is gone: a check-in's escalation (where
 * she went, the client's car) must not stay readable with the key for
 * RETENTION_DAYS. A re-send after "undelivered" (30003, handset off) still
 * carries the whole text.
 */
import { openBody } from '../../src/store/outbox';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness } from '../helpers/harness';

const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIN = 60_000;

describe('an SMS at its final status', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;
  // The server's clock runs this far ahead of the wall clock (the unreachable retry waits 10 minutes; a
  // check-in of 0.05 minutes, 3 s, is run out by moving it on rather than waited for).
  let ahead = 0;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { CHECKIN_MIN_MINUTES: '0.05', SEND_RATE: '100' }, now: () => Date.now() + ahead }));
    fake.callbackBase = h.url;
    await h.sms(ROSE, 'JOIN');
    await h.sms(ROSE, 'BUDDY 415-555-0177 Rosalind');
    await waitFor(() => fake.to(BUDDY).length === 1, 10_000, 'the invitation');
    await h.sms(BUDDY, 'ACCEPT');
  });
  afterAll(() => stop());

  const sqlite = () => h.server.db.sqlite;
  /** Every outbox text the key opens. */
  const texts = () =>
    (sqlite().prepare('SELECT id, body_ct, key_version FROM outbox WHERE body_ct IS NOT NULL').all() as Array<{ id: number; body_ct: Buffer; key_version: number }>).map((r) =>
      openBody(h.server.vault, r),
    );
  const final = (marker: string) => fake.callbacks.filter((c) => c.to === BUDDY && c.answer === 204 && c.status !== 'queued' && c.status !== 'sent' && sentWith(c.sid, marker));
  const sentWith = (sid: string, marker: string) => fake.to(BUDDY).some((m) => m.sid === sid && m.body.includes(marker));

  it('keeps no text once delivered: the escalation and the invitation are gone from the outbox', async () => {
    await h.sms(ROSE, 'CHECKIN 0.05 orange hatchback');
    ahead += 3_000;
    await waitFor(() => final('orange hatchback').some((c) => c.status === 'delivered'), 15_000, 'the escalation delivered');
    expect(texts().filter((t) => t.includes('orange hatchback') || t.includes('Rosalind'))).toEqual([]);
    expect(sqlite().prepare("SELECT count(*) AS n FROM outbox WHERE state = 'delivered' AND body_ct IS NOT NULL").get()).toEqual({ n: 0 });
    expect((await h.sms(ROSE, 'OK')).message).toMatch(/told them/);
    await waitFor(() => final('checked in and is OK').some((c) => c.status === 'delivered'), 15_000, 'the buddy told she is OK');
  }, 30_000);

  it('sends an escalation again, whole, after "undelivered" (handset off), and keeps no text once that one is delivered', async () => {
    fake.failDelivery(BUDDY, 30003, 'undelivered', 1);
    await h.sms(ROSE, 'CHECKIN 0.05 silver minivan at the Motel Aster');
    ahead += 3_000;
    await waitFor(() => final('Motel Aster').some((c) => c.status === 'undelivered'), 15_000, 'the escalation undelivered');
    // Waiting for its retry, the text is still there to send.
    expect(texts().filter((t) => t.includes('Motel Aster'))).toHaveLength(1);
    ahead += 11 * MIN;
    await waitFor(() => final('Motel Aster').some((c) => c.status === 'delivered'), 15_000, 'the retry delivered');
    const sends = fake.to(BUDDY).filter((m) => m.body.includes('silver minivan at the Motel Aster'));
    expect(sends).toHaveLength(2);
    expect(sends[1]!.body).toBe(sends[0]!.body);
    expect(texts().filter((t) => t.includes('Motel Aster'))).toEqual([]);
  }, 30_000);
});
