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
import { waitFor } from '../helpers/harness';
import { testUuid, type Who } from '../helpers/signal-world';
import { changeModerator, fallbackLine, GONE, relyOnModerators } from './moderators-gone-line';

const EXTENDED = /^Heads Up: check-in extended to /;

describe("the only moderator's own check-in when her identity changes", () => {
  const mod: Who = { uuid: testUuid(71), number: null };
  const world = fallbackLine(mod);

  it('answers her LATER first, then tells her it reaches no one', async () => {
    const { signal } = world();
    await relyOnModerators(signal, mod, mod);
    const before = signal.to(mod.uuid).length;
    changeModerator(signal, mod, 'LATER 30');
    await waitFor(() => signal.to(mod.uuid).slice(before).filter((m) => GONE.test(m.message) || EXTENDED.test(m.message)).length >= 2, 10_000, 'her reply and her notice');
    const mine = signal.to(mod.uuid).slice(before).map((m) => m.message).filter((m) => GONE.test(m) || EXTENDED.test(m));
    expect(mine.map((m) => (GONE.test(m) ? 'notice' : 'reply'))).toEqual(['reply', 'notice']);
  }, 30_000);
});
