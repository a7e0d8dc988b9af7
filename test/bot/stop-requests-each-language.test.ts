/**
 * Real requests to stop, in each language the line speaks, stop her: out of
 * a conversation and in the middle of a guided report's question alike, and
 * the reply is in the language she asked in. A rule that narrows what a stop
 * is (a quote in an answer, "cancel my check-in") must leave these alone: a
 * request not honoured keeps texts coming to a phone others may read.
 */
import { catalog } from '../../src/bot/catalog';
import type { Lang } from '../../src/bot/commands';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { sms } from '../helpers/report-world';

const HER = '+14155550141';
// Her language's own words, so the line already speaks it to her.
const JOIN: Record<Lang, string> = { en: 'JOIN 415', es: 'UNIRSE 415', fr: 'REJOINDRE 415', pt: 'ENTRAR 415' };
const REPORT: Record<Lang, string> = { en: 'REPORT', es: 'REPORTAR', fr: 'SIGNALER', pt: 'DENUNCIAR' };

const areas = (w: BotWorld) => listAreas(w.db, findMember(w.db, w.vault, sms(HER))!.id);

// Requests in so many words: STOP out of a conversation and at an open question.
const IN_SO_MANY_WORDS: [string, Lang][] = [
  ['STOP texting me', 'en'],
  ['Please stop texting me', 'en'],
  ['Unsubscribe me please', 'en'],
  ['QUIT SENDING ME THIS', 'en'],
  ['end msgs', 'en'],
  ['Quit sending me these texts', 'en'],
  ['Deja de mandarme mensajes', 'es'],
  ['Paren de mandar mensajes', 'es'],
  ['No más mensajes por favor', 'es'],
  ['Ya no quiero mensajes', 'es'],
  // PARE is Spanish (usted) as well as Portuguese: her Spanish words say which.
  ['Pare de mandarme mensajes', 'es'],
  ['Pare de enviar mensajes por favor', 'es'],
  // PARAR, the keyword, opening a request in so many words.
  ['parar de mandar mensajes', 'es'],
  ['Parar de enviar mensagens', 'pt'],
  ["Arrêtez de m'écrire", 'fr'],
  ['Ne m’écrivez plus', 'fr'],
  ['Je ne veux plus de messages', 'fr'],
  // DE elided before a vowel.
  ["Arrêtez d'envoyer des messages", 'fr'],
  ['Arrête d’envoyer des messages stp', 'fr'],
  ["Arrêter d'envoyer des messages", 'fr'],
  ['Pare de me mandar mensagens', 'pt'],
  ['Parem de mandar mensagens', 'pt'],
  ['Não quero mais receber mensagens', 'pt'],
  // PARA is Brazilian as well as Spanish: her Portuguese words say which.
  ['Para de mandar mensagens', 'pt'],
  ['Para de me mandar mensagem', 'pt'],
];

// Opening with a stop word is enough out of a conversation (at a question, an answer may open with one).
const OPENING_WITH_A_STOP_WORD: [string, Lang][] = [
  ['cancel me', 'en'],
];

describe('a real stop request', () => {
  it.each([...IN_SO_MANY_WORDS, ...OPENING_WITH_A_STOP_WORD])('%p stops her, answered in %s', async (text, lang) => {
    const w = await botWorld();
    expect(w.sms(HER, JOIN[lang]).reply).toBe(catalog(lang).joined(['415']));
    expect(w.sms(HER, text).reply).toBe(catalog(lang).stopped('sms'));
    expect(areas(w)).toEqual([]);
  });

  it.each(IN_SO_MANY_WORDS)('%p at a guided report\'s open question stops her, answered in %s', async (text, lang) => {
    const w = await botWorld();
    w.sms(HER, JOIN[lang]);
    expect(w.sms(HER, REPORT[lang]).reply).toBe(catalog(lang).reportAsk('what'));
    expect(w.sms(HER, text).reply).toBe(catalog(lang).stopped('sms'));
    expect(areas(w)).toEqual([]);
  });
});
