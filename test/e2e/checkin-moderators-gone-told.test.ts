/**
 * CHECKIN_FALLBACK=moderators: a member with no buddy starts a check-in,
 * told the moderators will hear if she misses it; the only moderator's
 * Signal identity then changes, so nothing can go to them. She used to
 * learn it only at the deadline; she is now told at once that her check-in
 * reaches no one, and how to add a buddy.
 */
import { waitFor } from '../helpers/harness';
import { testUuid, type Who } from '../helpers/signal-world';
import { changeModerator, fallbackLine, GONE, relyOnModerators } from './moderators-gone-line';

describe("a fallback check-in when the only moderator's identity changes", () => {
  const mod: Who = { uuid: testUuid(51), number: null };
  const rose: Who = { uuid: testUuid(52), number: '+14155550101' };
  const world = fallbackLine(mod);

  it('tells her at once that it now reaches no one', async () => {
    const { signal } = world();
    await relyOnModerators(signal, mod, rose);
    const before = signal.to(rose.uuid).length;
    changeModerator(signal, mod, 'PENDING');
    await waitFor(() => signal.to(rose.uuid).slice(before).some((m) => GONE.test(m.message)), 10_000, 'her notice');
    expect(signal.to(rose.uuid).slice(before).filter((m) => GONE.test(m.message))).toHaveLength(1);
  }, 30_000);
});
