/**
 * Words of a report's answer that quote what was said in the
 * assault ("I said please stop", "laissez-moi tranquille") are the answer,
 * not a request to unsubscribe: the draft was dropped and the reporter
 * unsubscribed from every alert.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld } from '../helpers/bot-world';

const ROSA = '+14155550131';
const AMELIE = '+14155550132';
const JOANA = '+14155550133';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('a guided report answer that quotes "please stop"', () => {
  it('English: "I said please stop, he held me down" answers the question', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    w.sms(ROSA, '2');
    w.sms(ROSA, 'Fri 11pm');
    w.sms(ROSA, '415 Motel 6 Lombard');
    const reply = w.sms(ROSA, 'I said please stop, he held me down').reply;
    expect(reply).toBe(catalog('en').reportAsk('vehicle'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(ROSA))!.id)).toEqual(['415']);
  });

  it('French: "Quand j\'ai dit laissez-moi tranquille il m\'a frappée" answers the question', async () => {
    const w = await botWorld();
    w.sms(AMELIE, 'REJOINDRE 415');
    w.sms(AMELIE, 'SIGNALER');
    w.sms(AMELIE, '1');
    w.sms(AMELIE, 'hier 23h');
    w.sms(AMELIE, '415 hotel');
    const reply = w.sms(AMELIE, "Quand j'ai dit laissez-moi tranquille il m'a frappée").reply;
    expect(reply).toBe(catalog('fr').reportAsk('vehicle'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(AMELIE))!.id)).toEqual(['415']);
  });

  // Spanish: at "¿Algo más para las moderadoras?", what he was told, or whose messages she does not want.
  it.each([
    ['No quiero mensajes de él, me sigue escribiendo'],
    ['Para de mandarme fotos le dije y siguió'],
    // The same quote with DEJA, told by "le dije", "dijo él" or quote marks; and whose messages: his.
    ['Deja de mandarme fotos le dije y siguió'],
    ['Deja de escribirme, dijo él, y se fue'],
    ['«Deja de mandarme fotos» y siguió'],
    ['no más mensajes de él'],
    ['No más mensajes de él, lo bloqueé'],
  ])(
    'Spanish: %p answers the question',
    async (text) => {
      const w = await botWorld();
      w.sms(ROSA, 'UNIRSE 415 858');
      for (const a of ['REPORTE', '1', 'anoche', '415 Motel 6', 'alto, barba', 'SALTAR', 'por WhatsApp']) w.sms(ROSA, a);
      const reply = w.sms(ROSA, text).reply;
      // The answer taken, the read-back comes (it shows the alert's fields, not the note for the moderators).
      expect(reply).toMatch(/^Tu reporte \(415\): violencia\. .* ENVIAR para enviarlo/);
      const member = findMember(w.db, w.vault, sms(ROSA))!;
      expect({ status: member.status, areas: listAreas(w.db, member.id) }).toEqual({ status: 'active', areas: ['415', '858'] });
    },
  );

  // Hers in so many words, opening the answer: STOP, as outside a question.
  it.each([
    ['Ya no quiero mensajes'],
    ['ya no quiero recibir mensajes'],
    ['ya no quiero alertas'],
    // No one quoted: a request, whatever follows ("ya le dije" is "I told you already" as often as "him").
    ['Deja de mandarme mensajes'],
    ['Deje de mandarme mensajes, ya le dije'],
    ['Dejen de mandarme mensajes, mi amiga me dijo'],
    ['Dejen de escribirme por favor'],
    ['No más mensajes'],
    ['No más mensajes de ustedes'],
  ])('Spanish: %p at an open question stops her', async (text) => {
    const w = await botWorld();
    w.sms(ROSA, 'UNIRSE 415');
    w.sms(ROSA, 'REPORTE');
    expect(w.sms(ROSA, text).reply).toBe(catalog('es').stopped('sms'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(ROSA))!.id)).toEqual([]);
  });

  it.each([['Stop sending me pics, I told him'], ['"Stop texting me" and he laughed'], ['No more messages from him, I blocked him']])('English: %p answers the question', async (text) => {
    const w = await botWorld();
    for (const a of ['JOIN 415', 'REPORT', '2', 'Fri 11pm', '415 Motel 6 Lombard']) w.sms(ROSA, a);
    expect(w.sms(ROSA, text).reply).toBe(catalog('en').reportAsk('vehicle'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(ROSA))!.id)).toEqual(['415']);
  });

  it.each([['Pare de me mandar fotos, falei pra ele'], ['Pare de me mandar fotos, ele disse e riu'], ['Chega de mensagens dele']])('Portuguese: %p answers the question', async (text) => {
    const w = await botWorld();
    for (const a of ['ENTRAR 415', 'DENUNCIAR', '2', 'ontem 23h', '415 Motel 6']) w.sms(JOANA, a);
    expect(w.sms(JOANA, text).reply).toBe(catalog('pt').reportAsk('vehicle'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(JOANA))!.id)).toEqual(['415']);
  });

  it.each([
    ['Pare de me mandar mensagens', 'pt'],
    ['Stop texting me, I said', 'en'],
    ['"Stop texting me"', 'en'],
    // Quoted, with nothing after it but courtesy: hers.
    ['“Stop texting me” please', 'en'],
    ['No more messages from you', 'en'],
    ['Chega de mensagens', 'pt'],
  ])('%p at an open question stops her', async (text, lang) => {
    const w = await botWorld();
    for (const a of ['JOIN 415', 'REPORT', '2']) w.sms(JOANA, a);
    expect(w.sms(JOANA, text).reply).toBe(catalog(lang as 'en' | 'pt').stopped('sms'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(JOANA))!.id)).toEqual([]);
  });

  it('a request that opens the answer, after words of courtesy, still stops her', async () => {
    const w = await botWorld();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'REPORT');
    w.sms(ROSA, '2');
    expect(w.sms(ROSA, 'Thanks, please stop texting me').reply).toBe(catalog('en').stopped('sms'));
    expect(listAreas(w.db, findMember(w.db, w.vault, sms(ROSA))!.id)).toEqual([]);
  });
});

// Up to the free-text "what happened" question, in each language.
const TO_DESCRIPTION: Record<'en' | 'es' | 'fr' | 'pt', string[]> = {
  en: ['JOIN 415', 'REPORT', '2', 'Fri 11pm', '415 Motel 6 Lombard'],
  es: ['UNIRSE 415', 'REPORTAR', '1', 'anoche', '415 Motel 6'],
  fr: ['REJOINDRE 415', 'SIGNALER', '1', 'hier 23h', '415 hotel'],
  pt: ['ENTRAR 415', 'DENUNCIAR', '1', 'ontem 23h', '415 hotel'],
};

async function atDescription(lang: 'en' | 'es' | 'fr' | 'pt') {
  const w = await botWorld();
  for (const a of TO_DESCRIPTION[lang]) w.sms(ROSA, a);
  return { w, areas: () => listAreas(w.db, findMember(w.db, w.vault, sms(ROSA))!.id) };
}

/**
 * A verb of saying marks a quote only where it ends the message or goes on with the story ("y siguió", "and
 * kept going"): followed by what was said ("he said he'd hurt me") it is her reason for asking to stop.
 * Quote marks alone are emphasis as often as a quote. Her plea about her photos is the answer.
 */
describe('a request that gives a reason, or is in quote marks for emphasis', () => {
  it.each([
    ["Stop texting me he says he'll check my phone", 'en'],
    ["Please stop texting me, he said he'd hurt me", 'en'],
    ['Stop texting me she told me to send this', 'en'],
    ['Stop texting me, he told me', 'en'],
    // After "and", her own words: her reason, not the story.
    ["Stop texting me he said and I'm scared", 'en'],
    ['"Stop texting me" now', 'en'],
    ['"STOP" sending me these texts', 'en'],
    // In quote marks too, a verb of saying followed by what was said is her reason.
    ['"Stop texting me" he says he\'ll check my phone', 'en'],
    ['Stop sending me pics and texts', 'en'],
    ['Deje de mandarme mensajes, como le dije', 'es'],
    ["Arrêtez de m'écrire, il a dit qu'il lit mes messages", 'fr'],
    ["Arrêtez de m'écrire, elle m'a dit", 'fr'],
    ['Pare de me mandar mensagem, ele disse que vai ver', 'pt'],
    // Photos that are no one's, with everything else, or beside another request: the line's sending.
    ['stop sending me stuff, pics and all', 'en'],
    ['stop sending me photos of the bad dates', 'en'],
    ['Unsubscribe me, and stop sending pics', 'en'],
    ['Stop texting me. Stop sending my pics', 'en'],
    // Her own "I said" at the end: to the line as often as to him.
    ['Stop texting me, I screamed', 'en'],
    // Someone of hers named as her reason, not as whom the messages go to.
    ['Stop texting, my boyfriend checks my phone', 'en'],
    ['Stop texting me my husband reads them', 'en'],
    ["Arrête de m'envoyer des messages mon mari lit mon téléphone", 'fr'],
    ['Dejen de mandarme mensajes, mi esposo revisa', 'es'],
  ] as const)('%p at an open question stops her', async (text, lang) => {
    const { w, areas } = await atDescription(lang);
    expect(w.sms(ROSA, text).reply).toBe(catalog(lang).stopped('sms'));
    expect(areas()).toEqual([]);
  });

  it.each([
    ['Stop texting me he said and kept going', 'en'],
    ['"Stop texting me" he said, then he grabbed my phone', 'en'],
    ['Deja de escribirme le dije y siguió', 'es'],
    ["Arrête de m'écrire, il a dit, et il a continué", 'fr'],
    ['Pare de me escrever, falei pra ele e continuou', 'pt'],
    // Other verbs of saying, ending the message or going on with the story; hers ("I said") only going on.
    ['Stop texting me, he wrote', 'en'],
    ['"Stop texting me" he replied', 'en'],
    ['Stop texting me he yelled', 'en'],
    ['Please stop I screamed but he kept going', 'en'],
    ['Leave me alone I said and he grabbed me', 'en'],
    ['Deja de escribirme, respondió', 'es'],
    ['Parem de me mandar mensagens ele gritou', 'pt'],
    ["«Arrête de m'écrire» a-t-il dit et il est parti", 'fr'],
    // Her plea to him about someone of hers: the messages go to them, not to her.
    ['Stop texting my family', 'en'],
    ['Stop contacting my family', 'en'],
    ['stop texting my sister or I go to the cops', 'en'],
    ['Deja de escribirle a mi familia', 'es'],
    ['Arrête de contacter ma famille', 'fr'],
    ["Arrête d'envoyer des messages à mon mari", 'fr'],
    ['Pare de mandar mensagens pra minha família', 'pt'],
    // Her plea about her photos, not the line's messages.
    ["Arrête d'envoyer mes photos à ma famille", 'fr'],
    ["Arrêtez d'envoyer mes photos", 'fr'],
    ['Stop sending my nudes to my family', 'en'],
    ['Deja de mandar mis fotos', 'es'],
    ['Stop sending your pics', 'en'],
    ["Arrête d'envoyer des photos à mon mari", 'fr'],
    // Past ten words her plea opening a long answer is the story, not a request to the line.
    ['Leave me alone I yelled at him and he hit me', 'en'],
    ['Please stop texting me I begged him but he kept going', 'en'],
    ['please leave me alone i cried and he pulled my hair and took my phone', 'en'],
    ['Deja de escribirme le rogue mil veces pero el seguia mandando fotos', 'es'],
    ['Laissez-moi tranquille je criais mais il ne voulait pas me lacher du tout', 'fr'],
    // YES or OK before it: the check-in's or JOIN's word out of a question, an answer's "yes" at one.
    ['yes, leave me alone he kept saying', 'en'],
    ['yes stop texting me he wrote every night', 'en'],
    ['yes please stop he kept saying while laughing', 'en'],
    // "Me deixa em paz" quoted, as "leave me alone" is, or what he does not do ("he won't leave me alone").
    ['me deixa em paz ele gritou e me bateu', 'pt'],
    ['ela disse me deixa em paz', 'pt'],
    ['ele não me deixa em paz', 'pt'],
    // What she said to him, the story after it: her plea only when it stands alone.
    ['me deixa em paz eu disse mas ele continuou', 'pt'],
    ['me deixe em paz seu nojento ele nao parava', 'pt'],
    ['deixa-me em paz gritei', 'pt'],
    ['Me deixa em paz!! ele ria', 'pt'],
    // MANDA, the typo, only before the line's messages: his photos are the story.
    ['pare de me manda foto', 'pt'],
    ['parem de me manda foto', 'pt'],
    // Only some of them.
    ['no quiero recibir msjs de ese cliente', 'es'],
    // Not opening the answer, DÉSABONNER as DÉSINSCRIRE.
    ["il m'a dit de me désabonner de mon compte", 'fr'],
    ["il m'a dit de me désinscrire de mon compte", 'fr'],
    ['je veux me désabonner', 'fr'],
    ['je veux me désinscrire', 'fr'],
    // One area named: no request to drop every alert, even opening the answer.
    ['désabonnez-moi du 514 svp', 'fr'],
  ] as const)('%p answers the question', async (text, lang) => {
    const { w, areas } = await atDescription(lang);
    expect(w.sms(ROSA, text).reply).toBe(catalog(lang).reportAsk('vehicle'));
    expect(areas()).toEqual(['415']);
  });

  it.each([['Stop texting my family', 'en'], ["Arrête d'envoyer des messages à mon mari", 'fr']] as const)('out of a question, %p is still her STOP', async (text, lang) => {
    const w = await botWorld();
    w.sms(ROSA, lang === 'en' ? 'JOIN 415' : 'REJOINDRE 415');
    expect(w.sms(ROSA, text).reply).toBe(catalog(lang).stopped('sms'));
  });

  // DÉSINSCRIRE anywhere in a short one: out of a question her STOP (DÉSABONNER, also a site's or a channel's, only ending it).
  it.each([["il m'a dit de me désinscrire de mon compte", 'fr']] as const)('out of a question, %p is her STOP', async (text, lang) => {
    const w = await botWorld();
    w.sms(ROSA, TO_DESCRIPTION[lang][0] as string);
    expect(w.sms(ROSA, text).reply).toBe(catalog(lang).stopped('sms'));
  });

  it("out of a question, \"Arrêtez d'envoyer mes photos\" is still her STOP", async () => {
    const w = await botWorld();
    w.sms(ROSA, 'REJOINDRE 415');
    expect(w.sms(ROSA, "Arrêtez d'envoyer mes photos").reply).toBe(catalog('fr').stopped('sms'));
  });
});
