/**
 * What a member sends over Signal while Heads Up is stopped waits at
 * signal-cli (native mode, polled) and is handled when it is back: before
 * the check-in timers, the planner, the dispatcher and the draft lapse start,
 * and judged by when Signal's server received it where timing decides her
 * fate (an OK or LATER before the deadline, an answer before its question
 * lapsed). The server's clock is moved on while it is down.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { runAdminCli } from '../helpers/admin-cli';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, tempDir, TEST_MASTER_KEY, TEST_RECEIVER, waitFor, type Harness } from '../helpers/harness';
import { seedParkedSignal } from '../helpers/seed';
import { QUICK_RETRIES } from '../helpers/signal-world';

const t = catalog('en');
const MIN = 60_000;
const member = (n: number) => ({ uuid: `1b2c3d4e-5f60-4a7b-8c9d-0000000000${String(n).padStart(2, '0')}`, number: `+141555501${String(n).padStart(2, '0')}` });

describe('messages sent over Signal while the server was down', () => {
  let signal: FakeSignal;
  let twilio: FakeTwilio;
  let h: Harness | null = null;
  /** How far the server's clock runs ahead of the wall clock. */
  let ahead = 0;
  const now = () => Date.now() + ahead;

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
    twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await signal.start();
    await twilio.start();
  });
  afterEach(async () => {
    await h?.close();
    h = null;
  });
  afterAll(async () => {
    await signal.stop();
    await twilio.stop();
  });

  const start = async (dataDir: string) => {
    h = await startHarness({
      dataDir,
      signalApiUrl: signal.url,
      signalReceiveMode: 'poll',
      twilioApiBaseUrl: twilio.url,
      env: { CHECKIN_MIN_MINUTES: '1' },
      dispatcher: QUICK_RETRIES,
      // Polls answered at once (timeout=0, the line's is 1 s): a stop no longer waits out the poll in flight.
      signal: { throttle: { baseMs: 100, maxMs: 800 }, receiver: { ...TEST_RECEIVER, pollTimeoutS: 0 } },
      now,
    });
    return h;
  };
  const stop = async () => {
    await h?.close();
    h = null;
  };
  /** She sends `text` now (by the server's clock), and it waits at signal-cli while the server is down; returns when Signal received it. */
  const sendWhileDown = (who: { uuid: string; number: string | null }, text: string) => {
    const at = now();
    signal.push(textEnvelope(SIGNAL_NUMBER, who, text, at, at));
    return at;
  };
  const say = async (who: { uuid: string; number: string | null }, text: string) => {
    const before = signal.to(who.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, who, text, now(), now()));
    await waitFor(() => signal.to(who.uuid).length > before, 10_000, text);
  };
  const got = (who: { uuid: string }) => signal.to(who.uuid).map((m) => m.message);

  /** The server is started again `minutes` later (by its clock); returns how many messages she had got before. */
  const backAfter = async (dataDir: string, minutes: number, who: { uuid: string }) => {
    ahead += minutes * MIN;
    const before = got(who).length;
    await start(dataDir);
    return before;
  };

  /** Rose joins, Ann (SMS) accepts to be her buddy, and Rose starts CHECKIN 30 blue Honda. */
  const checkedIn = async (rose: { uuid: string; number: string }, buddy: string) => {
    const dataDir = tempDir();
    const server = await start(dataDir);
    await say(rose, 'JOIN 415');
    expect((await server.sms(buddy, 'HELP')).status).toBe(200);
    signal.push(textEnvelope(SIGNAL_NUMBER, rose, `BUDDY ${buddy.slice(2)} Ann`, now(), now()));
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('safety buddy')), 10_000, 'the invitation');
    expect((await server.sms(buddy, 'ACCEPT')).message).toBe(t.buddyAccepted());
    await say(rose, 'CHECKIN 30 blue Honda');
    // Its own reply, sent before the stop: the buddy's acceptance told to her may be what say() saw arrive, and a
    // reply still queued at the stop would go after the restart, taken there for the answer to what she sent then.
    await waitFor(() => got(rose).some((m) => m.startsWith('Heads Up: check-in until')), 10_000, 'the CHECKIN reply');
    return dataDir;
  };

  it('an OK sent before the deadline ends the check-in: her buddy hears nothing, her details are not shared', async () => {
    const rose = member(1);
    const buddy = '+14155550177';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    ahead += 20 * MIN;
    sendWhileDown(rose, 'OK');
    // Back an hour later: the deadline passed while the server was down.
    const before = await backAfter(dataDir, 60, rose);
    await waitFor(() => got(rose).length > before, 10_000, 'the answer to her OK');
    expect(got(rose).slice(before)).toEqual([t.checkinOk()]);
    expect(twilio.to(buddy).filter((m) => m.body.includes('blue Honda'))).toEqual([]);
  }, 60_000);

  it('an OK held behind her changed safety number still ends the check-in before the timers start', async () => {
    const rose = member(9);
    const buddy = '+14155550181';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    // A new phone: signal-cli reports only that her message could not be decrypted, and hands it over once her key is trusted.
    signal.changeIdentity(rose.uuid);
    signal.holdUntrusted = true;
    try {
      ahead += 20 * MIN;
      sendWhileDown(rose, 'OK');
      const before = await backAfter(dataDir, 60, rose);
      await waitFor(() => got(rose).length > before, 10_000, 'the answer to her OK');
      expect(got(rose).slice(before)).toEqual([t.checkinOk()]);
      expect(twilio.to(buddy).filter((m) => m.body.includes('blue Honda'))).toEqual([]);
      // Caught up by the receive after the trust, not by the bound.
      expect((h as Harness).logs.filter((l) => /not received in time|did not catch up in time/.test(l))).toEqual([]);
    } finally {
      signal.holdUntrusted = false;
    }
  }, 60_000);

  it('with signal-cli unreachable at start, the check-in timers wait no longer than the bound', async () => {
    const rose = member(6);
    const buddy = '+14155550179';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    ahead += 31 * MIN;
    // signal-cli-rest-api does not answer (nothing listens there): its first receive never comes.
    h = await startHarness({ dataDir, signalApiUrl: 'http://127.0.0.1:9', signalReceiveMode: 'poll', twilioApiBaseUrl: twilio.url, dispatcher: QUICK_RETRIES, now });
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('blue Honda')), 10_000, 'the escalation once the bound passed');
    expect(h.logs.some((l) => l.includes('were not received in time'))).toBe(true);
  }, 60_000);

  it('a LATER sent before the deadline moves it on from that deadline, as if the server had been up', async () => {
    const rose = member(2);
    const buddy = '+14155550178';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    ahead += 20 * MIN;
    sendWhileDown(rose, 'LATER 30');
    // Back at 35 minutes: past the first deadline (30), before the one LATER set (60).
    const before = await backAfter(dataDir, 15, rose);
    await waitFor(() => got(rose).length > before, 10_000, 'the answer to her LATER');
    expect(got(rose).slice(before)).toEqual([expect.stringMatching(/^Heads Up: check-in extended to /)]);
    expect(twilio.to(buddy)).toHaveLength(1);
    // 61 minutes after she checked in: the deadline she set (60) has passed, her buddy is told.
    ahead += 26 * MIN;
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('blue Honda')), 5_000, 'the escalation at the deadline LATER set');
  }, 60_000);

  it('a LATER whose new end had passed by the time it is handled is not answered "extended": she hears her buddies are told', async () => {
    const rose = member(10);
    const buddy = '+14155550182';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    ahead += 20 * MIN;
    // Sent 10 minutes before her end: LATER 10 moves it to 40 minutes after she checked in.
    sendWhileDown(rose, 'LATER 10');
    // Back at 80 minutes: that end too has passed.
    const before = await backAfter(dataDir, 60, rose);
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('blue Honda')), 10_000, 'the escalation');
    await waitFor(() => got(rose).length > before, 10_000, 'what she is told');
    expect(got(rose).slice(before)).toEqual([expect.stringMatching(/^Heads Up: you didn't check in, so we're messaging your buddies/)]);
  }, 60_000);

  it('a CHECKIN that replaced hers while the server was down ends counted from when she sent it, not from when it was handled', async () => {
    const rose = member(11);
    const buddy = '+14155550184';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    ahead += 20 * MIN;
    const sent = sendWhileDown(rose, 'CHECKIN 20 red Ford');
    // Back at 35 minutes: her first end (30) has passed, the one she set (40) has not.
    const before = await backAfter(dataDir, 15, rose);
    await waitFor(() => got(rose).length > before, 10_000, 'the answer to her CHECKIN');
    expect(got(rose).slice(before)).toEqual([expect.stringMatching(new RegExp(`check-in until ${clockTime(sent + 20 * MIN)}( on \\S+ \\d+)? \\(it replaces`))]);
    expect(twilio.to(buddy)).toHaveLength(1);
    // 41 minutes after the first: 21 after she sent it. Counted from its handling, it would end 15 minutes later.
    ahead += 6 * MIN;
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('red Ford')), 5_000, 'the escalation at the end she set');
    expect(twilio.to(buddy).filter((m) => m.body.includes('blue Honda'))).toEqual([]);
  }, 60_000);

  it('a CHECKIN whose end had passed by the time it is handled escalates at once; her answer names that end', async () => {
    const rose = member(12);
    const buddy = '+14155550185';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    ahead += 20 * MIN;
    const sent = sendWhileDown(rose, 'CHECKIN 20 red Ford');
    // Back at 80 minutes: the end she set (40) passed 40 minutes ago.
    const before = await backAfter(dataDir, 60, rose);
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('red Ford')), 10_000, 'the escalation');
    await waitFor(() => got(rose).length >= before + 2, 10_000, 'what she is told');
    expect(got(rose).slice(before)).toEqual([
      // Its end names the day too when the test's clock has passed midnight since (the file's clock runs ahead).
      expect.stringMatching(new RegExp(`check-in until ${clockTime(sent + 20 * MIN)}( on \\S+ \\d+)? \\(it replaces`)),
      expect.stringMatching(/^Heads Up: you didn't check in, so we're messaging your buddies/),
    ]);
  }, 60_000);

  it('a parked OK not yet due to be tried again is tried at start, before the check-in timers', async () => {
    const rose = member(13);
    const buddy = '+14155550183';
    const dataDir = await checkedIn(rose, buddy);
    await stop();
    // Her OK, 25 minutes in, failed to be handled just before the server stopped: parked, its next try 10 minutes on.
    ahead += 25 * MIN;
    await seedParkedSignal(dataDir, rose, 'OK', { sentAt: now(), dueAt: now() + 10 * MIN });
    // Back at 32 minutes: past her deadline (30), before the parked OK's next try (35).
    const before = await backAfter(dataDir, 7, rose);
    await waitFor(() => got(rose).length > before, 10_000, 'the answer to her OK');
    expect(got(rose).slice(before)).toEqual([t.checkinOk()]);
    expect(twilio.to(buddy).filter((m) => m.body.includes('blue Honda'))).toEqual([]);
  }, 60_000);

  it('no alert reaches her after a STOP she sent before the alert existed', async () => {
    const rose = member(3);
    const lily = member(4);
    const dataDir = tempDir();
    await start(dataDir);
    await say(rose, 'JOIN 415');
    await say(lily, 'JOIN 415');
    await stop();
    sendWhileDown(rose, 'STOP');
    // While the server is down, a moderator sends an alert from the command line.
    const admin = await runAdminCli(['ALERT', '415', 'man', 'in', 'a', 'white', 'van', 'would', 'not', 'pay'], {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      HEADSUP_MASTER_KEY: TEST_MASTER_KEY,
      SIGNAL_API_URL: signal.url,
      SIGNAL_NUMBER,
      SIGNAL_RECEIVE_MODE: 'poll',
    });
    expect(admin.code).toBe(0);
    const before = got(rose).length;
    await start(dataDir);
    await waitFor(() => got(lily).some((m) => m.includes('white van')), 10_000, 'the alert to the member who stayed');
    await waitFor(() => got(rose).length > before, 10_000, 'the answer to her STOP');
    expect(got(rose).filter((m) => m.includes('white van'))).toEqual([]);
  }, 90_000);

  it("a guided report's answer sent before its question lapsed is an answer, and DONE files it", async () => {
    const rose = member(5);
    const dataDir = tempDir();
    await start(dataDir);
    await say(rose, 'JOIN 415');
    await say(rose, 'REPORT');
    await say(rose, '1');
    expect(got(rose).at(-1)).toBe(t.reportAsk('when'));
    await stop();
    ahead += 10 * MIN;
    sendWhileDown(rose, 'last night around 11pm');
    ahead += 1_000;
    sendWhileDown(rose, 'DONE');
    // Back 50 minutes later: the draft would have lapsed 30 minutes after her last answer.
    const before = await backAfter(dataDir, 50, rose);
    await waitFor(() => got(rose).length >= before + 2, 10_000, 'the answers to her answer and DONE');
    expect(got(rose).slice(before)).toEqual([t.reportAsk('where'), expect.stringMatching(/^Heads Up: thank you\. Report #\w+ for 415 is with a moderator/)]);
    expect((h as Harness).server.expireDrafts()).toEqual({ filed: 0, dropped: 0 });
  }, 60_000);

  it('the answer to which area, sent before the question lapsed, joins her', async () => {
    // Her number hidden: JOIN cannot take its area, and asks.
    const rose = { ...member(7), number: null };
    const dataDir = tempDir();
    await start(dataDir);
    await say(rose, 'JOIN');
    const asked = got(rose).at(-1);
    await stop();
    ahead += 10 * MIN;
    sendWhileDown(rose, '415');
    // Back 70 minutes later: the question would have lapsed an hour after it was asked.
    const before = await backAfter(dataDir, 60, rose);
    await waitFor(() => got(rose).length > before, 10_000, 'the answer to her area');
    expect(asked).toContain('which area');
    expect(got(rose).slice(before)).toEqual([t.joined(['415'])]);
  }, 60_000);
});
