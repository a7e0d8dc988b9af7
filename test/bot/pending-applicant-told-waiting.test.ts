/**
 * SUBSCRIBE_MODE=approval: an applicant whose join request waits is told so by what only members may do
 * (CHECK, BUDDY, CHECKIN), by AREAS and by LEAVE of an area she neither holds nor asked for. Told to "text
 * JOIN", or that she has left her own number's area, she went round in circles: JOIN only repeats that her
 * request is with a moderator.
 */
import { catalog } from '../../src/bot/catalog';
import type { CheckinRules } from '../../src/bot/line-rules';
import type { Lang } from '../../src/domain/lang';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const RULES: CheckinRules = { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const joinRef = (w: BotWorld): string | undefined => /#([A-Z0-9]{4,6}) join/.exec(w.sms(MOD, 'PENDING').reply ?? '')?.[1];

/** Each language's words, as she writes them: she is answered in the language of her keywords. */
const WORDS: Record<Lang, { join: string; asks: string[] }> = {
  en: { join: 'JOIN', asks: ['CHECK 415 555 0123', 'BUDDY 415-555-0177 Rose', 'CHECKIN 30 motel 6', 'AREAS'] },
  es: { join: 'UNIRSE', asks: ['VERIFICAR 415 555 0123', 'AMIGA 415-555-0177 Rose', 'SEGURA 30 motel 6', 'ZONAS'] },
  fr: { join: 'REJOINDRE', asks: ['VERIFIER 415 555 0123', 'BINOME 415-555-0177 Rose', 'SECURITE 30 motel 6', 'ZONES'] },
  pt: { join: 'ENTRAR', asks: ['VERIFICAR 415 555 0123', 'PARCEIRA 415-555-0177 Rose', 'SEGURA 30 motel 6', 'REGIOES'] },
};

/** Rosa, whose number is in 415, asks to join 212 and waits. */
async function waiting(lang: Lang): Promise<BotWorld> {
  const w = await botWorld({ subscribeMode: 'approval', moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], checkins: RULES });
  expect(w.sms(ROSA, `${WORDS[lang].join} 212`).reply).toBe(catalog(lang).joinPending(['212']));
  return w;
}

describe('an applicant whose request waits for a moderator', () => {
  for (const lang of ['en', 'es', 'fr', 'pt'] as const) {
    const t = catalog(lang);
    it(`(${lang}) is told her request for 212 waits, by CHECK, BUDDY, CHECKIN and AREAS`, async () => {
      const w = await waiting(lang);
      for (const text of WORDS[lang].asks) {
        expect([text, w.sms(ROSA, text).reply]).toEqual([text, t.requestWaiting(['212'])]);
      }
    });
  }

  it('LEAVE of an area she neither holds nor asked for says her request waits, and leaves it waiting', async () => {
    const w = await waiting('en');
    const ref = joinRef(w);
    expect(w.sms(ROSA, 'LEAVE 415').reply).toBe(catalog('en').requestWaiting(['212']));
    expect(joinRef(w)).toBe(ref);
  });

  it('once she LEAVEs the area asked, her request is gone and she is told to JOIN as anyone', async () => {
    const w = await waiting('en');
    expect(w.sms(ROSA, 'LEAVE 212').reply).toBe(catalog('en').left(['212'], []));
    expect(w.sms(ROSA, 'CHECKIN 30 motel 6').reply).toBe(catalog('en').membersOnly());
  });
});
