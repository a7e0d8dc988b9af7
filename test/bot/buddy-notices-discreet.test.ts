/**
 * What a member is told unasked of her buddies (an ACCEPT, a DECLINE, an
 * accepted buddy's STOP or DELETE) reaches her lock screen: a member who
 * chose DISCREET, on this channel or her other one (one person, one phone),
 * gets it as plain as her alerts, naming neither the line, nor a buddy, nor
 * a check-in.
 */
import { LANGS, catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSE = '+14155550101';
const BUDDY = '+14155550177';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const RULES = { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms' as const, 'signal' as const] };
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
/** What would out her on a lock screen, in every language: the line, a buddy, a check-in and its words. */
const NAMED = /heads up|buddy|amig|binome|parceir|check|segur|sécur|secur|acompanha|suivi|reporte|date|cita|rendez|encontro/i;

/** Rose, a member by SMS (discreet when asked), has asked BUDDY to be her buddy. */
async function asked(discreet: boolean): Promise<BotWorld> {
  const w = await botWorld({ checkins: RULES });
  w.sms(ROSE, 'JOIN 415');
  if (discreet) expect(w.sms(ROSE, 'DISCREET').reply).toBe(t.discreetOn('sms'));
  w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
  return w;
}

/** What Rose is sent by SMS, unasked, once the buddy texts `words` in turn. */
function toldAfter(w: BotWorld, ...words: string[]): string[] {
  const before = w.queued(sms(ROSE)).length;
  for (const word of words) w.sms(BUDDY, word);
  return w.queued(sms(ROSE)).slice(before).map((m) => m.text);
}

describe('a discreet member told of her buddy unasked', () => {
  it('is told of an ACCEPT without the line, a buddy or a check-in named', async () => {
    const w = await asked(true);
    expect(toldAfter(w, 'ACCEPT')).toEqual(['HU: the number ending 0177 said yes: it is your contact now.']);
  });

  it('is told of a DECLINE as plainly', async () => {
    const w = await asked(true);
    expect(toldAfter(w, 'DECLINE')).toEqual(['HU: the number ending 0177 said no, so it is not your contact.']);
  });

  it("is told of an accepted buddy's STOP as plainly", async () => {
    const w = await asked(true);
    expect(toldAfter(w, 'ACCEPT', 'STOP')).toEqual([t.discreetContactAccepted('0177'), 'HU: the number ending 0177 asked us to stop texting it, so it is not your contact now.']);
  });

  it("is told of an accepted buddy's DELETE as plainly", async () => {
    const w = await asked(true);
    expect(toldAfter(w, 'ACCEPT', 'DELETE')).toEqual([t.discreetContactAccepted('0177'), t.discreetContactDeclined('0177')]);
  });

  it('is told as plainly by SMS when she asked for DISCREET on her Signal membership only', async () => {
    const w = await botWorld({ checkins: RULES });
    const signal = { channel: 'signal' as const, address: UUID, phone: ROSE };
    w.bot.handle({ sender: signal, text: 'JOIN 415', providerId: 'sig:1' });
    expect(w.bot.handle({ sender: signal, text: 'DISCREET', providerId: 'sig:2' }).reply).toBe(t.discreetOn('signal'));
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
    expect(toldAfter(w, 'ACCEPT')).toEqual([t.discreetContactAccepted('0177')]);
  });

  it('is told in her language, naming nothing of the line in any', async () => {
    for (const lang of LANGS) {
      const c = catalog(lang);
      for (const text of [c.discreetContactAccepted('0177'), c.discreetContactDeclined('0177'), c.discreetContactStopped('0177')]) {
        expect(text).toMatch(/^HU: .*0177/);
        expect(text).not.toMatch(NAMED);
      }
    }
    const w = await botWorld({ checkins: RULES });
    w.sms(ROSE, 'REJOINDRE 415');
    w.sms(ROSE, 'DISCRET');
    w.sms(ROSE, `BINOME ${BUDDY} Rose`);
    expect(toldAfter(w, 'ACCEPT')).toEqual([catalog('fr').discreetContactAccepted('0177')]);
  });
});

describe('a member who never asked for DISCREET', () => {
  it('is told of an ACCEPT, a DECLINE, a STOP and a DELETE in full, as before', async () => {
    const w = await asked(false);
    expect(toldAfter(w, 'ACCEPT', 'STOP')).toEqual([t.buddyAcceptedMember('0177'), t.buddyStoppedMember('0177')]);
    w.sms(ROSE, 'BUDDY OFF');
    w.sms(BUDDY, 'START');
    w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
    expect(toldAfter(w, 'ACCEPT', 'DELETE')).toEqual([t.buddyAcceptedMember('0177'), t.buddyDeclinedMember('0177')]);
    w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
    expect(toldAfter(w, 'DECLINE')).toEqual([t.buddyDeclinedMember('0177')]);
  });
});
