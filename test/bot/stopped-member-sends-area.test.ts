/**
 * A member who sent STOP and then texts an area alone ("415") got "didn't understand" (and silence for a second
 * try within the hint's hour). She gets what a stranger gets, "text JOIN 415", in the language kept for her.
 * Not "you're unsubscribed": a stopped membership's number may be someone else's now, who must not learn it was on
 * the line (a review of the first version). Real SQLite and crypto, through the bot.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSA = '+14155550101';
const STRANGER = '+14155550177';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c42';

function signal(w: BotWorld, text: string): string | null {
  return w.bot.handle({ sender: { channel: 'signal', address: UUID }, text, providerId: `sig:${text}:${w.clock.now++}` }).reply;
}

describe('area codes alone from a member who stopped', () => {
  it('by SMS: the reply a stranger gets, and JOIN with them brings her back', async () => {
    const w = await botWorld();
    const t = catalog('en');
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'STOP');
    const reply = w.sms(ROSA, '415 628').reply;
    expect(reply).toBe(t.joinWith(['415', '628']));
    expect(reply).toBe(w.sms(STRANGER, '415 628').reply);
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  });

  it('over Signal: the same', async () => {
    const w = await botWorld();
    const t = catalog('en');
    signal(w, 'JOIN 415');
    signal(w, 'STOP');
    expect(signal(w, '415')).toBe(t.joinWith(['415']));
    expect(signal(w, 'JOIN 415')).toBe(t.joined(['415']));
  });

  it('in her language, naming the keyword that works in it', async () => {
    const w = await botWorld();
    const es = catalog('es');
    w.sms(ROSA, 'UNIRSE 415');
    w.sms(ROSA, 'ALTO');
    expect(w.sms(ROSA, '415').reply).toBe(es.joinWith(['415']));
    expect(es.joinWith(['415'])).toContain('UNIRSE 415');
  });

  it('a word, or a code no area has, still gets the hint; an active member too', async () => {
    const w = await botWorld();
    const t = catalog('en');
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(ROSA, '628').reply).toBe(t.hint());
    w.sms(ROSA, 'STOP');
    w.clock.now += 2 * 3_600_000;
    expect(w.sms(ROSA, '999').reply).toBe(t.hint());
  });
});
