/**
 * Invitations to one number are bounded across all members: accounts are
 * cheap to make over Signal on an open line, and each could otherwise text a
 * stranger six of its own words a day. The refusal says nothing of the
 * number: it reads the same whether it stopped the line, is a member, or
 * neither.
 */
import { catalog } from '../../src/bot/catalog';
import { INVITES_TO_NUMBER_PER_DAY } from '../../src/bot/buddy-commands';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ASKED = '+12125550142';
const DAY = 86_400_000;
const RULES = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } as const;
const t = catalog('en');

async function line(): Promise<BotWorld> {
  return botWorld({ checkins: { ...RULES, buddyChannels: [...RULES.buddyChannels] } });
}

let sid = 0;
/** A member over Signal hiding her number: account `n`. */
function fromSignal(w: BotWorld, n: number, text: string): string | null {
  const uuid = `5e6f7a8b-9c0d-4e1f-8a2b-${String(n).padStart(12, '0')}`;
  return w.bot.handle({ sender: { channel: 'signal', address: uuid }, text, providerId: `sig-${++sid}` }).reply;
}

const invitations = (w: BotWorld, to: string) => w.direct(to).filter((m) => m.includes('asked you to be their safety buddy'));

describe('invitations to one number, from every member together', () => {
  it(`reach it at most ${INVITES_TO_NUMBER_PER_DAY} times a day; the next member is refused and nothing is texted`, async () => {
    const w = await line();
    expect(INVITES_TO_NUMBER_PER_DAY).toBeLessThan(6);
    for (let n = 1; n <= INVITES_TO_NUMBER_PER_DAY; n++) expect(fromSignal(w, n, `BUDDY +12125550142 Rose${n}`)).toBe(t.buddyAsked('0142'));
    const refused = fromSignal(w, 99, 'BUDDY +12125550142 Rose see evil.co/x');
    expect(refused).toBe(t.buddyNotNow('0142'));
    expect(invitations(w, ASKED)).toHaveLength(INVITES_TO_NUMBER_PER_DAY);
    expect(invitations(w, ASKED).some((m) => m.includes('evil.co'))).toBe(false);
    // The refused member lost none of her own: she may ask someone else at once.
    expect(fromSignal(w, 99, 'BUDDY +12125550143 Jo')).toBe(t.buddyAsked('0143'));
    // And her list does not hold the number she was refused.
    expect(fromSignal(w, 99, 'BUDDY')).toBe(t.buddyList([{ ending: '0143', status: 'invited' }]));
  });

  it('reach it again the next day', async () => {
    const w = await line();
    for (let n = 1; n <= INVITES_TO_NUMBER_PER_DAY; n++) fromSignal(w, n, 'BUDDY +12125550142 Rose');
    w.clock.now += DAY;
    expect(fromSignal(w, 99, 'BUDDY +12125550142 Rose')).toBe(t.buddyAsked('0142'));
    expect(invitations(w, ASKED)).toHaveLength(INVITES_TO_NUMBER_PER_DAY + 1);
  });

  it('are refused in the same words whether the number stopped the line, is a member, or neither', async () => {
    const stopped = '+12125550151';
    const member = '+12125550152';
    const stranger = '+12125550153';
    const w = await line();
    w.sms(stopped, 'STOP');
    w.sms(member, 'JOIN');
    const refusals = [stopped, member, stranger].map((number, i) => {
      for (let n = 1; n <= INVITES_TO_NUMBER_PER_DAY; n++) expect(fromSignal(w, 10 * i + n, `BUDDY ${number} Rose`)).toBe(t.buddyAsked(number.slice(-4)));
      return fromSignal(w, 10 * i + 9, `BUDDY ${number} Rose`)?.replace(number.slice(-4), 'XXXX');
    });
    expect(refusals).toEqual([0, 1, 2].map(() => t.buddyNotNow('XXXX')));
    expect(invitations(w, stopped)).toEqual([]);
  });

  it('do not name the number in another language either', async () => {
    for (const lang of ['en', 'es', 'fr', 'pt'] as const) {
      expect(catalog(lang).buddyNotNow('0142')).toContain('0142');
      expect(catalog(lang).buddyNotNow('0142')).not.toBe(catalog(lang).buddyDeclinedBefore('0142', 30));
    }
  });
});
