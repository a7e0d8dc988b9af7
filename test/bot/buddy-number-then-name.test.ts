/**
 * BUDDY number name, the number written as phones show it, with spaces. The
 * number was the shortest run of 8 characters ending in a digit: "BUDDY +49
 * 30 1234 5678 Rosa" invited +49 30 1234, a stranger, and "+1 415 555 0301"
 * or French "06 12 34 56 78" were refused. The number is now the longest
 * leading run of number words that makes a valid number (DEFAULT_COUNTRY's
 * for a national one); the rest is the name, which may begin with a digit
 * only when the number is written without spaces (else where it ends is a guess).
 */
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import { parse } from '../../src/bot/parser';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSA = '+14155550101';
const t = catalog('en');

async function member(country?: 'FR'): Promise<BotWorld> {
  const w = await botWorld(country ? { regions: new Regions({}, undefined, country) } : {});
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  return w;
}

describe('BUDDY with a spaced number', () => {
  it.each([['BUDDY +1 415 555 0301 Rosa'], ['BUDDY +1 415-555-0301 Rosa'], ['BUDDY 415 555 0301 Rosa'], ['BUDDY SMS +1 415 555 0301 Rosa']])(
    '%s invites the number ending 0301',
    async (text) => {
      const w = await member();
      expect(w.sms(ROSA, text).reply).toBe(t.buddyAsked('0301'));
      expect(w.direct('+14155550301').join('\n')).toContain('Rosa');
    },
  );

  it('BUDDY +49 30 1234 5678 Rosa invites +49 30 12345678, never the stranger at +49 30 1234', async () => {
    const w = await member();
    expect(w.sms(ROSA, 'BUDDY +49 30 1234 5678 Rosa').reply).toBe(t.buddyAsked('5678'));
    expect({ stranger: w.direct('+49301234'), friend: w.direct('+493012345678').length }).toEqual({ stranger: [], friend: 1 });
  });

  it('with DEFAULT_COUNTRY=FR, BUDDY 06 12 34 56 78 Léa invites that mobile', async () => {
    const w = await member('FR');
    expect(w.sms(ROSA, 'BUDDY 06 12 34 56 78 Léa').reply).toBe(t.buddyAsked('5678'));
    expect(w.direct('+33612345678').join('\n')).toContain('Léa');
  });

  it('BUDDY OFF with a spaced international number removes that buddy', async () => {
    const w = await member();
    expect(w.sms(ROSA, 'BUDDY +1 415 555 0301 Rosa').reply).toBe(t.buddyAsked('0301'));
    expect(w.sms(ROSA, 'BUDDY OFF +1 415 555 0301').reply).toBe(t.buddiesRemoved(1));
  });

  it('an invalid number still gets the usage text', async () => {
    const w = await member();
    expect(w.sms(ROSA, 'BUDDY 123 456 Rosa').reply).toBe(t.buddyUsage());
    expect(w.sms(ROSA, 'BUDDY +1 415 555 Rosa').reply).toBe(t.buddyUsage());
  });
});

describe('parse: where the number ends and the name begins', () => {
  const add = (text: string, country?: 'FR') => {
    const p = parse(text, country);
    return p.ok ? p.command : p.error;
  };

  it.each([
    ['BUDDY +49 30 1234 5678 Rosa', '+49 30 1234 5678', 'Rosa'],
    ['BUDDY +1 415 555 0301 Rosa', '+1 415 555 0301', 'Rosa'],
    ['BUDDY 415-555-0177 Rosa2', '415-555-0177', 'Rosa2'],
    ['BUDDY +14155550177 2nd Rosa', '+14155550177', '2nd Rosa'],
    ['BUDDY (415) 555-0177 Rose Marie', '(415) 555-0177', 'Rose Marie'],
  ])('%s: number %s, name %s', (text, number, name) => {
    expect(add(text)).toEqual({ kind: 'buddy', action: 'add', number, name });
  });

  it('reads a national number as DEFAULT_COUNTRY writes it', () => {
    expect(add('BUDDY 06 12 34 56 78 Léa', 'FR')).toEqual({ kind: 'buddy', action: 'add', number: '06 12 34 56 78', name: 'Léa' });
  });

  it('keeps the SMS and SIGNAL prefixes', () => {
    expect(add('BUDDY SIGNAL +1 415 555 0301 Rosa')).toEqual({ kind: 'buddy', action: 'add', channel: 'signal', number: '+1 415 555 0301', name: 'Rosa' });
    expect(add('BUDDY sms 415 555 0301 Rosa')).toEqual({ kind: 'buddy', action: 'add', channel: 'sms', number: '415 555 0301', name: 'Rosa' });
  });

  it('refuses a name opening with a digit after a spaced number: the digit may be the number’s', () => {
    expect(add('BUDDY 415 555 0177 9 Rosa')).toBe('bad_number');
    expect(add('BUDDY +49 30 1234 5678 Rosa')).not.toBe('bad_number');
  });

  it('a valid number and no name asks for the name', () => {
    expect(add('BUDDY +1 415 555 0301')).toBe('missing_name');
  });

  it('reads BUDDY OFF’s number whole', () => {
    expect(add('BUDDY OFF +49 30 1234 5678')).toEqual({ kind: 'buddy', action: 'off', number: '+49 30 1234 5678' });
  });
});
