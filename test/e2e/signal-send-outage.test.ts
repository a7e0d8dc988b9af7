/**
 * Refusals that are about the line, not the member (signal-cli-rest-api's
 * own texts, in each mode): the bot's account not registered (Signal
 * deregistered it, or it was never registered: the lane holds, one message
 * probing), a network failure between signal-cli and Signal (as it words
 * it per recipient, or as an exception met before any result: a time-out,
 * Signal's server failing), signal-cli-rest-api killing signal-cli at its
 * time-out, and a proxy in front of signal-cli-rest-api refusing the line's
 * credentials. Alerts wait
 * and arrive once the line is back; no member is marked unreachable. In
 * json-rpc mode upstream passes on only the JSON-RPC error's message: a
 * network failure reads "Failed to send message", an account signal-cli does
 * not hold "Specified account does not exist", and its own lost connection to
 * the signal-cli daemon Go's error text ("…: write: broken pipe"). A 404 or
 * 405 (a wrong SIGNAL_API_URL path, a proxy without the route) is the line's
 * setup too.
 */
import { SIGNAL_ERRORS, textEnvelope, type FakeSignal, type SignalAnswer } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, TEST_RECEIVER, waitFor, type Harness } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const uuid = (n: number) => `2c3d4e5f-6a7b-4c8d-9e0f-${String(n).padStart(12, '0')}`;
const MODERATOR = { uuid: uuid(999), number: null };
const MEMBERS = [1, 2, 3].map((n) => ({ uuid: uuid(n), number: null }));

describe.each(['normal', 'json-rpc'] as const)('a Signal outage on the line’s side (%s mode)', (mode) => {
  let world: SignalWorld;
  let signal: FakeSignal;
  let h: Harness;

  beforeAll(async () => {
    // Nine sends and their tries again in a case: at the default 10 a second, each case waited out the lane's one-second window.
    // Normal mode: polls with timeout=0, answered at once. With the line's 1 s, each try again waited behind a poll
    // holding signal-cli (3 to 7 s a case); the refusals, not the receiving, are what this suite is about.
    world = await startSignalWorld({
      mode,
      env: { MODERATORS: MODERATOR.uuid, SEND_RATE: '100' },
      signalTuning: { throttle: { baseMs: 100, maxMs: 800 }, receiver: { ...TEST_RECEIVER, pollTimeoutS: 0 } },
    });
    ({ signal, h } = world);
    for (const m of MEMBERS) signal.push(textEnvelope(SIGNAL_NUMBER, m, 'JOIN 415'));
    await waitFor(() => MEMBERS.every((m) => signal.to(m.uuid).length === 1), 10_000, 'every JOIN reply');
  });
  afterAll(() => world.close());

  const statuses = () => h.server.db.sqlite.prepare("SELECT status, count(*) AS n FROM members WHERE channel = 'signal' GROUP BY status").all();

  it.each<[string, (to: string) => SignalAnswer, string]>([
    ["the bot's account is not registered", (_to: string) => SIGNAL_ERRORS.accountNotRegistered(SIGNAL_NUMBER, mode), 'red pickup'],
    ['signal-cli cannot reach Signal', (to: string) => SIGNAL_ERRORS.networkFailure(to, mode), 'green coupe'],
    // signal-cli's words for an exception met before any per-recipient result: a time-out reaching Signal, Signal's server failing.
    ['signal-cli times out reaching Signal', () => SIGNAL_ERRORS.sendException(mode), 'silver minivan'],
    ["Signal's server answers 503", () => SIGNAL_ERRORS.sendException(mode, 'Bad response: 503 (NonSuccessfulResponseCodeException)'), 'brown wagon'],
    // signal-cli-rest-api has no authentication of its own: these come from a proxy in front of it.
    ['a proxy in front of signal-cli-rest-api refuses the line’s credentials (401)', () => ({ status: 401, body: '<html><body>401 Authorization Required</body></html>' }), 'blue van'],
    ['a proxy in front of signal-cli-rest-api forbids the line (403)', () => ({ status: 403, body: { message: 'Forbidden' } }), 'grey sedan'],
    // A wrong path in SIGNAL_API_URL, or a proxy without the route: every send alike.
    ['signal-cli-rest-api is reached at a wrong path (404)', () => SIGNAL_ERRORS.noSuchRoute(), 'black suv'],
    ['a proxy does not allow the method (405)', () => ({ status: 405, body: '<html><body>405 Not Allowed</body></html>' }), 'white truck'],
    ...(mode === 'normal' ? [['signal-cli-rest-api killed signal-cli at its time-out', () => SIGNAL_ERRORS.processTimeout(), 'orange cab'] as [string, () => SignalAnswer, string]] : []),
    ...(mode === 'json-rpc' ? [['signal-cli-rest-api lost its signal-cli daemon (restarting)', () => SIGNAL_ERRORS.daemonConnectionLost(), 'gold hatchback'] as [string, () => SignalAnswer, string]] : []),
  ])('while %s, alerts wait and then arrive once; nobody is marked unreachable', async (_what, refusal, marker) => {
    const tries = new Map<string, number>();
    signal.answer = ({ recipient, message }) => {
      // The alerts to members only: the moderator's reply quotes the alert's text too.
      if (!message.includes(marker) || !MEMBERS.some((m) => m.uuid === recipient)) return 'accept';
      const n = (tries.get(recipient) ?? 0) + 1;
      tries.set(recipient, n);
      return n <= 2 ? refusal(recipient) : 'accept';
    };
    signal.push(textEnvelope(SIGNAL_NUMBER, MODERATOR, `ALERT 415 ${marker} near the station`));
    await waitFor(() => tries.size === MEMBERS.length, 10_000, 'a refusal for every member');
    await h.server.planner.idle();
    await waitFor(() => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0, 15_000, 'the outbox to drain');
    expect(statuses()).toEqual([{ status: 'active', n: MEMBERS.length }]);
    for (const m of MEMBERS) {
      // Refused twice, then sent.
      expect(tries.get(m.uuid)).toBe(3);
      expect(signal.to(m.uuid).filter((s) => s.message.includes(marker))).toHaveLength(1);
    }
    expect(h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'failed'").get()).toEqual({ n: 0 });
    signal.answer = undefined;
  });
});
