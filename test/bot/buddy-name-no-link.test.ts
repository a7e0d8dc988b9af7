/**
 * BUDDY's name is shown to a stranger, from the line's own number: a name
 * holding a link, an @ or a number ("Pay fine: evil.co/p 18005550199") is
 * refused and nothing is sent. Anyone could make the line text any number
 * words of their choosing, and links get its number filtered by carriers.
 * Names in every script still go.
 */
import { catalog } from '../../src/bot/catalog';
import { INVITES_PER_DAY } from '../../src/bot/buddy-commands';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MEMBER = '+14155550122';
const BUDDY = '+14155550177';
const t = catalog('en');

async function member(): Promise<BotWorld> {
  const w = await botWorld();
  w.sms(MEMBER, 'JOIN');
  return w;
}

const rows = (w: BotWorld) => (w.db.sqlite.prepare('SELECT count(*) AS n FROM buddies').get() as { n: number }).n;

describe('BUDDY number name', () => {
  it.each([
    'Pay fine: evil.co/p 18005550199',
    'Rose evil.com',
    'evil(.)co',
    'see WWW evil',
    'http evil',
    'rose@evil',
    'Rose 5550',
    'Rose 1 2 3 4',
    'Ｅvil．ｃｏ',
    'bit.ly/x',
    't.co/x',
    'Dr.Ana',
  ])('refuses %j and sends nothing', async (name) => {
    const w = await member();
    expect(w.sms(MEMBER, `BUDDY 415-555-0177 ${name}`).reply).toBe(t.buddyNameRefused());
    expect(w.direct(BUDDY)).toEqual([]);
    expect(rows(w)).toBe(0);
  });

  it.each(['Rose', 'María José', 'Zoë', 'Лена', '玲玲', 'نور', 'Rose B.', "O'Brien", 'Mary-Jane', 'Rose 2', '🌹', 'Dr. Ana', 'J.Lo', 'A.B.', 'K.T.', 'Lil Kim 007'])('asks with %j', async (name) => {
    const w = await member();
    expect(w.sms(MEMBER, `BUDDY 415-555-0177 ${name}`).reply).toBe(t.buddyAsked('0177'));
    // By SMS a name GSM-7 lacks a letter of goes without its accents (buddy-invite-accented-name.test.ts).
    const plain = name.normalize('NFKD').replace(/\p{M}/gu, '');
    expect([t.buddyInvite(name), t.buddyInvite(plain)]).toContain(w.direct(BUDDY)[0]);
  });

  it('tells her a title joined to the name by a dot goes with a space', () => {
    // "Dr.Ana" reads as "bit.ly": refused, and told how it goes.
    for (const lang of ['en', 'es', 'fr', 'pt'] as const) expect(catalog(lang).buddyNameRefused()).toContain('Dr. Ana');
  });

  it("counts no refused name among the day's invitations", async () => {
    const w = await member();
    for (let i = 0; i < INVITES_PER_DAY; i++) w.sms(MEMBER, 'BUDDY 415-555-0177 evil.co');
    expect(w.sms(MEMBER, 'BUDDY 415-555-0177 Rose').reply).toBe(t.buddyAsked('0177'));
  });
});
