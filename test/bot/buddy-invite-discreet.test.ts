/**
 * An invitation to be someone's buddy comes unasked: when the number asked
 * is itself a member who chose DISCREET (by SMS, or over Signal showing
 * that number: one number, one phone), it names neither the line nor dates
 * on her lock screen, yet still says what she agrees to. Anyone else, who
 * may never have heard of the line, gets the invitation that explains it.
 */
import { LANGS, catalog } from '../../src/bot/catalog';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550101';
const LENA = '+14155550177';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const RULES = { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms' as const, 'signal' as const] };
const t = catalog('en');
const PLAIN = "HU: Rose asks you to be their contact: if they don't answer us in time, we'll pass you their message. Reply ACCEPT or DECLINE.";
/** What would out her on a lock screen, in every language: the line, a buddy, a check-in, dates and safety. */
const NAMED = /heads up|buddy|amig|binome|parceir|check|segur|sécur|secur|acompanha|suivi|reporte|date|cita|rendez|encontro|noticia|nouvelles/i;

async function line(): Promise<BotWorld> {
  return botWorld({ checkins: RULES });
}

/** Lena's texts by SMS. */
function lena(w: BotWorld, text: string): string | null {
  return w.sms(LENA, text).reply;
}

/** What was queued to Lena's number naming Rose (the invitation), on any channel. */
function invitations(w: BotWorld): string[] {
  return w.direct(LENA).filter((text) => text.includes('Rose'));
}

describe('an invitation to a number that is a discreet member', () => {
  it('names neither the line nor dates, and says what she agrees to', async () => {
    const w = await line();
    lena(w, 'JOIN 415');
    expect(lena(w, 'DISCREET')).toBe(t.discreetOn('sms'));
    w.sms(ROSE, `BUDDY ${LENA} Rose`);
    expect(invitations(w)).toEqual([PLAIN]);
    expect(lena(w, 'ACCEPT')).toBe(t.buddyAccepted());
  });

  it('is as plain when she asked for DISCREET over Signal, showing that number', async () => {
    const w = await line();
    const signal = { channel: 'signal' as const, address: UUID, phone: LENA };
    w.bot.handle({ sender: signal, text: 'JOIN 415', providerId: 'sig:1' });
    expect(w.bot.handle({ sender: signal, text: 'DISCREET', providerId: 'sig:2' }).reply).toBe(t.discreetOn('signal'));
    w.sms(ROSE, `BUDDY ${LENA} Rose`);
    expect(invitations(w)).toEqual([PLAIN]);
  });

  it('is as plain over Signal when her SMS membership is discreet', async () => {
    const w = await line();
    lena(w, 'JOIN 415');
    lena(w, 'DISCREET');
    w.sms(ROSE, `BUDDY SIGNAL ${LENA} Rose`);
    expect(invitations(w)).toEqual([PLAIN]);
  });

  it('is as plain when it is held through her STOP and sent on her START', async () => {
    const w = await line();
    lena(w, 'JOIN 415');
    lena(w, 'DISCREET');
    lena(w, 'STOP');
    w.sms(ROSE, `BUDDY ${LENA} Rose`);
    expect(invitations(w)).toEqual([]);
    lena(w, 'START');
    expect(invitations(w)).toEqual([PLAIN]);
  });

  it('names nothing of the line in any language, and gives that language words to answer', async () => {
    const accept = { en: 'ACCEPT', es: 'ACEPTAR', fr: 'ACCEPTER', pt: 'ACEITAR' } as const;
    for (const lang of LANGS) {
      const text = catalog(lang).discreetBuddyInvite('Rose');
      expect(text).toMatch(/^HU: Rose /);
      expect(text).toContain(accept[lang]);
      expect(text).not.toMatch(NAMED);
    }
  });
});

describe('an invitation to anyone else', () => {
  it('explains the line to a number that is no member', async () => {
    const w = await line();
    w.sms(ROSE, `BUDDY ${LENA} Rose`);
    expect(invitations(w)).toEqual([t.buddyInvite('Rose')]);
  });

  it('explains the line to a member who never asked for DISCREET', async () => {
    const w = await line();
    lena(w, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${LENA} Rose`);
    expect(invitations(w)).toEqual([t.buddyInvite('Rose')]);
  });
});
