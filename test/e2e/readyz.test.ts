/**
 * /readyz tells the truth about each channel: 503, naming the channel and
 * why, when the Signal receiver cannot receive (a wrong receive mode, a
 * server that closes the websocket at once), when a lane is held for the
 * line's own fault (Signal's account deregistered, Twilio's sender refused),
 * when Twilio refuses the credentials, and within a few seconds when a
 * provider does not answer; not for a 429's pause, nor for a websocket that
 * drops and reconnects. (A line with Signal and no Twilio has no SMS
 * channel, in production or not: it is not listed.)
 */
import type { ChannelSender, ProviderCheck } from '../../src/channels/types';
import { FakeSignal, SIGNAL_ERRORS, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, readMetrics, SIGNAL_NUMBER, startHarness, TEST_RECEIVER, waitFor, type Harness } from '../helpers/harness';
import { startSignalWorld, testUuid } from '../helpers/signal-world';

/** Receiving judged down after 1 s without a working connection or a receive answered. */
const STALE_RECEIVER = { ...TEST_RECEIVER, staleMs: 1_000 };
const MOD = { uuid: testUuid(901), number: '+14155550901' };
const MEMBER = { uuid: testUuid(902), number: '+14155550902' };

interface Readiness {
  status: number;
  body: { status: string; checks: Record<string, boolean>; reasons?: Record<string, string> };
}

async function readyz(h: Harness): Promise<Readiness> {
  const res = await fetch(`${h.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness['body'] };
}

/** /readyz once it answers 503 (its providers' answers are reused for a few seconds). */
async function notReady(h: Harness): Promise<Readiness> {
  let last: Readiness | null = null;
  await waitFor(async () => (last = await readyz(h)).status === 503, 10_000, '/readyz to answer 503');
  return last as unknown as Readiness;
}

describe('/readyz and the Signal receiver', () => {
  let signal: FakeSignal;
  let h: Harness | null = null;
  beforeEach(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER });
    await signal.start();
  });
  afterEach(async () => {
    await h?.close();
    h = null;
    await signal.stop();
  });

  it('is not ready when every receive websocket is closed as soon as it opens (messages sent meanwhile are lost)', async () => {
    signal.closeOnOpen = true;
    h = await startHarness({ twilio: false, signalApiUrl: signal.url, signalReceiveMode: 'websocket', signal: { receiver: STALE_RECEIVER } });
    const r = await notReady(h);
    expect(signal.connections).toBeGreaterThan(1);
    expect(r.body).toEqual({ status: 'not ready', checks: { database: true, signal: false }, reasons: { signal: 'not_receiving' } });
  });

  it('is not ready when polling a server in json-rpc mode (SIGNAL_RECEIVE_MODE wrong): every receive is refused', async () => {
    h = await startHarness({ twilio: false, signalApiUrl: signal.url, signalReceiveMode: 'poll', signal: { receiver: STALE_RECEIVER } });
    const r = await notReady(h);
    expect(r.body).toEqual({ status: 'not ready', checks: { database: true, signal: false }, reasons: { signal: 'not_receiving' } });
  });

  it('stays ready through a dropped websocket that reconnects, and is ready again once receiving works', async () => {
    signal.closeOnOpen = true;
    h = await startHarness({ twilio: false, signalApiUrl: signal.url, signalReceiveMode: 'websocket', signal: { receiver: STALE_RECEIVER } });
    await notReady(h);
    signal.closeOnOpen = false;
    await waitFor(async () => (await readyz(h as Harness)).status === 200, 10_000, 'ready once the websocket works');
    const before = signal.connections;
    signal.killSockets();
    await waitFor(() => signal.connections > before && signal.connected === 1, 5_000, 'the reconnect');
    expect((await readyz(h)).body).toEqual({ status: 'ready', checks: { database: true, signal: true } });
  });
});

describe('/readyz and held lanes', () => {
  it("is not ready while the Signal lane is held: the bot's account is not registered (its health check still answers)", async () => {
    const world = await startSignalWorld({ env: { MODERATORS: MOD.uuid } });
    try {
      const { h, signal } = world;
      signal.answer = () => SIGNAL_ERRORS.accountNotRegistered(SIGNAL_NUMBER, signal.mode);
      signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'JOIN 415'));
      await waitFor(async () => /headsup_outbox_lane_held\{channel="signal"\} 1/.test(await readMetrics(h.url)), 10_000, 'the Signal lane held');
      const r = await notReady(h);
      expect(r.body).toEqual({ status: 'not ready', checks: { database: true, signal: false }, reasons: { signal: 'sending_held' } });
    } finally {
      await world.close();
    }
  });

  it('stays ready through a Signal rate limit (429): a pause is not a fault of the line', async () => {
    const world = await startSignalWorld({ env: { MODERATORS: MOD.uuid } });
    try {
      const { h, signal } = world;
      let limited = 0;
      signal.answer = () => (limited++, SIGNAL_ERRORS.rateLimited(SIGNAL_NUMBER));
      signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'JOIN 415'));
      // Once the lane has recorded what the 429 was to it (a hold would show here at once), not merely once it was served.
      const outcome = /headsup_outbox_outcomes_total\{channel="signal",outcome="(\w+)",reason="([^"]*)"\}/;
      let seen: RegExpExecArray | null = null;
      await waitFor(async () => (seen = outcome.exec(await readMetrics(h.url))) !== null, 10_000, "the lane's outcome of the 429");
      expect(limited).toBeGreaterThan(0);
      expect((await readyz(h)).body).toEqual({ status: 'ready', checks: { database: true, signal: true } });
      expect(seen).toEqual(expect.arrayContaining(['retry', 'throttled']));
    } finally {
      await world.close();
    }
  });

  it("is not ready once every Signal send has failed as an outage for a while (signal-cli's health answers, each send a 500), and ready once one goes through", async () => {
    const world = await startSignalWorld({ env: { MODERATORS: MOD.uuid }, dispatcher: { failingAfterMs: 300 } });
    try {
      const { h, signal } = world;
      signal.answer = () => SIGNAL_ERRORS.server();
      signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'JOIN 415'));
      const r = await notReady(h);
      expect(r.body).toEqual({ status: 'not ready', checks: { database: true, signal: false }, reasons: { signal: 'sending_failing' } });
      // Failing, not held: the message kept trying, and goes once signal-cli sends again.
      signal.answer = undefined;
      await waitFor(() => signal.to(MEMBER.uuid).length === 1, 10_000, 'the reply, once sends work');
      expect((await readyz(h)).body).toEqual({ status: 'ready', checks: { database: true, signal: true } });
    } finally {
      await world.close();
    }
  });

  it("stays ready while one recipient's sends fail in words naming her (json-rpc's bare 'Failed to send message': she may have left Signal), however long", async () => {
    const world = await startSignalWorld({ env: { MODERATORS: MOD.uuid }, dispatcher: { failingAfterMs: 300 } });
    try {
      const { h, signal } = world;
      signal.answer = () => SIGNAL_ERRORS.networkFailure(MEMBER.uuid, 'json-rpc');
      signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'JOIN 415'));
      // Seven tries with the quick backoff (20 ms doubling up to 200 ms) span over 300 ms.
      const retries = /headsup_outbox_outcomes_total\{channel="signal",outcome="retry",reason="server"\} (\d+)/;
      await waitFor(async () => Number(retries.exec(await readMetrics(h.url))?.[1] ?? 0) >= 7, 10_000, 'seven failed tries');
      expect((await readyz(h)).body).toEqual({ status: 'ready', checks: { database: true, signal: true } });
    } finally {
      await world.close();
    }
  });

  it('stays ready through a send failing as an outage for less than a minute (a blip: the backoff rides it out)', async () => {
    const world = await startSignalWorld({ env: { MODERATORS: MOD.uuid }, dispatcher: { backoff: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 20 } } });
    try {
      const { h, signal } = world;
      signal.answer = () => SIGNAL_ERRORS.server();
      signal.push(textEnvelope(SIGNAL_NUMBER, MEMBER, 'JOIN 415'));
      await waitFor(async () => /headsup_outbox_outcomes_total\{channel="signal",outcome="retry",reason="server"\} 1/.test(await readMetrics(h.url)), 10_000, 'the failed try');
      expect((await readyz(h)).body).toEqual({ status: 'ready', checks: { database: true, signal: true } });
    } finally {
      await world.close();
    }
  });

  it("is not ready once every SMS send has failed with Twilio's 500 (its error code 20500) for a while, its account check answering", async () => {
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: () => TWILIO_ERRORS.serverError });
    await fake.start();
    const h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD.number }, dispatcher: { failingAfterMs: 300, backoff: { baseMs: 20, maxMs: 200, maxAttempts: 20 } } });
    try {
      await h.sms('+12065550140', 'REPORT tall man grey sedan hit me');
      const r = await notReady(h);
      expect(r.body).toEqual({ status: 'not ready', checks: { database: true, sms: false }, reasons: { sms: 'sending_failing' } });
    } finally {
      await h.close();
      await fake.stop();
    }
  });

  it("is not ready while the SMS lane is held: Twilio refuses the line's sender", async () => {
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: () => TWILIO_ERRORS.fromInvalid });
    await fake.start();
    const h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD.number } });
    try {
      expect((await readyz(h)).status).toBe(200);
      await h.sms('+12065550140', 'REPORT tall man grey sedan hit me');
      await waitFor(async () => /headsup_outbox_lane_held\{channel="sms"\} 1/.test(await readMetrics(h.url)), 10_000, 'the SMS lane held');
      const r = await notReady(h);
      expect(r.body).toEqual({ status: 'not ready', checks: { database: true, sms: false }, reasons: { sms: 'sending_held' } });
    } finally {
      await h.close();
      await fake.stop();
    }
  });

  it('is not ready when Twilio refuses the credentials (a rotated token), before anything is sent', async () => {
    const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: 'the-token-after-rotation-0000000' });
    await fake.start();
    const h = await startHarness({ twilioApiBaseUrl: fake.url });
    try {
      const r = await readyz(h);
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ status: 'not ready', checks: { database: true, sms: false }, reasons: { sms: 'credentials_refused' } });
    } finally {
      await h.close();
      await fake.stop();
    }
  });
});

/** A provider black-holed: its check is answered only when the test lets it go. */
function silentSender(channel: 'sms' | 'signal', waiting: Array<() => void>): ChannelSender {
  return {
    channel,
    name: 'silent',
    async send() {
      return { providerId: 'never' };
    },
    ready: () => new Promise<ProviderCheck>((resolve) => waiting.push(() => resolve('ready'))),
  };
}

describe('/readyz and providers that do not answer', () => {
  it('answers within a few seconds, each silent one no_answer', async () => {
    const waiting: Array<() => void> = [];
    const h = await startHarness({ senders: [silentSender('sms', waiting), silentSender('signal', waiting)] });
    try {
      const r = await readyz(h);
      expect(waiting).toHaveLength(2);
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ status: 'not ready', checks: { database: true, sms: false, signal: false }, reasons: { sms: 'no_answer', signal: 'no_answer' } });
    } finally {
      for (const go of waiting) go();
      await h.close();
    }
  }, 20_000);

  it('asks the providers together: the first is still waited for when the second is asked', async () => {
    const waiting: Array<() => void> = [];
    const h = await startHarness({ senders: [silentSender('sms', waiting), silentSender('signal', waiting)] });
    try {
      const answer = readyz(h);
      await waitFor(() => waiting.length === 2, 10_000, 'both providers asked');
      // Both answer now. Asked one after the other, the first would have been given up (no_answer) before the second was asked.
      for (const go of waiting) go();
      const r = await answer;
      expect(r.status).toBe(200);
      expect(r.body.checks).toEqual({ database: true, sms: true, signal: true });
    } finally {
      await h.close();
    }
  }, 20_000);
});
