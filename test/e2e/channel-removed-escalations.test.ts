/**
 * A line restarted on the same DATA_DIR with one provider removed (the
 * operator dropped SIGNAL_* or TWILIO_* from .env): a buddy's missed
 * check-in escalation queued on the removed channel never waits there, where
 * nothing sends. It goes to the buddy's number by the channel the line still
 * sends on, or fails at once, so that the member and the moderators
 * (CHECKIN_FALLBACK) hear it as for any unreachable buddy; and the start
 * says, in counts only, who is on the channel no longer configured.
 */
import { catalog } from '../../src/bot/catalog';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { FakeSignal, SIGNAL_ERRORS, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';
import { numberForms } from '../helpers/needles';
import { testUuid } from '../helpers/signal-world';

const t = catalog('en');
const ROSE = '+14155550100';
const MOD = '+14155550199';
const BUDDY = { uuid: testUuid(91), number: '+14155550177' };
const MIN = 60_000;

interface Line {
  twilio: FakeTwilio;
  signal: FakeSignal;
  dataDir: string;
  /** The servers' clock runs this far ahead of the wall clock (moved past a check-in's end rather than waited for). */
  ahead: number;
  start(opts: { signal: boolean; twilio?: boolean; env?: Record<string, string> }): Promise<Harness>;
  stop(): Promise<void>;
}

async function line(): Promise<Line> {
  const twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await twilio.start();
  const signal = new FakeSignal({ account: SIGNAL_NUMBER });
  await signal.start();
  const l: Line = {
    twilio,
    signal,
    dataDir: tempDir(),
    ahead: 0,
    async start(o) {
      const h = await startHarness({
        dataDir: l.dataDir,
        env: o.env,
        twilio: o.twilio ?? true,
        twilioApiBaseUrl: twilio.url,
        signalApiUrl: o.signal ? signal.url : undefined,
        now: () => Date.now() + l.ahead,
      });
      if (o.signal) await waitFor(() => signal.connections > 0 && signal.connected === 1, 5_000, 'the receive websocket');
      return h;
    },
    async stop() {
      await twilio.stop();
      await signal.stop();
    },
  };
  return l;
}

/** Rose (SMS) asks BUDDY over Signal, who accepts there. */
async function roseWithSignalBuddy(l: Line, h: Harness): Promise<void> {
  await h.sms(ROSE, 'JOIN');
  await h.sms(ROSE, `BUDDY SIGNAL ${BUDDY.number} Rosalind`);
  await waitFor(() => l.signal.to(BUDDY.number).length === 1, 10_000, 'the invitation over Signal');
  l.signal.push(textEnvelope(SIGNAL_NUMBER, BUDDY, 'ACCEPT'));
  await waitFor(() => l.signal.to(BUDDY.uuid).length + l.signal.to(BUDDY.number).length === 2, 10_000, 'the answer to ACCEPT');
}

/** The warnings logged at start, parsed. */
function warnings(h: Harness): Array<{ msg: string }> {
  return h.logs.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((l) => l.level === 40);
}

/** The check-in's escalation rows, newest first. */
function escalationRows(h: Harness): Array<{ channel: string; state: string; error: string | null; attempts: number }> {
  return h.server.db.sqlite
    .prepare(
      "SELECT o.channel, o.state, o.error, o.attempts FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id AND c.kind = 'escalation' ORDER BY o.id DESC",
    )
    .all() as Array<{ channel: string; state: string; error: string | null; attempts: number }>;
}

describe('a buddy who accepted over Signal, on a line restarted without Signal', () => {
  let l: Line;
  beforeEach(async () => {
    l = await line();
  });
  afterEach(() => l.stop());

  it('gets the escalation waiting on Signal at the restart by SMS, and the start names SIGNAL_API_URL in counts only', async () => {
    const h1 = await l.start({ signal: true });
    await roseWithSignalBuddy(l, h1);
    await h1.sms(ROSE, 'CHECKIN 10 orange hatchback');
    // signal-cli fails every send now: the escalation is tried once, then waits for its retry.
    l.signal.answer = () => SIGNAL_ERRORS.server();
    l.ahead += 11 * MIN;
    await waitFor(() => escalationRows(h1).some((r) => r.channel === 'signal' && r.state === 'pending' && r.attempts >= 1), 10_000, 'a failed try');
    await h1.close();

    // The operator retires signal-cli: SIGNAL_API_URL and SIGNAL_NUMBER are dropped.
    const h2 = await l.start({ signal: false });
    try {
      await waitFor(() => l.twilio.to(BUDDY.number).some((m) => m.body.includes('orange hatchback')), 10_000, 'the escalation by SMS');
      expect(escalationRows(h2).find((r) => r.channel === 'signal')).toMatchObject({ state: 'failed', error: 'sms_instead' });
      // Her OK tells the buddy by SMS too, where the escalation reached them.
      await h2.sms(ROSE, 'OK');
      await waitFor(() => l.twilio.to(BUDDY.number).some((m) => m.body === t.checkinOkBuddy('Rosalind')), 10_000, 'the all-clear by SMS');
      const warned = warnings(h2).filter((w) => w.msg.includes('SIGNAL_API_URL'));
      expect(warned.map((w) => w.msg)).toEqual([
        'Signal is not configured, yet 1 buddy and 1 waiting message are on it: they get nothing there until SIGNAL_API_URL and SIGNAL_NUMBER are set (a check-in escalation goes by SMS if it can, other messages but alerts fail at once)',
      ]);
      const logged = h2.logs.join('\n');
      for (const n of [...numberForms(ROSE), ...numberForms(BUDDY.number), BUDDY.uuid]) expect(logged).not.toContain(n);
    } finally {
      await h2.close();
    }
  }, 60_000);

  it('queued after the restart to a number that stopped SMS: fails at once, Rose and the moderators told without "still trying"', async () => {
    const h1 = await l.start({ signal: true });
    await roseWithSignalBuddy(l, h1);
    // Her number's SMS STOP leaves the link over Signal, and SMS will not take her escalation.
    await h1.sms(BUDDY.number, 'STOP');
    await h1.close();

    const h2 = await l.start({ signal: false, env: { CHECKIN_FALLBACK: 'moderators', MODERATORS: MOD } });
    try {
      await h2.sms(ROSE, 'CHECKIN 10 orange hatchback');
      l.ahead += 11 * MIN;
      // Well within the 3 minutes after which an escalation that went nowhere counts as unreached.
      await waitFor(() => l.twilio.to(MOD).some((m) => m.body.includes('orange hatchback')), 10_000, 'the moderators told');
      await waitFor(() => l.twilio.to(ROSE).some((m) => m.body === t.checkinBuddiesUnreachedModeratorsTold(1, false, false)), 10_000, 'Rose told');
      expect(escalationRows(h2).filter((r) => r.channel === 'signal')).toEqual([expect.objectContaining({ state: 'failed', error: 'channel_unconfigured' })]);
      expect(l.twilio.to(BUDDY.number).filter((m) => m.body.includes('orange'))).toEqual([]);
    } finally {
      await h2.close();
    }
  }, 60_000);
});

describe('a buddy who accepted by SMS, on a production line restarted with Signal only', () => {
  let l: Line;
  beforeEach(async () => {
    l = await line();
  });
  afterEach(() => l.stop());

  it('gets the escalation over Signal at the number, and the start names TWILIO_* in counts only', async () => {
    const ROSA = { uuid: testUuid(81), number: ROSE };
    const env = { NODE_ENV: 'production' };
    const h1 = await l.start({ signal: true, env });
    l.signal.push(textEnvelope(SIGNAL_NUMBER, ROSA, 'JOIN 415'));
    await waitFor(() => l.signal.to(ROSA.uuid).length === 1, 10_000, 'the JOIN reply');
    l.signal.push(textEnvelope(SIGNAL_NUMBER, ROSA, `BUDDY SMS ${BUDDY.number} Rosalind`));
    await waitFor(() => l.twilio.to(BUDDY.number).length === 1, 10_000, 'the invitation by SMS');
    await h1.sms(BUDDY.number, 'ACCEPT');
    await h1.close();

    // The operator drops Twilio: TWILIO_* removed, Signal is the line's only provider.
    const h2 = await l.start({ signal: true, twilio: false, env });
    try {
      const before = l.signal.to(ROSA.uuid).length;
      l.signal.push(textEnvelope(SIGNAL_NUMBER, ROSA, 'CHECKIN 10 orange hatchback'));
      await waitFor(() => l.signal.to(ROSA.uuid).length > before, 10_000, 'the CHECKIN reply');
      l.ahead += 11 * MIN;
      await waitFor(() => l.signal.to(BUDDY.number).some((m) => m.message.includes('orange hatchback')), 10_000, 'the escalation over Signal');
      expect(escalationRows(h2).find((r) => r.channel === 'sms')).toMatchObject({ state: 'failed', error: 'signal_instead' });
      const warned = warnings(h2).filter((w) => w.msg.includes('TWILIO_'));
      expect(warned.map((w) => w.msg)).toEqual([
        'SMS is not configured, yet 1 buddy is on it: they get nothing there until TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER (or TWILIO_MESSAGING_SERVICE_SID) are set (a check-in escalation goes over Signal if it can, other messages but alerts fail at once)',
      ]);
    } finally {
      await h2.close();
    }
  }, 60_000);
});

it('the start counts, in plural, the Signal members and the alert copies waiting for them on a line without Signal', async () => {
  const dataDir = tempDir();
  const h1 = await startHarness({ dataDir });
  const { db, vault } = h1.server;
  for (const n of [1, 2]) subscribe(db, ensureMember(db, vault, { channel: 'signal', address: testUuid(n) }, 'en', Date.now()).id, ['415'], Date.now());
  // Planned as on a line with Signal (as it had): a copy waits on Signal for each.
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, Date.now());
  while (!planNextRange(db, alert, Date.now(), true).done);
  await h1.close();
  const h2 = await startHarness({ dataDir });
  try {
    expect(warnings(h2).filter((w) => w.msg.includes('SIGNAL_API_URL')).map((w) => w.msg)).toEqual([
      'Signal is not configured, yet 2 members and 2 waiting messages are on it: they get nothing there until SIGNAL_API_URL and SIGNAL_NUMBER are set (a check-in escalation goes by SMS if it can, other messages but alerts fail at once)',
    ]);
  } finally {
    await h2.close();
  }
});
