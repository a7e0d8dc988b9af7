/** A Signal line under CHECKIN_FALLBACK=moderators whose only moderator's identity changes, for the moderators-gone tests. */
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, type Who } from '../helpers/signal-world';

/** The notice that her check-in, relying on the moderators, now reaches no one. */
export const GONE = /^Heads Up: your check-in now reaches no one: the line's moderators can't be reached for now\. Add a buddy: text BUDDY/;

/** Starts the line before the file's tests (`mod` its only moderator) and closes it after; read the world inside a test. */
export function fallbackLine(mod: Who): () => SignalWorld {
  let world: SignalWorld | undefined;
  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: mod.uuid, CHECKIN_FALLBACK: 'moderators' } });
  });
  afterAll(() => world?.close());
  return () => {
    if (!world) throw new Error('the line did not start');
    return world;
  };
}

/** `who` (a member joined now, or the moderator herself) runs a check-in with no buddy: it relies on the moderators. */
export async function relyOnModerators(signal: FakeSignal, mod: Who, who: Who): Promise<void> {
  expect(await ask(signal, mod, 'STATS')).toMatch(/members/i);
  if (who !== mod) await ask(signal, who, 'JOIN 415');
  expect(await ask(signal, who, 'CHECKIN 60 blue car')).toContain("the line's moderators");
}

/** The moderator's Signal identity changes (a new phone), and `text` from it shows the line the change. */
export function changeModerator(signal: FakeSignal, mod: Who, text: string): void {
  signal.changeIdentity(mod.uuid).status = 'TRUSTED_UNVERIFIED';
  signal.push(textEnvelope(SIGNAL_NUMBER, mod, text));
}
