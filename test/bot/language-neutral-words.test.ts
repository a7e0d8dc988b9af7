/**
 * Words the line itself tells people to type keep their language: START
 * (the STOP reply names it in every language: the one word that lifts
 * Twilio's block), Twilio's own opt-in words under Advanced Opt-Out (read as
 * START), and the moderators' commands, which exist in English only.
 */
import { catalog, type Catalog } from '../../src/bot/catalog';
import type { Lang } from '../../src/domain/lang';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { botWorld } from '../helpers/bot-world';
import { startHarness, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('coming back with START, as the STOP reply in her language says', () => {
  it.each([
    ['es', 'UNIRSE', 'ALTO'],
    ['fr', 'REJOINDRE', 'ARRET'],
    ['pt', 'ENTRAR', 'PARAR'],
  ] as Array<[Lang, string, string]>)('keeps a %s member in her language', async (lang, join, stop) => {
    const w = await botWorld();
    const t = catalog(lang);
    expect(w.sms(ROSA, `LANG ${lang.toUpperCase()}`).reply).toBe(t.langSet());
    expect(w.sms(ROSA, join).reply).toBe(t.joined(['415']));
    const stopped = w.sms(ROSA, stop).reply;
    expect(stopped).toBe(t.stopped('sms'));
    expect(stopped).toContain('START');
    // She does what the reply says.
    expect(w.sms(ROSA, 'START').reply).toBe(t.joined(['415']));
    expect(findMember(w.db, w.vault, sms(ROSA))!.lang).toBe(lang);
  });
});

describe('a keyword two languages write, taught by one', () => {
  const ref = (reply: string) => /#[A-Z0-9]{4,6}/.exec(reply)?.[0] ?? '';
  it.each([
    ['es', 'UNIRSE', 'DENUNCIA 415 hombre violento, carro gris', (t: Catalog, reply: string) => t.reportReceived(ref(reply), ['415'])],
    ['es', 'UNIRSE', 'ENTRAR 628', (t: Catalog) => t.joined(['415', '628'])],
    ['pt', 'ENTRAR', 'AMIGA 415-555-0177 Rosa', (t: Catalog) => t.buddyAsked('0177')],
  ] as Array<[Lang, string, string, (t: Catalog, reply: string) => string]>)('keeps a %s member (%s) in her language after %j', async (lang, join, text, expected) => {
    const w = await botWorld();
    const t = catalog(lang);
    expect(w.sms(ROSA, join).reply).toBe(t.joined(['415']));
    const reply = w.sms(ROSA, text).reply ?? '';
    expect(reply).toBe(expected(t, reply));
    expect(findMember(w.db, w.vault, sms(ROSA))!.lang).toBe(lang);
  });

  it.each(['AMIGA 415-555-0177', 'AMIGA Rosa'])('keeps a pt member in hers after %j, which lacks what AMIGA needs', async (text) => {
    const w = await botWorld();
    const t = catalog('pt');
    expect(w.sms(ROSA, 'ENTRAR').reply).toBe(t.joined(['415']));
    expect(w.sms(ROSA, text).reply).toBe(t.buddyUsage());
    expect(findMember(w.db, w.vault, sms(ROSA))!.lang).toBe('pt');
  });

  it('still answers a newcomer in the language whose replies teach the word', async () => {
    const w = await botWorld();
    expect(w.sms(ROSA, 'ENTRAR').reply).toBe(catalog('pt').joined(['415']));
    expect(w.sms('+14155550102', 'AMIGA 415-555-0177 Rosa').reply).toBe(catalog('es').buddyAsked('0177'));
  });
});

describe('the same word in two languages, joined', () => {
  it('keeps a Spanish member in Spanish after "HELP/AYUDA"', async () => {
    const w = await botWorld();
    const es = catalog('es');
    expect(w.sms(ROSA, 'UNIRSE 415').reply).toBe(es.joined(['415']));
    expect(w.sms(ROSA, 'HELP/AYUDA').reply).toBe(es.help());
    expect(w.sms(ROSA, 'STATUS').reply).toBe(es.areas(['415']));
  });
});

describe('a moderator who chose Spanish', () => {
  it('stays Spanish after approving a report as the notice says', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    const es = catalog('es');
    expect(w.sms(MOD, 'LANG ES').reply).toBe(es.langSet());
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(ROSA, 'REPORT 415 grey van, took my phone').reply ?? '')![1]!;
    const notice = w.queued(sms(MOD)).at(-1)!.text;
    expect(notice).toContain(`APPROVE ${ref}`);
    // She does what the Spanish notice says.
    w.sms(MOD, `APPROVE ${ref}`);
    expect(findMember(w.db, w.vault, sms(MOD))!.lang).toBe('es');
  });
});

describe('over Twilio with Advanced Opt-Out', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('keeps a Spanish member in Spanish when she comes back with COMENZAR, Twilio\'s Spanish opt-in word', async () => {
    const who = '+12065550141';
    await h.sms(who, 'UNIRSE');
    await h.sms(who, 'ALTO');
    await h.sms(who, 'COMENZAR', { extra: { OptOutType: 'START' } });
    // STATUS is a word of every language: the answer is in hers.
    expect((await h.sms(who, 'STATUS')).message).toBe(catalog('es').areas(['206']));
  });
});
