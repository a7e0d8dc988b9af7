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
  // As phones shorten the verb.
  ['quit txting me', 'en'],
  ['stop msging me', 'en'],
  // CANCEL naming the line's messages: her STOP, not the end of a question.
  ['cancel my alerts pls', 'en'],
  ['cancel the texts thx', 'en'],
  ['Deja de mandarme mensajes', 'es'],
  ['Paren de mandar mensajes', 'es'],
  ['No más mensajes por favor', 'es'],
  ['Ya no quiero mensajes', 'es'],
  // PARE is Spanish (usted) as well as Portuguese: her Spanish words say which.
  ['Pare de mandarme mensajes', 'es'],
  ['Pare de enviar mensajes por favor', 'es'],
  ['Pare de escribirme', 'es'],
  ['Pare de escribirme por favor', 'es'],
  ['Pare de molestarme', 'es'],
  ['ya basta de mensajes', 'es'],
  ['para ya de mandarme mensajes', 'es'],
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
  // The apostrophe left out, as often typed.
  ['arrete d envoyer des messages', 'fr'],
  ['Arrete de menvoyer des messages', 'fr'],
  ['arrete de m ecrire', 'fr'],
  ['Pare de me mandar mensagens', 'pt'],
  ['Parem de mandar mensagens', 'pt'],
  ['Não quero mais receber mensagens', 'pt'],
  // PARA is Brazilian as well as Spanish: her Portuguese words say which.
  ['Para de mandar mensagens', 'pt'],
  ['Para de me mandar mensagem', 'pt'],
  ['Para de mandar msg', 'pt'],
  // STOP with what QUIT, END and CANCEL take after them, said twice, or with courtesy in any language.
  ['stop the alerts', 'en'],
  ['stop all alerts', 'en'],
  ['stop these texts', 'en'],
  ['stop msgs', 'en'],
  ['stop all messages', 'en'],
  ['stop stop texting me', 'en'],
  ['Stop! Stop texting me', 'en'],
  ['stop thanks', 'en'],
  ['stop now thanks', 'en'],
  ['quit pls', 'en'],
  ['omg stop texting me', 'en'],
  ['can you stop texting me', 'en'],
  ['i want to unsubscribe', 'en'],
  ['stop por favor', 'es'],
  ['stop porfa', 'es'],
  ['para de mandarme mensajes pls', 'es'],
  ['paren de escribirme porfa', 'es'],
  ['porfavor dejen de escribirme', 'es'],
  ['basta ya de mensajes', 'es'],
  ['no mas msjs', 'es'],
  ['stop svp', 'fr'],
  ['stop merci', 'fr'],
  ['stop obrigada', 'pt'],
  ['para de mandar msg pfv', 'pt'],
  // CANCEL, which at an open question drops the report, with a request after it or naming her.
  ['cancel and unsubscribe me', 'en'],
  ['cancel, stop texting me', 'en'],
  ['Cancel. Unsubscribe me', 'en'],
  ['cancel report and stop texting me', 'en'],
  ['cancel my account', 'en'],
  ['cancel me', 'en'],
  // Shortened, misspelt, or other everyday phrasings.
  ['no more msgs', 'en'],
  ['unsuscribe', 'en'],
  ['opt me out', 'en'],
  ['arrêtez les messages svp', 'fr'],
  ['laisse moi tranquille', 'fr'],
  ['quitenme de la lista', 'es'],
  ['déjenme en paz', 'es'],
  ['chega de msg', 'pt'],
  ['nao quero mais msg', 'pt'],
  ['me tira dessa lista', 'pt'],
  // Shortened as phones write them: MSJS, MSJ, SMS after "no quiero recibir"; MSG, MSGS after "não quero mais receber".
  ['ya no quiero recibir msjs', 'es'],
  ['no quiero recibir mas msj', 'es'],
  ['ya no quiero recibir sms', 'es'],
  ['nao quero mais receber msg', 'pt'],
  ['não quero mais receber msgs', 'pt'],
  // MANDA for MANDAR, as often typed, after PARA, PARE or PAREM DE.
  ['para de me manda mensagem', 'pt'],
  ['para de manda mensagem', 'pt'],
  ['pare de me manda mensagem', 'pt'],
  ['parem de manda mensagem', 'pt'],
  // As "leave me alone", "déjenme en paz".
  ['me deixa em paz', 'pt'],
  ['me deixem em paz', 'pt'],
  ['me deixe em paz', 'pt'],
  ['deixa-me em paz', 'pt'],
  ['deixa me em paz', 'pt'],
  // DÉSABONNER, the everyday word, as DÉSINSCRIRE.
  ['désabonnez-moi', 'fr'],
  ['desabonnez moi svp', 'fr'],
  ['me désabonner', 'fr'],
];

// Requests honoured out of a conversation only. Opening with a stop word (at a question, an answer may open with one).
const OUT_OF_A_QUESTION_ONLY: [string, Lang][] = [
  ['cancel the report', 'en'],
  // After OK or YES, which alone would be a check-in's OK or a JOIN (at a question, an answer's "yes").
  ['ok stop texting me', 'en'],
  ['OK please stop texting me', 'en'],
  ['okay unsubscribe me', 'en'],
  ['ok leave me alone', 'en'],
  ['yes please stop texting me', 'en'],
  // Opening the message, with her reason after it, however long (at a question, past ten words it is her story).
  ['Please stop texting me, my boyfriend goes through my phone every night', 'en'],
  ['Por favor dejen de mandarme mensajes, mi esposo revisa mi celular', 'es'],
  ['Pare de me mandar mensagens por favor meu marido olha meu celular', 'pt'],
  // Not opening with the request: at a question an answer, as "je veux me désinscrire" is (report-answer-quotes-stop).
  ['je veux me desabonner', 'fr'],
  ['je veux me désabonner', 'fr'],
];

// PARA opening it, with words only Portuguese writes.
const BRAZILIAN: [string, Lang][] = [
  ['Para de mandar isso', 'pt'],
  ['Para de mandar pra mim', 'pt'],
  ['Para de mandar isso pfv', 'pt'],
];

describe('a real stop request', () => {
  it.each([...IN_SO_MANY_WORDS, ...OUT_OF_A_QUESTION_ONLY, ...BRAZILIAN])('%p stops her, answered in %s', async (text, lang) => {
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

// "Para de mandar msg" is Spanish as well as Portuguese: a member who speaks either stays in hers.
describe('a request whose words do not say Spanish or Portuguese', () => {
  // PARE DE too: "usted" in Spanish, the singular in Portuguese.
  it.each([
    ['Para de mandar msg', 'es'],
    ['Para de mandar msg', 'pt'],
    ['Pare de mandar msg', 'es'],
    ['Pare de mandar msg', 'pt'],
    ['Pare de enviar sms', 'es'],
    ['Pare de enviar sms', 'pt'],
  ] as [string, Lang][])('%p is answered in the language of a member who speaks %s', async (text, lang) => {
    const w = await botWorld();
    w.sms(HER, JOIN[lang]);
    expect(w.sms(HER, text).reply).toBe(catalog(lang).stopped('sms'));
    expect(findMember(w.db, w.vault, sms(HER))!.lang).toBe(lang);
  });
});
