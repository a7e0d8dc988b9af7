/**
 * Words a member writes in her own language: the feminine DISCRETA and
 * DISCRÈTE (as SEGURA, LISTA, AMIGA are read), and ÁREAS, which is Spanish
 * and Portuguese as much as English and must not switch her to English.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { botWorld } from '../helpers/bot-world';

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('DISCRETA, DISCRÈTE', () => {
  it.each([
    ['+14155550161', 'UNIRSE 415', 'Discreta', 'es'],
    ['+14155550162', 'ENTRAR 415', 'Discreta', 'pt'],
    ['+14155550163', 'REJOINDRE 415', 'Discrète', 'fr'],
    // English's common misspelling: discreet alerts, still in English.
    ['+14155550164', 'JOIN 415', 'Discrete', 'en'],
  ] as const)('%s: %s then %s turns discreet alerts on, in her language', async (who, join, word, lang) => {
    const w = await botWorld();
    w.sms(who, join);
    expect(w.sms(who, word).reply).toBe(catalog(lang).discreetOn('sms'));
    expect(findMember(w.db, w.vault, sms(who))!.lang).toBe(lang);
  });
});

describe('ÁREAS from a Spanish or Portuguese member', () => {
  it.each([
    ['+14155550141', 'UNIRSE 415', 'es'],
    ['+14155550142', 'ENTRAR 415', 'pt'],
  ] as const)('%s (%s) keeps her language', async (who, join, lang) => {
    const w = await botWorld();
    w.sms(who, join);
    expect(w.sms(who, 'Áreas').reply).toBe(catalog(lang).areas(['415']));
    expect(findMember(w.db, w.vault, sms(who))!.lang).toBe(lang);
  });
});
