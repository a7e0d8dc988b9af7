/**
 * A member on both channels (her Signal account showing her number) asked
 * her buddy by SMS, then started a check-in over Signal, told her buddies
 * would be told. Her Signal account then shows a new number: her SMS
 * membership, and the buddy asked there, are no longer hers, and at the
 * deadline no one would be told. She used to learn it only then ("no buddy
 * is left to tell"); she is now told at once, as when a buddy leaves.
 */
import { catalog } from '../../src/bot/catalog';
import { lineExamples } from '../../src/bot/line-examples';
import { Regions } from '../../src/alerts/regions';
import type { BotWorld } from '../helpers/bot-world';
import { checkinOnOldNumber, NEW, OLD, queuedForSignal, signalFrom } from './number-change-world';

const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000002';
const t = catalog('en');

/** A message from her Signal account, showing `phone`. */
const signal = (w: BotWorld, phone: string, text: string) => signalFrom(w, UUID, phone, text);

/** What waits for her Signal membership. */
const toHerSignal = (w: BotWorld) => queuedForSignal(w, UUID);

async function roseWithSmsBuddyAndSignalCheckin(): Promise<BotWorld> {
  const w = await checkinOnOldNumber(UUID);
  expect(toHerSignal(w).at(-1)).toContain('your buddies');
  return w;
}

describe('her Signal number changes while a check-in relies on the buddies of her old number', () => {
  it('tells her at once that her check-in now reaches no one', async () => {
    const w = await roseWithSmsBuddyAndSignalCheckin();
    signal(w, NEW, 'BUDDY');
    const noOne = t.checkinNoOneLeft(lineExamples(Regions.load()));
    expect(toHerSignal(w).filter((m) => m === noOne)).toHaveLength(1);
  });

  it('tells her nothing when the number she shows stays the same', async () => {
    const w = await roseWithSmsBuddyAndSignalCheckin();
    signal(w, OLD, 'BUDDY');
    expect(toHerSignal(w).filter((m) => m.includes('now reaches no one'))).toEqual([]);
  });
});
