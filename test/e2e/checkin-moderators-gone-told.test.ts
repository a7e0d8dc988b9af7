/**
 * CHECKIN_FALLBACK=moderators: a member with no buddy starts a check-in,
 * told the moderators will hear if she misses it; the only moderator's
 * Signal identity then changes, so nothing can go to them. She used to
 * learn it only at the deadline; she is now told at once that her check-in
 * reaches no one, and how to add a buddy.
 */
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';

const GONE = /^Heads Up: your check-in now reaches no one: the line's moderators can't be reached for now\. Add a buddy: text BUDDY/;

describe("a fallback check-in when the only moderator's identity changes", () => {
  const mod: Who = { uuid: testUuid(51), number: null };
  const rose: Who = { uuid: testUuid(52), number: '+14155550101' };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: mod.uuid, CHECKIN_FALLBACK: 'moderators' } });
    ({ signal } = world);
  });
  afterAll(() => world.close());

  it('tells her at once that it now reaches no one', async () => {
    expect(await ask(signal, mod, 'STATS')).toMatch(/members/i);
    await ask(signal, rose, 'JOIN 415');
    expect(await ask(signal, rose, 'CHECKIN 60 blue car')).toContain("the line's moderators");
    const before = signal.to(rose.uuid).length;
    signal.changeIdentity(mod.uuid).status = 'TRUSTED_UNVERIFIED';
    signal.push(textEnvelope(SIGNAL_NUMBER, mod, 'PENDING'));
    await waitFor(() => signal.to(rose.uuid).slice(before).some((m) => GONE.test(m.message)), 10_000, 'her notice');
    expect(signal.to(rose.uuid).slice(before).filter((m) => GONE.test(m.message))).toHaveLength(1);
  }, 30_000);
});
