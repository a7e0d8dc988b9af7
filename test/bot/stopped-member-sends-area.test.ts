/**
 * A member who sent STOP and then texts an area alone ("415") means to come back: she got "didn't understand"
 * (and silence for a second try within the hint's hour). She is told the word that brings her back: START by
 * SMS (after a STOP only START, YES or UNSTOP lift the carrier's block), JOIN with her areas over Signal. Real
 * SQLite and crypto, through the bot.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c42';

function signal(w: BotWorld, text: string): string | null {
  return w.bot.handle({ sender: { channel: 'signal', address: UUID }, text, providerId: `sig:${text}:${w.clock.now++}` }).reply;
}

describe('area codes alone from a member who stopped', () => {
  it('by SMS: told to text START, then JOIN the areas, each time', async () => {
    const w = await botWorld();
    const t = catalog('en');
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'STOP');
    expect(w.sms(ROSA, '415').reply).toBe(t.areasWhenStopped(['415'], 'sms'));
    expect(w.sms(ROSA, '415 628').reply).toBe(t.areasWhenStopped(['415', '628'], 'sms'));
    expect(t.areasWhenStopped(['415'], 'sms')).toContain('START');
  });

  it('over Signal: told to send JOIN and the areas', async () => {
    const w = await botWorld();
    const t = catalog('en');
    signal(w, 'JOIN 415');
    signal(w, 'STOP');
    expect(signal(w, '415')).toBe(t.areasWhenStopped(['415'], 'signal'));
    expect(signal(w, 'JOIN 415')).toBe(t.joined(['415']));
  });

  it('in her language, naming the keyword that works in it', async () => {
    const w = await botWorld();
    const es = catalog('es');
    w.sms(ROSA, 'UNIRSE 415');
    w.sms(ROSA, 'ALTO');
    expect(w.sms(ROSA, '415').reply).toBe(es.areasWhenStopped(['415'], 'sms'));
    signal(w, 'UNIRSE 415');
    signal(w, 'ALTO');
    expect(signal(w, '415')).toBe(es.areasWhenStopped(['415'], 'signal'));
    expect(es.areasWhenStopped(['415'], 'signal')).toContain('UNIRSE 415');
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
