/**
 * CHECKIN_FALLBACK=moderators, and the only moderator runs a check-in of her
 * own with no buddy: it relies on the moderators, herself. Her Signal
 * identity changes (a new phone), and her first message from it is LATER.
 * Found on last session's notes (the number-change notice had the same
 * fault): what followed the change ran as soon as it was recorded, before
 * her message was handled, so "your check-in now reaches no one" came ahead
 * of the reply to her LATER. It is now decided by the check-in timers, after
 * her message: her reply comes first, then the notice, once.
 */
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';

const GONE = /^Heads Up: your check-in now reaches no one: the line's moderators can't be reached for now\./;
const EXTENDED = /^Heads Up: check-in extended to /;

describe("the only moderator's own check-in when her identity changes", () => {
  const mod: Who = { uuid: testUuid(71), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: mod.uuid, CHECKIN_FALLBACK: 'moderators' } });
    ({ signal } = world);
  });
  afterAll(() => world.close());

  it('answers her LATER first, then tells her it reaches no one', async () => {
    expect(await ask(signal, mod, 'STATS')).toMatch(/members/i);
    expect(await ask(signal, mod, 'CHECKIN 60 blue car')).toContain("the line's moderators");
    const before = signal.to(mod.uuid).length;
    signal.changeIdentity(mod.uuid).status = 'TRUSTED_UNVERIFIED';
    signal.push(textEnvelope(SIGNAL_NUMBER, mod, 'LATER 30'));
    await waitFor(() => signal.to(mod.uuid).slice(before).filter((m) => GONE.test(m.message) || EXTENDED.test(m.message)).length >= 2, 10_000, 'her reply and her notice');
    const mine = signal.to(mod.uuid).slice(before).map((m) => m.message).filter((m) => GONE.test(m) || EXTENDED.test(m));
    expect(mine.map((m) => (GONE.test(m) ? 'notice' : 'reply'))).toEqual(['reply', 'notice']);
  }, 30_000);
});
