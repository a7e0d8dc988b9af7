/**
 * A hunt found the join question (which area?), answered after its hour with exactly what it asked ("415"),
 * answered "Heads Up didn't understand that": never told the question had lapsed, not subscribed, and a
 * second try met silence (the hint is once an hour). Area codes alone from someone with no membership on
 * the channel are now answered with the JOIN that does it.
 */
import { catalog } from '../../src/bot/catalog';
import { CONVERSATION_MS } from '../../src/bot/dialogues';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const HIDDEN = '+447700900123';
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply;

describe('area codes alone from someone with no membership', () => {
  it('the join question answered after it lapsed: told to JOIN 415, and JOIN 415 joins', async () => {
    const w = await world();
    expect(say(w, HIDDEN, 'JOIN')).toBe(t.joinWhichArea());
    w.clock.now += CONVERSATION_MS + 60_000;
    expect(say(w, HIDDEN, '415')).toBe(t.joinWith(['415']));
    expect(say(w, HIDDEN, 'JOIN 415')).toBe(t.joined(['415']));
  });

  it('a second try is answered too, and the question ended by two misses leaves no silence', async () => {
    const w = await world();
    say(w, HIDDEN, 'JOIN');
    say(w, HIDDEN, 'hello');
    expect(say(w, HIDDEN, 'who is this')).toBe(t.hint());
    expect(say(w, HIDDEN, '415 628')).toBe(t.joinWith(['415', '628']));
    expect(say(w, HIDDEN, '415 628')).toBe(t.joinWith(['415', '628']));
  });

  it('a code no area has, a word, or a member\'s area code gets the hint as before', async () => {
    const w = await world();
    expect(say(w, HIDDEN, '999')).toBe(t.hint());
    expect(say(w, '+14155550120', 'hey Austin')).toBe(t.hint());
    expect(say(w, MEMBER, '628')).toBe(t.hint());
  });
});
