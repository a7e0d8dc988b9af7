/**
 * Plain-language opt-out requests ("please stop texting me", "no más",
 * "arrêtez de m'écrire", "parem de mandar mensagens"):
 * regulators count these as opting out even without the STOP keyword. Only
 * short messages qualify, or a longer one that opens with the request (her
 * reason after it), so a report that mentions "stop" is not one. While
 * a question is open, a short message that merely opens with the word ("Stop
 * n Go on Westheimer", Spanish "No más llegué y me pegó") is an answer: only
 * a request in so many words counts there.
 */
import type { Lang } from './commands';

// Longer messages are read by their opening out of a question, and at an open question not at all.
export const MAX_STOP_WORDS = 10;
// How many words of a longer message a request opening it is looked for in.
const OPENING_WORDS = 12;

// Politeness in any of the four languages, as it may end a request ("stop porfa", "stop merci", "quit pls").
const POLITE = 'PLEASE|PLS|PLZ|PLIS|THANKS|THANK YOU|THANK U|THX|TY|POR FAVOR|FAVOR|PORFA|PORFAVOR|PORFIS|XFA|PFV|PF|PFVR|GRACIAS|MERCI|SVP|STP|OBRIGADA|OBRIGADO';

// Phrases over normalized words (upper case, no accents). Each says "stop
// messaging me", not merely "stop": "he wouldn't stop" or "ya no tengo
// saldo" sent without REPORT must not unsubscribe anyone.

// A short message that opens with the word (outside a conversation only).
const EN_OPENS = /^(PLEASE |PLS |PLZ )?STOP\b/;
// ALTO is a keyword alone; here it opens "ALTO/STOP", as STOP opens "STOP/ALTO".
const ES_OPENS = /^(NO MAS|BASTA|ALTO)\b/;

const EN = [
  /\b(PLEASE|PLS|PLZ) STOP\b/,
  new RegExp(`^STOP( (IT|NOW|ALREADY|ALL|EVERYTHING|STOP|${POLITE}))+$`),
  // QUIT and END with politeness alone; not CANCEL: "cancel pls" drops a report's question (dialogues.ts).
  new RegExp(`^(QUIT|END)( (NOW|${POLITE}))+$`),
  /\bSTOP (TEXTING|TXTING|TEXTIN|MESSAGING|MSGING|SENDING|CONTACTING|SPAMMING|THE (TEXTS|MESSAGES))\b/,
  // Misspelt as often: "unsuscribe", "unsubcribe".
  /\bUN(SUBS|SUS|SUB)CRIBE\b/,
  // "Opt-out": the hyphen stays inside the word.
  /\bOPT[ -]?OUT\b|\bOPT ME OUT\b/,
  /\bREMOVE ME\b/,
  /\bTAKE ME OFF\b/,
  /\bLEAVE ME ALONE\b/,
  // The apostrophe as phones type it too (’).
  /\bDO(N['’]?T| NOT) (TEXT|MESSAGE|CONTACT) ME\b/,
  // Not before an area: "no more alerts for 628" is LEAVE's.
  /\bNO MORE (TEXTS|MESSAGES|ALERTS|MSGS|TXTS)\b(?! ((FOR|IN|FROM|OF) )?\d{3}\b)/,
  // The everyday stop words in a request (parser.ts: alone they are STOP, opening anything else they are not).
  // STOP too: "stop the alerts", "stop all messages".
  new RegExp(
    `^(QUIT|END|CANCEL|STOP)( (ALL|THE|THESE|THIS|MY|YOUR))* (TEXTING|TXTING|TEXTIN|MESSAGING|MSGING|SENDING|CONTACTING|TEXTS|MESSAGES|MSGS|MSJS|TXTS|ALERTS|SMS|SUBSCRIPTION)( (ME|US|THIS|THESE|THAT|THOSE|STUFF|MESSAGES|TEXTS|MSGS|TXTS|ALERTS|NOW|${POLITE}))*$`,
  ),
];
// Politeness that may end a Spanish request: "No quiero más mensajes, gracias".
const ES_END = `( (YA|AHORA|NADA|MAS|${POLITE}))*$`;
// Only opening the message (after politeness): PARA is also "he stops" ("el no para de escribirme"). Spanish, and
// Brazilian Portuguese too ("Para de me mandar mensagem"): her words say which (portuguese below). PARAR too,
// the keyword, which at an open question is a request only in so many words ("parar de mandar mensajes").
// MANDA for MANDAR, as Brazilians often type it, after PARA only ("Para de me manda mensagem"), and only
// before the line's messages: "pare de me manda foto" is what she told him.
const MANDA = 'MANDA(?=( (ESSAS|ESTAS|ESSA|ESSE|ESSES|ESTA|ESTE|ESTES|AS|OS|SUAS|TANTAS|MAIS))? (MENSAGEM|MENSAGENS|MSG|MSGS|SMS|ALERTA|ALERTAS)\\b|$)';
const PARA = new RegExp(`^((POR|FAVOR|YA|JA|OK|HOLA|OI) )*(PAR(A|EN|AR)( YA| JA)? DE (ME )?(ESCRIBIR|ESCREVER|MANDAR|ENVIAR|MOLESTAR|TEXTEAR)|PARA DE (ME )?${MANDA})`);
// In a conversation it must also end with its object (and politeness): "Para de mandarme fotos le dije y siguió" quotes him.
const PARA_WHOLE = new RegExp(
  `${PARA.source}(ME|NOS)?( (ME|MAS|MAIS|MIS|SUS|TUS|ESTOS|ESTAS|LOS|LAS|MENSAJES|MENSAJE|TEXTOS|ALERTAS|SMS|MSG|MSGS|MSJ|MSJS|MENSAGENS|MENSAGEM|ESSAS|SUAS|AS|OS|JA|AGORA|OBRIGADA|OBRIGADO))*${ES_END}`,
);
// Words Spanish does not write: a request PARA opens is in Portuguese with one of them ("Para de mandar mensagens").
// Not JA or OI: Spanish writes them too (a laugh, "oí"); nor MSG.
const PT_WORDS: ReadonlySet<string> = new Set('MENSAGENS MENSAGEM ESCREVER MAIS VOCE VOCES NAO AGORA OBRIGADA OBRIGADO ISSO PFV PRA MIM'.split(' '));

// PARE DE: Portuguese's singular, Spanish's "usted" ("Pare de mandarme mensajes").
const PARE_DE = new RegExp(`\\bPARE DE (ME )?(MANDAR|${MANDA}|ENVIAR|ESCREVER|ESCRIBIR|MOLESTAR|TEXTEAR)`);

// Words Portuguese does not write: a Portuguese request's PARE DE is Spanish's too ("Pare de mandarme mensajes").
const ES_WORDS: ReadonlySet<string> = new Set('MENSAJES MENSAJE ESCRIBIR ESCRIBIRME MANDARME ENVIARME MOLESTAR MOLESTARME TEXTEAR TEXTEARME USTED GRACIAS'.split(' '));

/**
 * A request PARA opens: Portuguese with a word Spanish does not write, or "de me mandar" (Spanish: "de
 * mandarme"); Spanish with one Portuguese does not. Neither ("Para de mandar msg"): Spanish, unless she
 * speaks Portuguese (`keeps`).
 */
function paraLang(words: string[], line: string): StopLang {
  if (words.some((w) => PT_WORDS.has(w)) || /\bDE ME (MANDAR?|ENVIAR)\b/.test(line)) return { lang: 'pt' };
  return words.some((w) => ES_WORDS.has(w)) ? { lang: 'es' } : { lang: 'es', keeps: ['pt'] };
}
/** A request PARE DE opens: as PARA's, but Portuguese when its words say neither ("Pare de mandar msg"). */
function pareLang(words: string[], line: string): StopLang {
  const found = paraLang(words, line);
  return found.keeps ? { lang: 'pt', keeps: ['es'] } : found;
}
// Not "No más" or "Basta" alone in a conversation: the answer to "¿Algo más para las moderadoras?" ("nothing more").
const ES = [
  /\bNO MAS (MENSAJES|TEXTOS|ALERTAS|MSJS|MSJ|MSGS)\b/,
  // Ending the message: "No quiero alertas de 858", "no quiero mensajes de él" want only some of them.
  // "Ya no quiero mensajes" opens with it too, so a question open for an answer hears it as hers.
  new RegExp(`\\b(YA )?NO QUIERO (RECIBIR )?(MAS )?(MENSAJES|TEXTOS|ALERTAS|MSJS|MSJ|SMS)${ES_END}`),
  /\bDEJ(A|EN|E) DE (ESCRIBIR|MANDAR|ENVIAR|MOLESTAR|TEXTEAR)/,
  /\bNO ME (ESCRIBAN|ESCRIBAS|MANDEN|MANDES|ENVIEN|ENVIES)\b/,
  /\b(QUITAME|QUITENME|SACAME|SAQUENME|BORRENME|ELIMINENME)\b/,
  // As "leave me alone": a quote of it in an answer is told apart (stop-answers.ts).
  /\bDEJ(A|E|EN)ME EN PAZ\b/,
  /\bDAR(ME)? DE BAJA\b/,
  // SALIR is LEAVE's word: of the list, it is all of it.
  /\bSALIR(ME)? DE LA LISTA\b/,
  /\bYA NO (ME )?(ESCRIBAN|MANDEN|ENVIEN)/,
  new RegExp(`\\bYA NO QUIERO RECIBIR${ES_END}`),
  // PAREN alone or with politeness: "Paren el carro" is something else.
  new RegExp(`^PAREN( (YA|AHORA|${POLITE}))*$`),
  new RegExp(`^((POR|FAVOR|YA) )*(PARAR|ALTO|CANCELAR|BASTA( YA)? DE)( (LOS|LAS|MIS|SUS|TODOS|TODAS|A))* (MENSAJES|TEXTOS|ALERTAS|SMS|MSJS)${ES_END}`),
];

// DÉSABONNER, the everyday word, is also a site's, a channel's or one area's ("de son site", "d'instagram", "du 514",
// "de vos alertes pour 438"). The imperative is said to the line: a request whatever follows but an area. The
// infinitive is anyone's ("mon mec veut me désabonner"): a request only opening the message after her own opener,
// followed by nothing, politeness, the line's name ("de la liste") or her reason ("mon mari lit mes messages").
const FR_POLITE = `${POLITE}|BEAUCOUP|S['’ ]?IL (VOUS|TE) PLAIT`;
const THE_LINE = `(DE (VOS|CES) |DES )(MESSAGES|ALERTES|SMS|TEXTOS|NOTIFICATIONS)|DE (LA|CETTE|VOTRE) LISTE|DE TOUT( CA)?|DE (CE|VOTRE) (SERVICE|NUMERO)|DE HEADS[- ]?UP`;
const HER_REASON = `(MON|MA|MES|JE|J['’ ]?AI|IL|ELLE|CAR|PARCE|ON)\\b`;
// One area named right after it ("du 514", "pour la zone 450", "de vos alertes pour 438") is LEAVE's.
const DESABONNEZ = /(?<!\b(PAS|JAMAIS) )\bDESABONNEZ?[- ]MOI\b(?!( (DE (VOS|CES)|DES) (ALERTES|MESSAGES))? (DU|DE|POUR)( (LA|LE|L'|MA|MON))?( (ZONE|REGION|SECTEUR|VILLE))? \d{3}\b)/;
const HER_OPENER = `JE (VEUX|VOUDRAIS|SOUHAITE)|J['’ ]?AIMERAIS|(JE NE SAIS PAS )?COMMENT( JE FAIS| FAIRE| ON FAIT)?( POUR)?|VOUS POUVEZ|POUVEZ[- ]VOUS|VEUILLEZ|MERCI DE`;
const DESABONNER_END = `ME DESABONNER( (${THE_LINE}))?( (${FR_POLITE}))*($| ${HER_REASON})`;
const ME_DESABONNER = new RegExp(`^((${HER_OPENER}) )?${DESABONNER_END}`);
// At an open question, after her opener it is an answer's ("je veux me désabonner" may be about his site).
const ME_DESABONNER_ALONE = new RegExp(`^${DESABONNER_END}`);

// French and Portuguese: requests only (a word alone, ARRETER or PARAR, is a keyword of its own).
// The apostrophe as typed either way (m'écrire, m’écrire).
const FR = [
  // DE elided too: "Arrêtez d'envoyer des messages"; the apostrophe left out ("d envoyer", "de menvoyer", "de m ecrire").
  /\bARRET(E|EZ|ER) (DE (M['’ ]?|ME )?|D['’ ])(ECRIRE|ENVOYER|TEXTER|CONTACTER|SPAMMER)/,
  /\bNE M['’]?(ECRIVEZ|ECRIS|ENVOYEZ|ENVOIE|CONTACTEZ)( PAS)? PLUS\b/,
  // At the start (after a word of politeness): "il m'a envoyé plus de messages" is "more messages".
  /^((MERCI|SVP|STP|OK|NON) )*PLUS DE (MESSAGES|TEXTOS|SMS|ALERTES)\b/,
  /\bJE NE VEUX PLUS (DE |D['’]|VOS |LES )?(MESSAGES|SMS|ALERTES)\b/,
  // RECEVOIR with nothing after it but messages, "rien" or politeness: "... recevoir ce client" is about a client.
  /\bJE NE VEUX PLUS RIEN RECEVOIR\b|\bJE NE VEUX PLUS RECEVOIR( (DE|D['’]|CES|TES|VOS|LES|DES|MES|VOTRE|TON|MESSAGES?|SMS|TEXTOS|ALERTES?|RIEN|MERCI|SVP|STP))*$/,
  /\b(DESINSCRI(VEZ|S)[- ]MOI|ME DESINSCRIRE)\b/,
  DESABONNEZ,
  /\bLAISSEZ?[- ]MOI TRANQUILLE\b/,
  /\bQUITTER LA LISTE\b/,
  new RegExp(`^ARRET(E|EZ|ER)?( (LES|MES|VOS|CES|TOUS|TOUTES|DES))* (MESSAGES|SMS|ALERTES|TEXTOS)( (${POLITE}))*$`),
  // ARRETEZ or ARRETE alone or with politeness: "Arrêtez-le", "Arrête-toi au coin" are about someone else.
  new RegExp(`^ARRETEZ?( (TOUT|${POLITE}))*$`),
];
const PT = [
  new RegExp(`\\bPAREM DE (ME )?(MANDAR|${MANDA}|ENVIAR|ESCREVER|ESCRIBIR|MOLESTAR|TEXTEAR)`),
  /\bNAO (ME )?(MANDE|MANDEM|ENVIE|ENVIEM|ESCREVA|ESCREVAM) MAIS\b/,
  /\bNAO QUERO MAIS (AS |OS |SUAS |SEUS )?(MENSAGENS|MENSAGEM|ALERTAS|MSG|MSGS|SMS)\b/,
  // RECEBER with nothing after it but messages, "nada" or politeness: "... receber esse cliente" is about a client.
  /\bNAO QUERO MAIS RECEBER( (AS|OS|ESSAS|ESSES|SUAS|SEUS|MENSAGENS|MENSAGEM|TEXTOS|SMS|MSG|MSGS|ALERTAS|NADA|OBRIGADA|OBRIGADO|POR|FAVOR))*$/,
  /\bCHEGA DE (MENSAGENS|MENSAGEM|ALERTAS|MSG|MSGS|SMS)\b/,
  /\b(ME )?(TIRA|TIRE|TIREM|REMOVA|REMOVAM) D(A|ESSA|ESTA) LISTA\b/,
  /\bME DESCADASTR(A|E|EM)\b|\bDESCADASTRAR\b/,
  /\bSAIR DA LISTA\b/,
  /^QUERO SAIR$/,
  // PAREM alone or with politeness: "Parem o carro" is something else.
  new RegExp(`^PAREM( (JA|AGORA|${POLITE}))*$`),
];

// As "leave me alone", opening the message ("me deixa" is also "he leaves me": "ele não me deixa em paz"); at an
// open question only alone or with politeness: "me deixa em paz eu disse…" is what she told him.
const DEIXA_OPENS = /^(ME DEIX(A|E|EM)|DEIXA[- ]ME) EM PAZ\b/;
const DEIXA_WHOLE = new RegExp(`${DEIXA_OPENS.source}( (JA|AGORA|${POLITE}))*$`);

// PARE, Spanish and Portuguese alike, alone or with politeness ("Pare en la esquina" is about a car): no language.
const SHARED = new RegExp(`^PARE( (YA|JA|AGORA|${POLITE}))*$`);

// Words that may come before a request: "OK please stop texting me", "Merci, laissez-moi tranquille".
export const COURTESY: ReadonlySet<string> = new Set([
  ...POLITE.split(/[| ]/),
  ...'OK OKAY YES HEY HI HELLO OMG SORRY BUT SO JUST NO NON BONJOUR BONSOIR SALUT ALLO COUCOU HOLA OI OLA'.split(' '),
]);
// Phrases that may come before a request too: "can you stop texting me", "i want to unsubscribe".
const ASKING = /^(CAN|COULD|WOULD|WILL) (YOU|U) |^(I (WANT|NEED|WOULD LIKE) TO|I WANNA|ID LIKE TO) /;

// STOP alone, or with politeness, after courtesy or asking.
const STOP_POLITELY = new RegExp(`^STOP( (${POLITE}))*$`);
// Words of courtesy that before STOP are a story's: "no stop that guy is bad news", "omg stop", "i need to stop seeing him".
const NOT_BEFORE_STOP: ReadonlySet<string> = new Set('NO NON BUT SO JUST OMG SORRY NEED'.split(' '));

/** How many words open the message before a request: courtesy, a STOP said again ("Stop! Stop texting me"), asking. */
export function leadingWords(words: string[]): number {
  let i = 0;
  for (;;) {
    const w = words[i] ?? '';
    if (COURTESY.has(w) || (w === 'STOP' && words[i + 1] === 'STOP')) i++;
    else {
      const asking = ASKING.exec(`${words.slice(i, i + 4).join(' ')} `);
      if (asking === null) return i;
      i += asking[0].trim().split(' ').length;
    }
  }
}

// The check-in's OK and JOIN's YES: before a request out of a question they are the request (parser.ts).
const AGREEING: ReadonlySet<string> = new Set(['OK', 'OKAY', 'YES']);

/** A request's language; `keeps`: languages her words leave open, in which a member who speaks one stays. */
export interface StopLang {
  lang?: Lang;
  keeps?: Lang[];
}

/**
 * If the normalized words are an opt-out request, its language; otherwise
 * null. `inWords` (the test while a question is open): only a request in so
 * many words that opens the message, after words of courtesy; not a message
 * that merely opens with the word, nor one that quotes a request further on
 * ("I said please stop, he held me down" answers a report's question).
 * `answer`: the message answers an open question (asksToStop).
 */
export function isStopRequest(words: string[], inWords = false, answer = false): StopLang | null {
  if (words.length === 0) return null;
  // `answer`: at an open question, past ten words a plea opening it is her story ("Leave me alone I yelled at
  // him and he hit me"), and YES or OK opening it are an answer's ("yes stop texting me he wrote every night").
  if (answer && (words.length > MAX_STOP_WORDS || AGREEING.has(words[0] as string))) return null;
  // Past MAX_STOP_WORDS only a request opening the message counts ("Please stop texting me, my boyfriend goes through
  // my phone every night"), read on its first words: a mark stands for the rest, so no phrase that must end the
  // message ("no quiero mensajes" + "de él") ends it there.
  const long = words.length > MAX_STOP_WORDS;
  const opening = inWords || long;
  const seen = long ? words.slice(0, OPENING_WORDS) : words;
  const line = seen.join(' ') + (long ? ' ~' : '');
  const lead = leadingWords(seen);
  const courtesy = lead > 0 ? seen.slice(0, lead).join(' ').length + 1 : 0;
  // What follows them, where phrases that open the message are looked for.
  const rest = seen.slice(lead).join(' ') + (long ? ' ~' : '');
  const says = (re: RegExp) => {
    if (re.exec(rest)?.index === 0) return true;
    const found = re.exec(line);
    return found !== null && (!opening || found.index <= courtesy);
  };
  if (says(SHARED)) return {};
  if (says(inWords ? PARA_WHOLE : PARA)) return paraLang(seen, line);
  if ((!opening && ES_OPENS.test(line)) || ES.some(says)) return { lang: 'es' };
  if ((!opening && EN_OPENS.test(line)) || EN.some(says)) return { lang: 'en' };
  if (FR.some(says) || says(inWords ? ME_DESABONNER_ALONE : ME_DESABONNER)) return { lang: 'fr' };
  if (says(PARE_DE)) return pareLang(seen, line);
  if (says(inWords ? DEIXA_WHOLE : DEIXA_OPENS)) return { lang: 'pt' };
  if (PT.some(says)) return { lang: seen.some((w) => ES_WORDS.has(w)) ? 'es' : 'pt' };
  // Out of a question STOP may open it after courtesy too ("merci stop", "could you stop"): every language's word.
  // Alone or with politeness: "can you stop him", "omg stop he is at my door" are about something else.
  if (!opening && STOP_POLITELY.test(rest) && !seen.slice(0, lead).some((w) => NOT_BEFORE_STOP.has(w))) return {};
  return null;
}
