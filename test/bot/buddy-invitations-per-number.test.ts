/**
 * Invitations to one number are not capped across members: a cap shared by
 * every member let one account use up a number's invitations for the day
 * (BUDDY, BUDDY OFF, again), so her real buddy could not be asked, and told
 * a prober, by when it refused, whether someone else had asked the number
 * today. Each member's own day's invitations bound what she can send; a
 * number that texted STOP is sent none (buddy-stop tests).
 */
import { catalog } from '../../src/bot/catalog';
import { INVITES_PER_DAY } from '../../src/bot/buddy-commands';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ASKED = '+12125550142';
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
  it('one account asking and removing the number again and again does not stop a member asking it', async () => {
    const w = await line();
    for (let i = 0; i < 3; i++) {
      expect(fromSignal(w, 1, `BUDDY ${ASKED} Rose`)).toBe(t.buddyAsked('0142'));
      fromSignal(w, 1, `BUDDY OFF ${ASKED}`);
    }
    w.sms('+14155550100', 'JOIN 415');
    expect(w.sms('+14155550100', `BUDDY ${ASKED} Mia`).reply).toBe(t.buddyAsked('0142'));
    expect(invitations(w, ASKED).filter((m) => m.includes('Mia'))).toHaveLength(1);
  });

  it('reach it from as many members as ask it the same day, each asked once', async () => {
    const w = await line();
    for (let n = 1; n <= INVITES_PER_DAY; n++) expect(fromSignal(w, n, `BUDDY ${ASKED} Rose${n}`)).toBe(t.buddyAsked('0142'));
    expect(invitations(w, ASKED)).toHaveLength(INVITES_PER_DAY);
  });

  it('answer a member the same whether another member asked the number today or not', async () => {
    const answers = async (otherAsked: boolean) => {
      const w = await line();
      if (otherAsked) fromSignal(w, 2, `BUDDY ${ASKED} Mia`);
      const out: Array<string | null> = [];
      for (let i = 0; i < 4; i++) {
        out.push(fromSignal(w, 1, `BUDDY ${ASKED} Rose`));
        fromSignal(w, 1, `BUDDY OFF ${ASKED}`);
      }
      return out;
    };
    const alone = await answers(false);
    expect(alone).toEqual([0, 1, 2, 3].map(() => t.buddyAsked('0142')));
    expect(await answers(true)).toEqual(alone);
  });
});
