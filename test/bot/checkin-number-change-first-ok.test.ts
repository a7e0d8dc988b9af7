/**
 * Her Signal account shows a new number, and its first message is OK: her
 * check-in, which relied on the buddy asked from her old number, ends. Found
 * by a hostile review: she was told "your check-in now reaches no one" with
 * her "glad you're safe", as the check ran before her OK was handled. It now
 * runs after, for a check-in still open.
 */
import { catalog } from '../../src/bot/catalog';
import { lineExamples } from '../../src/bot/line-examples';
import { Regions } from '../../src/alerts/regions';
import type { BotWorld } from '../helpers/bot-world';
import { checkinOnOldNumber, NEW, queuedForSignal, signalFrom } from './number-change-world';

const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000004';
const t = catalog('en');

/** A message from her Signal account, showing `phone`. */
const signal = (w: BotWorld, phone: string, text: string) => signalFrom(w, UUID, phone, text);

/** What waits for her Signal membership. */
const toHerSignal = (w: BotWorld) => queuedForSignal(w, UUID);


describe('the first message from her new number', () => {
  const noOne = t.checkinNoOneLeft(lineExamples(Regions.load()));

  it('is an OK: her check-in ends, and she is not told it reaches no one', async () => {
    const w = await checkinOnOldNumber(UUID);
    const before = toHerSignal(w).length;
    expect(signal(w, NEW, 'OK')).toBe(t.checkinOk());
    expect(toHerSignal(w).slice(before)).toEqual([t.checkinOk()]);
  });

  it('leaves her check-in running: she is told it reaches no one', async () => {
    const w = await checkinOnOldNumber(UUID);
    signal(w, NEW, 'LATER 30');
    expect(toHerSignal(w).filter((m) => m === noOne)).toHaveLength(1);
  });
});
