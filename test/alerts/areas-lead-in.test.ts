/**
 * "UNIRSE a 415", "SALIR de 415", "JOIN to 415": a word that leads in to the
 * areas is no area, and was refused as one ("'A' isn't one of our areas").
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, exampleLine } from '../helpers/bot-world';

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('a word before the areas', () => {
  it.each([
    ['UNIRSE a 628', 'es'],
    ['Unirse al 628', 'es'],
    ['JOIN to 628', 'en'],
    ['REJOINDRE pour 628', 'fr'],
  ] as const)('%s joins 628', async (text, lang) => {
    const w = await botWorld();
    expect(w.sms('+14155550101', text).reply).toBe(catalog(lang).joined(['628']));
  });

  it.each([
    ['ENTRAR em Monterrey', 'pt', 'MTY'],
    ['ENTRAR em Ciudad de México', 'pt', 'CDMX'],
    ['UNIRSE a la CDMX', 'es', 'CDMX'],
    ['UNIRSE a la Ciudad de México', 'es', 'CDMX'],
    ['UNIRSE en Monterrey', 'es', 'MTY'],
  ] as const)('%s joins its area on the Mexican line', async (text, lang, code) => {
    const w = await botWorld({ regions: exampleLine('mx') });
    expect(w.sms('+5215512345678', text).reply).toBe(catalog(lang).joined([code]));
  });

  it('a lead-in word and an article lead in only to an area', async () => {
    const w = await botWorld({ regions: exampleLine('mx') });
    expect(w.sms('+5215512345679', 'UNIRSE a la').reply).not.toMatch(/recibiras alertas/);
    expect(w.sms('+5215512345679', 'ENTRAR em').reply).not.toMatch(/alertas/);
  });

  it('SALIR de 628 leaves 628', async () => {
    const w = await botWorld();
    w.sms('+14155550102', 'UNIRSE 415 628');
    w.sms('+14155550102', 'SALIR de 628');
    expect(listAreas(w.db, findMember(w.db, w.vault, sms('+14155550102'))!.id)).toEqual(['415']);
  });

  it('is still refused alone, or before a word that is no area', async () => {
    const w = await botWorld();
    expect(w.sms('+14155550103', 'UNIRSE a').reply).not.toBe(catalog('es').joined(['415']));
    expect(w.sms('+14155550103', 'UNIRSE a Narnia').reply).not.toMatch(/recibiras alertas/);
  });
});
