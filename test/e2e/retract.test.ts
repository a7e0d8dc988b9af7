/**
 * Issue 11 over Signal and SMS together: a guided report from Signal
 * (CANCEL there is the dialogue's, not a carrier opt-out), RETRACT by a
 * moderator over Signal and from the admin command line: unsent copies
 * cancelled, Signal copies remote-deleted, SMS recipients corrected, the
 * identifiers gone from CHECK.
 */
import { FakeSignal, SIGNAL_ERRORS, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, waitFor, type Harness, refOf } from '../helpers/harness';
import { QUICK_RETRIES } from '../helpers/signal-world';

const MOD_SMS = '+14155550999';
const uuid = (n: number) => `2c3d4e5f-6071-4b8c-9dae-${String(n).padStart(12, '0')}`;
const MOD_SIGNAL = { uuid: uuid(900), number: null };
const SIG_MEMBER = { uuid: uuid(1), number: null };
const SIG_REPORTER = { uuid: uuid(2), number: null };
const SMS_MEMBER = '+14155550101';
const SMS_HELD = '+14155550102';
const SMS_REPORTER = '+14155550103';


describe('RETRACT, and guided reports over Signal (issue 11)', () => {
  let signal: FakeSignal;
  let twilio: FakeTwilio;
  let h: Harness;
  // While true, every SMS to SMS_HELD is refused with a 500 (retried): its copy waits in the outbox.
  let hold = true;

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER });
    twilio = new FakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      answer: (msg) => (hold && msg.to === SMS_HELD ? TWILIO_ERRORS.serverError : 'accept'),
    });
    await signal.start();
    await twilio.start();
    h = await startHarness({
      signalApiUrl: signal.url,
      twilioApiBaseUrl: twilio.url,
      env: { MODERATORS: `${MOD_SMS},${MOD_SIGNAL.uuid}`, SEND_RATE: '1000', TWILIO_REDACT: 'off' },
      dispatcher: { ...QUICK_RETRIES, backoff: { baseMs: 100, maxMs: 400, maxAttempts: 60 } },
      retractions: { everyMs: 200, backoff: { baseMs: 50, maxMs: 200 } },
    });
    await waitFor(() => signal.connected === 1, 5_000, 'the receive websocket');
    for (const who of [SIG_MEMBER, SIG_REPORTER, MOD_SIGNAL]) await fromSignal(who, 'JOIN 415');
    for (const n of [SMS_MEMBER, SMS_HELD, SMS_REPORTER]) await h.sms(n, 'JOIN 415');
  });

  afterAll(async () => {
    await h.close();
    await signal.stop();
    await twilio.stop();
  });

  /** Sends a Signal message and resolves with the bot's reply (the first new message matching `reply`: a moderator also gets notices). */
  async function fromSignal(who: { uuid: string; number: string | null }, text: string, reply: RegExp = /./): Promise<string> {
    const before = signal.to(who.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, who, text));
    const found = () => signal.to(who.uuid).slice(before).find((m) => reply.test(m.message));
    await waitFor(() => found() !== undefined, 10_000, `a reply to ${text}`);
    return found()?.message ?? '';
  }

  /** Every Signal copy of the alert with this marker, as remote deletes of it would name them. */
  const signalCopies = (marker: string) =>
    signal.sent
      .filter((m) => m.message.startsWith('Heads Up alert') && m.message.includes(marker))
      .map((m) => ({ recipient: m.recipient, timestamp: m.timestamp }))
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const deletesOf = (marker: string) => {
    const stamps = new Set(signalCopies(marker).map((c) => c.timestamp));
    return signal.remoteDeletes.filter((d) => stamps.has(d.timestamp)).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  };

  // Alerts only: a correction quotes its alert's first words.
  const alertsOver = (list: Array<{ body?: string; message?: string }>, marker: string) =>
    list.filter((m) => (m.body ?? m.message ?? '').includes(marker) && !(m.body ?? m.message ?? '').includes('disregard'));

  it('runs the guided report over Signal: CANCEL throws the draft away, DONE files it', async () => {
    expect(await fromSignal(SIG_REPORTER, 'REPORT')).toContain('What happened?');
    expect(await fromSignal(SIG_REPORTER, '6')).toContain('When did it happen?');
    expect(await fromSignal(SIG_REPORTER, 'CANCEL')).toContain('report dropped');
    expect((h.server.db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n).toBe(0);
    expect(await fromSignal(SIG_REPORTER, 'REPORT 415')).toContain('What happened?');
    await fromSignal(SIG_REPORTER, '7 8');
    const ref = refOf(await fromSignal(SIG_REPORTER, 'DONE'));
    await waitFor(() => twilio.to(MOD_SMS).some((m) => m.body.includes(`#${ref}`)), 5000, 'the notice');
    expect(twilio.to(MOD_SMS).find((m) => m.body.includes(`#${ref}`))?.body).toContain('time-waster, no-show or fake booking');
  });

  it('RETRACT from a Signal moderator cancels the waiting copy, deletes the Signal copy, corrects SMS copies, and leaves CHECK', async () => {
    const ref = refOf((await h.sms(SMS_REPORTER, 'REPORT 415 blue sedan, choked me, texts from 415-555-0166')).message ?? undefined);
    expect(await fromSignal(MOD_SIGNAL, `APPROVE ${ref}`, /approved/)).toContain('approved');
    await waitFor(() => alertsOver(signal.to(SIG_MEMBER.uuid), 'blue sedan').length === 1 && alertsOver(twilio.to(SMS_MEMBER), 'blue sedan').length === 1, 10_000, 'the alert');
    expect((await h.sms(SMS_MEMBER, 'CHECK 415 555 0166')).message).toContain('1 alert');
    // Every copy goes out but SMS_HELD's, which waits (refused and retried).
    const held = () =>
      h.server.db.sqlite
        .prepare("SELECT o.state, o.error FROM outbox o JOIN alerts a ON a.id = o.alert_id JOIN reports r ON r.id = a.report_id WHERE r.ref = ? AND o.state <> 'sent'")
        .all(ref) as Array<{ state: string; error: string | null }>;
    await waitFor(() => held().length === 1, 10_000, 'every other copy sent');
    expect(held().map((r) => r.state)).toEqual(['pending']);

    const reply = await fromSignal(MOD_SIGNAL, `RETRACT ${ref}`, /retracted/);
    expect(reply).toContain(`#${ref} retracted`);
    hold = false;
    // Every Signal member of 415 got a copy (the moderator and the reporter are members too): each is deleted, once.
    expect(signalCopies('blue sedan')).toHaveLength(3);
    await waitFor(() => deletesOf('blue sedan').length === 3, 10_000, 'the remote deletes');
    expect(deletesOf('blue sedan')).toEqual(signalCopies('blue sedan'));
    expect(signal.remoteDeletes.filter((d) => d.recipient === SIG_MEMBER.uuid)).toHaveLength(1);
    await waitFor(() => twilio.to(SMS_MEMBER).some((m) => m.body.includes('disregard')), 10_000, 'the correction');
    const correction = twilio.to(SMS_MEMBER).find((m) => m.body.includes('disregard'))?.body ?? '';
    expect(correction).toMatch(/^Heads Up: please disregard the alert for 415 sent at \d{2}:\d{2}( on \w{3} \d\d?)?\. It was sent in error/);
    expect(correction).not.toContain('0166');
    // The waiting copy never goes out, even once its recipient can be reached again.
    await waitFor(
      () => (h.server.db.sqlite.prepare('SELECT count(*) AS n FROM alerts WHERE retraction_done_at IS NOT NULL').get() as { n: number }).n === 1,
      10_000,
      'the retraction to be followed up',
    );
    // Its tries were answered with a 500, which may follow a send Twilio made: not unsent, so she is corrected, once.
    expect(held()).toEqual([{ state: 'failed', error: 'retracted_maybe_sent' }]);
    expect(alertsOver(twilio.to(SMS_HELD), 'blue sedan')).toEqual([]);
    await waitFor(() => twilio.to(SMS_HELD).some((m) => m.body.includes('disregard')), 10_000, 'the held copy\'s correction');
    expect(twilio.to(SMS_HELD).filter((m) => m.body.includes('disregard'))).toHaveLength(1);
    // Signal copies are deleted, not corrected; SMS copies get one correction each.
    expect(signal.to(SIG_MEMBER.uuid).filter((m) => m.message.includes('disregard'))).toEqual([]);
    expect(twilio.to(SMS_MEMBER).filter((m) => m.body.includes('disregard'))).toHaveLength(1);
    expect((await h.sms(SMS_MEMBER, 'CHECK +14155550166')).message).toContain('no alerts name that');
    expect(await fromSignal(MOD_SIGNAL, `RETRACT ${ref}`, /retracted/)).toContain('already retracted');
  });

  it('RETRACT works from the admin command line, and refuses a report that never went out', async () => {
    const ref = refOf((await h.sms(SMS_REPORTER, 'REPORT 415 green jeep plate 5KLM 204')).message ?? undefined);
    expect(h.server.bot.operate(`RETRACT ${ref}`).reply).toContain('never went out');
    expect(h.server.bot.operate(`APPROVE ${ref}`).reply).toContain('approved');
    await waitFor(() => alertsOver(signal.to(SIG_MEMBER.uuid), 'green jeep').length === 1 && alertsOver(twilio.to(SMS_MEMBER), 'green jeep').length === 1, 10_000, 'the alert');
    expect((await h.sms(SMS_MEMBER, 'CHECK 5klm204')).message).toContain('that plate is in 1 alert');
    expect(await fromSignal(SIG_MEMBER, 'CHECK 5KLM-204', /plate/)).toContain('that plate is in 1 alert');
    // signal-cli-rest-api fails the first two deletions: they are tried again.
    let failures = 2;
    signal.remoteDeleteAnswer = () => (failures-- > 0 ? SIGNAL_ERRORS.server() : 'accept');
    const requests = signal.remoteDeleteRequests;
    expect(h.server.bot.operate(`RETRACT ${ref}`).reply).toContain('retracted');
    await waitFor(() => deletesOf('green jeep').length === 3, 10_000, 'the remote deletes');
    expect(signal.remoteDeleteRequests - requests).toBe(5);
    expect(deletesOf('green jeep')).toEqual(signalCopies('green jeep'));
    await waitFor(() => twilio.to(SMS_MEMBER).filter((m) => m.body.includes('disregard')).length === 2, 10_000, 'the correction');
    expect((await h.sms(SMS_MEMBER, 'CHECK 5klm204')).message).toContain('no alerts name that');
    expect(h.server.bot.operate('RETRACT ZZZZ')).toEqual({ reply: expect.stringContaining('No pending item'), failed: true });
  });
});
