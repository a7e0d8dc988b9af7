/**
 * signal-cli-rest-api in normal/native mode (SIGNAL_RECEIVE_MODE=poll, the
 * default) serves the account's requests one at a time: sends, receives and
 * identity lists take turns on its lock. During a fan-out of slow sends, a
 * member's message and a moderator's identity check must not wait behind it:
 * - a receive queued at signal-cli behind the sends passes the receiver's
 *   time-out, yet signal-cli serves it later and takes the messages from
 *   Signal with no one to read them: a member's STOP lost;
 * - a moderator's identity check queued there passes its 5 s bound, and she
 *   is treated as a member ("didn't understand") for the whole fan-out.
 * Scaled: in the first case a receive may take 1 s + 2 s to start (31 s in
 * production), and a send takes 4 s; in the second receives keep their 31 s,
 * the identity check is bounded at 1.5 s (5 s in production) and a send
 * takes 2 s, past it.
 */
import { PRIORITY } from '../../src/store/outbox-rows';
import { enqueueMessage } from '../../src/store/outbox';
import { ensureMember, findMember } from '../../src/store/members';
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, TEST_RECEIVER, waitFor } from '../helpers/harness';
import { ask, startSignalWorld, testUuid, type SignalWorld, type Who } from '../helpers/signal-world';

const member: Who = { uuid: testUuid(61), number: null };
const moderator: Who = { uuid: testUuid(62), number: null };

/** A fan-out in progress: `n` other Signal members each queued a message, which signal-cli sends in `sendMs` each. */
async function busyFanOut(world: SignalWorld, n: number, sendMs: number): Promise<void> {
  const { db, vault, dispatcher } = world.h.server;
  const t = Date.now();
  for (let i = 0; i < n; i++) {
    const id = ensureMember(db, vault, { channel: 'signal', address: testUuid(100 + i) }, 'en', t, 'active').id;
    enqueueMessage(db, vault, id, 'Heads Up alert 415: grey van', t, { priority: PRIORITY.bulk });
  }
  world.signal.sendMs = sendMs;
  const before = world.signal.sent.length;
  dispatcher.wake();
  // Two sends at signal-cli: one served, one waiting (the lane's window in this mode).
  await waitFor(() => world.signal.sent.length > before, 10_000, 'the fan-out under way');
}

describe('Signal in normal/native mode while a fan-out of slow sends runs', () => {
  let world: SignalWorld | null = null;

  /**
   * The line, with a member and a moderator who have written to it before; a receive may take `receiveStartMs` more
   * than its 1 s wait, an identity check `identityCheckMs` (the production bound unless given).
   */
  async function start(receiveStartMs: number, identityCheckMs?: number): Promise<SignalWorld> {
    world = await startSignalWorld({
      mode: 'normal',
      env: { MODERATORS: moderator.uuid },
      signalTuning: { throttle: { baseMs: 100, maxMs: 800 }, receiver: { ...TEST_RECEIVER, receiveStartMs }, identityCheckMs },
    });
    await ask(world.signal, member, 'JOIN 415');
    expect(await ask(world.signal, moderator, 'STATS')).toMatch(/members|pending/i);
    return world;
  }
  afterEach(async () => {
    await world?.close();
    world = null;
  });

  it("hands a member's STOP to the line: none taken from Signal and lost", async () => {
    // A receive waits behind a send being served and one more of 4 s: always past its 3 s.
    const w = await start(2_000);
    await busyFanOut(w, 6, 4_000);
    w.signal.push(textEnvelope(SIGNAL_NUMBER, member, 'STOP'));
    const { db, vault } = w.h.server;
    const status = () => findMember(db, vault, { channel: 'signal', address: member.uuid })?.status;
    await waitFor(() => status() === 'stopped', 15_000, 'her STOP handled').catch(() => undefined);
    expect({ status: status(), waiting: w.signal.waiting }).toEqual({ status: 'stopped', waiting: 0 });
  }, 60_000);

  it("checks a moderator's identity in time: her STATS is a moderator's", async () => {
    // Receives may take as long as in production: only the identity check is bounded short (1.5 s).
    const w = await start(30_000, 1_500);
    // Her identity list waits behind a send being served and one more of 2 s: always past its 1.5 s.
    await busyFanOut(w, 6, 2_000);
    const before = w.signal.to(moderator.uuid).length;
    w.signal.push(textEnvelope(SIGNAL_NUMBER, moderator, 'STATS'));
    await waitFor(() => w.signal.to(moderator.uuid).length > before, 40_000, 'an answer to her STATS');
    expect(w.signal.to(moderator.uuid)[before]?.message).toMatch(/members|pending/i);
  }, 120_000);
});
