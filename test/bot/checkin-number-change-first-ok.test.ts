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
import { botWorld, type BotWorld } from '../helpers/bot-world';

const OLD = '+14155550102';
const NEW = '+14155550133';
const LILY = '+14155550178';
const UUID = '1b2c3d4e-5f60-4a7b-8c9d-000000000004';
const t = catalog('en');
let sid = 0;

/** A message from her Signal account, showing `phone`. */
function signal(w: BotWorld, phone: string, text: string): string | null {
  return w.bot.handle({ sender: { channel: 'signal', address: UUID, phone }, text, providerId: `${UUID}:${++sid}` }, 'outbox').reply;
}

/** What waits for her Signal membership. */
const toHerSignal = (w: BotWorld) => w.queued({ channel: 'signal', address: UUID }).map((m) => m.text);

async function checkinOnOldNumber(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  signal(w, OLD, 'JOIN 415');
  w.sms(OLD, 'JOIN 415');
  w.sms(OLD, `BUDDY ${LILY} Ann`);
  w.sms(LILY, 'ACCEPT');
  signal(w, OLD, 'CHECKIN 60 grey van');
  return w;
}

describe('the first message from her new number', () => {
  const noOne = t.checkinNoOneLeft(lineExamples(Regions.load()));

  it('is an OK: her check-in ends, and she is not told it reaches no one', async () => {
    const w = await checkinOnOldNumber();
    const before = toHerSignal(w).length;
    expect(signal(w, NEW, 'OK')).toBe(t.checkinOk());
    expect(toHerSignal(w).slice(before)).toEqual([t.checkinOk()]);
  });

  it('leaves her check-in running: she is told it reaches no one', async () => {
    const w = await checkinOnOldNumber();
    signal(w, NEW, 'LATER 30');
    expect(toHerSignal(w).filter((m) => m === noOne)).toHaveLength(1);
  });
});
