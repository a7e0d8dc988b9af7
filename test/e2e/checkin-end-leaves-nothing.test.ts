/**
 * However a check-in ends (OK after its escalation went out, to buddies or
 * to the moderators; OK after a reminder; LATER taking back an escalation
 * not yet sent, then OK; STOP while it runs), read with the key afterwards
 * the database holds nothing of its details: no sealed value of any column
 * opens to them. Over SMS and over Signal.
 */
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor, type Harness } from '../helpers/harness';
import { openedWithKey } from '../helpers/opened-with-key';
import { ask, startSignalWorld, testUuid, type SignalWorld } from '../helpers/signal-world';

const MOD = '+14155550199';
const ROSE = '+14155550100';
const BUDDY = '+14155550177';
const MIA = '+14155550101';
const ZOE = '+14155550102';
const ZOES_BUDDY = '+14155550178';
const MIN = 60_000;
/** A check-in of 0.05 minutes (CHECKIN_MIN_MINUTES) is three seconds: the tests move the server's clock on that much rather than wait. */
const CHECKIN_MS = 3_000;

describe('the end of a check-in', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let ahead = 0;
  let throttle = false;
  let throttled = 0;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: (m) => (throttle && m.to === ZOES_BUDDY ? (throttled++, TWILIO_ERRORS.throttled) : 'accept') });
    await fake.start();
    h = await startHarness({
      twilioApiBaseUrl: fake.url,
      env: { CHECKIN_MIN_MINUTES: '0.05', CHECKIN_FALLBACK: 'moderators', MODERATORS: MOD, SEND_RATE: '100' },
      now: () => Date.now() + ahead,
    });
    fake.callbackBase = h.url;
    for (const [member, buddy] of [[ROSE, BUDDY], [ZOE, ZOES_BUDDY]] as const) {
      await h.sms(member, 'JOIN');
      await h.sms(member, `BUDDY ${buddy} Rosalind`);
      await waitFor(() => fake.to(buddy).length === 1, 10_000, 'the invitation');
      await h.sms(buddy, 'ACCEPT');
    }
    await h.sms(MIA, 'JOIN');
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const holding = (details: string) => openedWithKey(h.server.db, h.server.vault).filter((v) => v.includes(details));
  const delivered = (to: string, marker: string) =>
    fake.callbacks.some((c) => c.to === to && c.status === 'delivered' && c.answer === 204 && fake.to(to).some((m) => m.sid === c.sid && m.body.includes(marker)));

  it('leaves nothing of the details once OK follows an escalation her buddy got', async () => {
    await h.sms(ROSE, 'CHECKIN 0.05 orange hatchback');
    ahead += CHECKIN_MS;
    await waitFor(() => delivered(BUDDY, 'orange hatchback'), 15_000, 'the escalation delivered');
    expect((await h.sms(ROSE, 'OK')).message).toMatch(/told them/);
    await waitFor(() => delivered(BUDDY, 'checked in'), 15_000, 'the buddy told');
    expect(holding('orange hatchback')).toEqual([]);
  }, 30_000);

  it('leaves nothing of the details once OK follows an escalation the moderators got (CHECKIN_FALLBACK)', async () => {
    await h.sms(MIA, 'CHECKIN 0.05 teal pickup, Hotel Juniper');
    ahead += CHECKIN_MS;
    await waitFor(() => delivered(MOD, 'teal pickup'), 15_000, 'the moderators told');
    expect((await h.sms(MIA, 'OK')).message).toMatch(/told them/);
    await waitFor(() => delivered(MOD, 'has now checked in'), 15_000, 'the moderators told she is OK');
    expect(holding('teal pickup')).toEqual([]);
  }, 30_000);

  it('leaves nothing of the details once OK ends one whose reminder went out', async () => {
    await h.sms(ROSE, 'CHECKIN 12 yellow cab from the Lantern bar');
    ahead += 3 * MIN;
    await waitFor(() => delivered(ROSE, 'LATER 30 for more time'), 15_000, 'the reminder');
    expect(holding('yellow cab')).toHaveLength(1);
    expect((await h.sms(ROSE, 'OK')).message).toMatch(/details erased/);
    expect(holding('yellow cab')).toEqual([]);
  }, 30_000);

  it('leaves nothing of the details once LATER took back an escalation not yet sent and OK ended it', async () => {
    throttle = true;
    await h.sms(ZOE, 'CHECKIN 0.05 maroon coupe on Dock Street');
    ahead += CHECKIN_MS;
    // Tried once and refused (429): back in the outbox, not in flight (a send in flight may have been heard).
    const inFlight = () => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND lease_until > 0").get() as { n: number }).n;
    await waitFor(() => throttled > 0 && inFlight() === 0 && holding('maroon coupe').some((v) => v.startsWith('outbox.body')), 15_000, 'the escalation queued');
    expect((await h.sms(ZOE, 'LATER 30')).message).toMatch(/no one will be now/);
    throttle = false;
    expect((await h.sms(ZOE, 'OK')).message).toMatch(/details erased|told them/);
    expect(holding('maroon coupe')).toEqual([]);
  }, 30_000);

  it('leaves nothing of the details once STOP ends one that runs', async () => {
    await h.sms(ROSE, 'CHECKIN 60 white van, driver Casimir');
    expect(holding('Casimir')).toHaveLength(1);
    await h.sms(ROSE, 'STOP');
    expect(holding('Casimir')).toEqual([]);
  });
});

describe('the end of a check-in over Signal', () => {
  const HER = { uuid: testUuid(41), number: '+15035550141' };
  const HER_BUDDY = { uuid: testUuid(42), number: '+15035550142' };
  let w: SignalWorld;
  let ahead = 0;

  beforeAll(async () => {
    w = await startSignalWorld({ sms: true, env: { CHECKIN_MIN_MINUTES: '0.05', SEND_RATE: '100' }, now: () => Date.now() + ahead });
  });
  afterAll(() => w.close());

  it('leaves nothing of the details once OK follows an escalation her Signal buddy got', async () => {
    await ask(w.signal, HER, 'JOIN 503');
    await ask(w.signal, HER, 'BUDDY SIGNAL 503-555-0142 Oriana');
    await waitFor(() => w.signal.to(HER_BUDDY.number).some((m) => m.message.includes('safety buddy')), 10_000, 'the invitation');
    await ask(w.signal, HER_BUDDY, 'ACCEPT');
    await ask(w.signal, HER, 'CHECKIN 0.05 plum sedan at the Aster Inn');
    ahead += CHECKIN_MS;
    await waitFor(() => w.signal.to(HER_BUDDY.number).some((m) => m.message.includes('plum sedan')), 15_000, 'the escalation');
    // Her own notice of it first: ask() takes the first message after hers, which under load was that notice.
    await waitFor(() => w.signal.to(HER.uuid).some((m) => m.message.includes("didn't check in")), 15_000, 'her notice of the escalation');
    expect(await ask(w.signal, HER, 'OK')).toMatch(/told them/);
    expect(openedWithKey(w.h.server.db, w.h.server.vault).filter((v) => v.includes('plum sedan'))).toEqual([]);
  }, 40_000);
});
