/**
 * CHECKIN_FALLBACK=moderators: Rose, with no buddy, runs a check-in that
 * relies on the only moderator, whose Signal identity then changes. Found in
 * last session's notes: what followed the change (telling her that her
 * check-in now reaches no one) ran once, after the change's commit, and a
 * failure then (a busy or full disk) was logged and never tried again: she
 * learnt it only at her deadline. It is now marked due with the change and
 * decided by the check-in timers, again at each run until it is written.
 * Here every write of a message to her fails for a while (a trigger, as a
 * disk refusing them would); once writes succeed she is told, once.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { waitFor } from '../helpers/harness';
import { ask, testUuid, type Who } from '../helpers/signal-world';
import { changeModerator, fallbackLine, GONE, relyOnModerators } from './moderators-gone-line';
// A failed attempt to tell her, as logged: by the check-in timers now, by the gate's hook before (run once).
const FAILED = /members relying on the moderators were not told|some check-in escalations or notices/;

describe("a fallback check-in when the only moderator's identity changes while writes to her fail", () => {
  const mod: Who = { uuid: testUuid(61), number: null };
  const rose: Who = { uuid: testUuid(62), number: '+14155550111' };
  const line = fallbackLine(mod);

  it('tells her once writes succeed again, not at her deadline', async () => {
    const world = line();
    const { signal } = world;
    await relyOnModerators(signal, mod, rose);
    const before = signal.to(rose.uuid).length;
    // Another connection to the line's file: every message queued for a member with a check-in (Rose) is refused.
    const raw = new Database(path.join(world.h.dataDir, 'heads-up.db'));
    raw.exec(`CREATE TRIGGER refuse_rose BEFORE INSERT ON outbox WHEN NEW.member_id IN (SELECT member_id FROM checkins)
              BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    try {
      changeModerator(signal, mod, 'PENDING');
      await waitFor(() => world.h.logs.some((l) => FAILED.test(l)), 10_000, 'a failed attempt to tell her');
    } finally {
      raw.exec('DROP TRIGGER refuse_rose');
      raw.close();
    }
    await waitFor(() => signal.to(rose.uuid).slice(before).some((m) => GONE.test(m.message)), 10_000, 'her notice');
    // One more message through the line, and its timers' runs, tell her nothing more.
    expect(await ask(signal, rose, 'LATER 30')).toMatch(/extended/);
    expect(signal.to(rose.uuid).slice(before).filter((m) => GONE.test(m.message))).toHaveLength(1);
  }, 40_000);
});
