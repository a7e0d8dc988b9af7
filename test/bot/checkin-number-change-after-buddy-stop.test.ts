/**
 * Her only buddy sent STOP while her check-in ran, and she was told it now
 * reaches no one. Her Signal account then shows a new number: nothing more
 * was lost (the buddy asked from her old number's SMS membership had left
 * already), and she used to be told the same thing again. Told again only
 * when the change takes a buddy she gained since.
 */
import { catalog } from '../../src/bot/catalog';
import { lineExamples } from '../../src/bot/line-examples';
import { Regions } from '../../src/alerts/regions';
import type { BotWorld } from '../helpers/bot-world';
import { checkinOnOldNumber, LILY, NEW, OLD, queuedForSignal, signalFrom } from './number-change-world';

const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000007';
const OTHER = '+14155550189';
const noOne = catalog('en').checkinNoOneLeft(lineExamples(Regions.load()));

/** How many times her Signal membership was told her check-in reaches no one. */
const toldAlone = (w: BotWorld) => queuedForSignal(w, UUID).filter((m) => m === noOne).length;

async function aloneAfterBuddyStop(): Promise<BotWorld> {
  const w = await checkinOnOldNumber(UUID);
  w.sms(LILY, 'STOP');
  expect(toldAlone(w)).toBe(1);
  return w;
}

describe('a number change after her only buddy left her check-in', () => {
  it('does not tell her a second time that it reaches no one', async () => {
    const w = await aloneAfterBuddyStop();
    signalFrom(w, UUID, NEW, 'BUDDY');
    expect(toldAlone(w)).toBe(1);
  });

  it('tells her again when the change takes a buddy she gained since', async () => {
    const w = await aloneAfterBuddyStop();
    w.sms(OLD, `BUDDY ${OTHER} Ann`);
    w.sms(OTHER, 'ACCEPT');
    signalFrom(w, UUID, NEW, 'BUDDY');
    expect(toldAlone(w)).toBe(2);
  });
});
