/**
 * A member's number reported invalid (30005, 30006) by the fake Twilio's
 * signed status callbacks, alert after alert: not final at once (a port, a
 * VoIP carrier's trouble). Her membership is marked invalid at the third
 * such alert in a row only, a day or more after the first (a burst within
 * minutes does not), a delivered one starting the count again, a replayed
 * report counting once; marked, she keeps her areas, and the next message
 * she sends makes her active again, but not 14 days after the first
 * refusal: the number may be someone else's by then.
 */
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const TWICE = '+14155550131'; // 30006 for alerts 1 and 2
const THRICE = '+14155550132'; // 30006 for alerts 1 to 3
const RESET = '+14155550133'; // 30005 for alerts 1 and 2, then 4 and 5
const REPLAYED = '+14155550134'; // 30006 for alerts 1 and 2, each report replayed
const BURST = '+14155550135'; // 30006 for alerts 3 to 5, minutes apart
const LAPSED = '+14155550136'; // 30006 for alerts 1 to 3, as THRICE
const ALL = [TWICE, THRICE, RESET, REPLAYED, BURST, LAPSED];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('a number reported invalid, alert after alert', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let alerts = 0;
  /** How far the server's clock is ahead of the wall clock. */
  let ahead = 0;

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '100' }, now: () => Date.now() + ahead });
    fake.callbackBase = h.url;
    for (const n of ALL) expect((await h.sms(n, 'JOIN')).message).toContain('415');
    fake.failDelivery(TWICE, 30006, 'undelivered', 2);
    fake.failDelivery(THRICE, 30006, 'undelivered', 3);
    fake.failDelivery(RESET, 30005, 'undelivered', 2);
    fake.failDelivery(REPLAYED, 30006, 'undelivered', 2);
    fake.failDelivery(LAPSED, 30006, 'undelivered', 3);
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const alertsTo = (n: string, text: string) => fake.to(n).filter((m) => m.body.includes(text));
  const status = (n: string) => findMember(h.server.db, h.server.vault, { channel: 'sms', address: n })?.status;
  const areasOf = (n: string) => listAreas(h.server.db, findMember(h.server.db, h.server.vault, { channel: 'sms', address: n })!.id);
  /** Every alert planned and every copy tried (pending: not yet, or leased while in flight). */
  const settled = () =>
    (h.server.db.sqlite.prepare("SELECT (SELECT count(*) FROM alerts WHERE planned_at IS NULL) + (SELECT count(*) FROM outbox WHERE state = 'pending') AS n").get() as { n: number }).n === 0;

  /** Alert number `n` (its text 'warning n'), sent to 415; waits for every copy to be settled and reported. */
  async function alert(): Promise<string> {
    const text = `warning ${++alerts}`;
    expect((await h.sms(MOD, `ALERT 415 ${text}: grey van`)).status).toBe(200);
    await waitFor(() => settled() && fake.inFlight === 0, 10_000, `${text} sent`);
    await fake.callbacksSettled();
    return text;
  }

  /** Posts again, signed, the final report of each message to `n` (a replayed capture: Twilio's signature has no nonce). */
  async function replayReports(n: string): Promise<void> {
    for (const m of fake.to(n)) {
      const report = fake.callbacks.find((c) => c.sid === m.sid && c.status === 'undelivered');
      const u = new URL(m.statusCallback!);
      const fields = { AccountSid: ACCOUNT_SID, MessageSid: m.sid, MessageStatus: 'undelivered', ErrorCode: report!.errorCode!, To: n };
      expect((await h.postForm(u.pathname + u.search, fields)).status).toBe(204);
    }
  }

  // The story runs once, in order; each test reads its part.
  const texts: string[] = [];
  let story: Promise<void> | null = null;
  const run = () => (story ??= tell());
  async function tell(): Promise<void> {
    texts.push(await alert(), await alert());
    for (let i = 0; i < 3; i++) await replayReports(REPLAYED);
    // After two reports: everyone still active, and alert 3 goes to all (delivered to TWICE, RESET and REPLAYED).
    for (const n of ALL) expect(status(n)).toBe('active');
    // Alert 3 a day and more after the first: THRICE's and LAPSED's third refusal marks them.
    ahead += 25 * HOUR;
    fake.failDelivery(BURST, 30006, 'undelivered', 3);
    texts.push(await alert());
    fake.failDelivery(RESET, 30005, 'undelivered', 2);
    texts.push(await alert(), await alert());
  }

  it('leaves her active after two invalid alerts in a row, and sends her the third', async () => {
    await run();
    expect(alertsTo(TWICE, texts[2]!)).toHaveLength(1);
    expect(fake.callbacks.find((c) => c.sid === alertsTo(TWICE, texts[2]!)[0]!.sid && c.status === 'delivered')).toMatchObject({ answer: 204 });
    expect(status(TWICE)).toBe('active');
  });

  it('marks her invalid at the third, keeps her areas, and skips her next alert', async () => {
    await run();
    expect(alertsTo(THRICE, texts[2]!)).toHaveLength(1);
    expect(status(THRICE)).toBe('invalid');
    expect(areasOf(THRICE)).toEqual(['415']);
    expect(alertsTo(THRICE, texts[3]!)).toHaveLength(0);
    expect(alertsTo(THRICE, texts[4]!)).toHaveLength(0);
  });

  it('starts the count again at a delivered alert', async () => {
    await run();
    // Two invalid, one delivered, two invalid: still active, and the fifth alert did go to her.
    expect(alertsTo(RESET, texts[4]!)).toHaveLength(1);
    expect(status(RESET)).toBe('active');
  });

  it('does not mark her for three refusals in a row within minutes (one bad hour), and sends her the next alert', async () => {
    await run();
    expect(status(BURST)).toBe('active');
    const text = await alert();
    expect(alertsTo(BURST, text)).toHaveLength(1);
  });

  it('counts a replayed report once', async () => {
    await run();
    expect(alertsTo(REPLAYED, texts[2]!)).toHaveLength(1);
    expect(status(REPLAYED)).toBe('active');
  });

  it('makes her active again, areas and all, at the next message she sends (AREAS), and tells her nothing more than its answer', async () => {
    await run();
    expect(status(THRICE)).toBe('invalid');
    const before = fake.to(THRICE).length;
    expect((await h.sms(THRICE, 'AREAS')).status).toBe(200);
    expect(status(THRICE)).toBe('active');
    expect(areasOf(THRICE)).toEqual(['415']);
    const text = await alert();
    expect(fake.to(THRICE).map((m) => m.body.includes(text))).toEqual([...Array<boolean>(before).fill(false), true]);
  });

  it('14 days after the first refusal, brings nothing back at a message from the number (a new holder?): no areas, and JOIN as before', async () => {
    await run();
    expect(status(LAPSED)).toBe('invalid');
    ahead += 14 * DAY;
    expect((await h.sms(LAPSED, 'who is this?')).status).toBe(200);
    expect(status(LAPSED)).toBe('invalid');
    expect(areasOf(LAPSED)).toEqual([]);
    expect((await h.sms(LAPSED, 'JOIN')).message).toContain('415');
    expect(status(LAPSED)).toBe('active');
  });
});
