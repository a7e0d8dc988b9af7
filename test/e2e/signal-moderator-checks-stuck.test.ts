/**
 * Moderators' messages queued while signal-cli's identities list hangs
 * (json-rpc mode, the messages already taken from Signal): each would wait
 * the identity check's bound in turn, and ten of them outlast the 45 s a stop
 * is given, the members' messages behind them lost with the process. After a
 * check timed out none is waited for until one answers, and at a stop none waits.
 */
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, startHarness, TEST_RECEIVER, waitFor } from '../helpers/harness';
import { ask, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';

jest.setTimeout(120_000);

const mod: Who = { uuid: testUuid(71), number: null };
const members: Who[] = [72, 73, 74].map((n) => ({ uuid: testUuid(n), number: null }));

describe("a moderator's identity checks with signal-cli's identities list stuck", () => {
  it('ten moderator messages cost one time-out, not ten: the member behind them is answered, and the list was not asked for each', async () => {
    const world = await startSignalWorld({ env: { MODERATORS: mod.uuid } });
    const { signal } = world;
    try {
      expect(await ask(signal, mod, 'STATS')).toMatch(/members|pending/i);
      signal.identityListAnswer = () => 'hang';
      const lists = signal.identityLists;
      for (let k = 0; k < 10; k++) signal.push(textEnvelope(SIGNAL_NUMBER, mod, 'STATS'));
      signal.push(textEnvelope(SIGNAL_NUMBER, members[0] as Who, 'HELP'));
      // One time-out (5 s) and the rest at once; ten time-outs would be 50 s.
      await waitFor(() => signal.to((members[0] as Who).uuid).length === 1, 25_000, "the member's answer behind the moderator's ten");
      // The one that timed out, and one more asked meanwhile (not waited for): not one for each.
      expect(signal.identityLists - lists).toBe(2);
    } finally {
      await world.close();
    }
  });

  it('a stop gives up the check in flight and waits for no other: the members behind are committed before it ends', async () => {
    // The check's bound far beyond this test's time-out: a stop that waited out the check in flight, or any
    // after it, would not end before the test fails, whatever the machine's speed.
    const world = await startSignalWorld({
      env: { MODERATORS: mod.uuid },
      signalTuning: { throttle: { baseMs: 100, maxMs: 800 }, receiver: TEST_RECEIVER, identityCheckMs: 10 * 60_000 },
    });
    const { signal, h } = world;
    let closed = false;
    try {
      expect(await ask(signal, mod, 'STATS')).toMatch(/members|pending/i);
      signal.identityListAnswer = () => 'hang';
      const lists = signal.identityLists;
      for (let k = 0; k < 10; k++) signal.push(textEnvelope(SIGNAL_NUMBER, mod, 'STATS'));
      for (const m of members) signal.push(textEnvelope(SIGNAL_NUMBER, m, 'JOIN 415'));
      await waitFor(() => signal.identityLists > lists, 5_000, 'the first check in flight');
      await h.close();
      closed = true;
      // Still hanging: the stop gave it up rather than saw it answered.
      expect(signal.identityLists - lists).toBe(1);
      signal.identityListAnswer = undefined;
      const again = await startHarness({ dataDir: h.dataDir, signalApiUrl: signal.url, twilio: false, env: { MODERATORS: mod.uuid } });
      try {
        // Committed before the stop ended: each member's welcome goes once sending starts again.
        await waitFor(() => members.every((m) => signal.to(m.uuid).length === 1), 10_000, "the members' welcomes");
      } finally {
        await again.close();
      }
    } finally {
      if (!closed) await h.close();
      await signal.stop();
    }
  });
});
