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

const MAX_WORDS = 10;
// How many words of a longer message a request opening it is looked for in.
const OPENING_WORDS = 12;

// Politeness in any of the four languages, as it may end a request ("stop porfa", "stop merci", "quit pls").
const POLITE = 'PLEASE|PLS|PLZ|PLIS|THANKS|THANK YOU|THANK U|THX|TY|POR FAVOR|FAVOR|PORFA|PORFAVOR|PORFIS|XFA|PFV|GRACIAS|MERCI|SVP|STP|OBRIGADA|OBRIGADO';

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
  /\bUNSUBSCRIBE\b/,
  // "Opt-out": the hyphen stays inside the word.
  /\bOPT[ -]?OUT\b/,
  /\bREMOVE ME\b/,
  /\bTAKE ME OFF\b/,
  /\bLEAVE ME ALONE\b/,
  // The apostrophe as phones type it too (’).
  /\bDO(N['’]?T| NOT) (TEXT|MESSAGE|CONTACT) ME\b/,
  /\bNO MORE (TEXTS|MESSAGES|ALERTS)\b/,
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
const PARA = /^((POR|FAVOR|YA|JA|OK|HOLA|OI) )*PAR(A|EN|AR)( YA| JA)? DE (ME )?(ESCRIBIR|ESCREVER|MANDAR|ENVIAR|MOLESTAR|TEXTEAR)/;
// In a conversation it must also end with its object (and politeness): "Para de mandarme fotos le dije y siguió" quotes him.
const PARA_WHOLE = new RegExp(
  `${PARA.source}(ME|NOS)?( (ME|MAS|MAIS|MIS|SUS|TUS|ESTOS|ESTAS|LOS|LAS|MENSAJES|MENSAJE|TEXTOS|ALERTAS|SMS|MSG|MSGS|MSJ|MSJS|MENSAGENS|MENSAGEM|ESSAS|SUAS|AS|OS|JA|AGORA|OBRIGADA|OBRIGADO))*${ES_END}`,
);
// Words Spanish does not write: a request PARA opens is in Portuguese with one of them ("Para de mandar mensagens").
// Not JA or OI: Spanish writes them too (a laugh, "oí"); nor MSG.
const PT_WORDS: ReadonlySet<string> = new Set('MENSAGENS MENSAGEM ESCREVER MAIS VOCE VOCES NAO AGORA OBRIGADA OBRIGADO ISSO PFV PRA MIM'.split(' '));

// PARE DE: Portuguese's singular, Spanish's "usted" ("Pare de mandarme mensajes").
const PARE_DE = /\bPARE DE (ME )?(MANDAR|ENVIAR|ESCREVER|ESCRIBIR|MOLESTAR|TEXTEAR)/;

// Words Portuguese does not write: a Portuguese request's PARE DE is Spanish's too ("Pare de mandarme mensajes").
const ES_WORDS: ReadonlySet<string> = new Set('MENSAJES MENSAJE ESCRIBIR ESCRIBIRME MANDARME ENVIARME MOLESTAR MOLESTARME TEXTEAR TEXTEARME USTED GRACIAS'.split(' '));

/**
 * A request PARA opens: Portuguese with a word Spanish does not write, or "de me mandar" (Spanish: "de
 * mandarme"); Spanish with one Portuguese does not. Neither ("Para de mandar msg"): Spanish, unless she
 * speaks Portuguese (`keeps`).
 */
function paraLang(words: string[], line: string): StopLang {
  if (words.some((w) => PT_WORDS.has(w)) || /\bDE ME (MANDAR|ENVIAR)\b/.test(line)) return { lang: 'pt' };
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
  new RegExp(`\\b(YA )?NO QUIERO (RECIBIR )?(MAS )?(MENSAJES|TEXTOS|ALERTAS)${ES_END}`),
  /\bDEJ(A|EN|E) DE (ESCRIBIR|MANDAR|ENVIAR|MOLESTAR|TEXTEAR)/,
  /\bNO ME (ESCRIBAN|ESCRIBAS|MANDEN|MANDES|ENVIEN|ENVIES)\b/,
  /\b(QUITAME|SACAME|BORRENME|ELIMINENME)\b/,
  /\bDAR(ME)? DE BAJA\b/,
  // SALIR is LEAVE's word: of the list, it is all of it.
  /\bSALIR(ME)? DE LA LISTA\b/,
  /\bYA NO (ME )?(ESCRIBAN|MANDEN|ENVIEN)/,
  new RegExp(`\\bYA NO QUIERO RECIBIR${ES_END}`),
  // PAREN alone or with politeness: "Paren el carro" is something else.
  new RegExp(`^PAREN( (YA|AHORA|${POLITE}))*$`),
  new RegExp(`^((POR|FAVOR|YA) )*(PARAR|ALTO|CANCELAR|BASTA( YA)? DE)( (LOS|LAS|MIS|SUS|TODOS|TODAS|A))* (MENSAJES|TEXTOS|ALERTAS|SMS|MSJS)${ES_END}`),
];

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
  /\bLAISSEZ[- ]MOI TRANQUILLE\b/,
  /\bQUITTER LA LISTE\b/,
  new RegExp(`^ARRET(ER)?( (LES|MES|VOS|CES|TOUS|TOUTES|DES))* (MESSAGES|SMS|ALERTES|TEXTOS)( (${POLITE}))*$`),
  // ARRETEZ or ARRETE alone or with politeness: "Arrêtez-le", "Arrête-toi au coin" are about someone else.
  new RegExp(`^ARRETEZ?( (TOUT|${POLITE}))*$`),
];
const PT = [
  /\bPAREM DE (ME )?(MANDAR|ENVIAR|ESCREVER|ESCRIBIR|MOLESTAR|TEXTEAR)/,
  /\bNAO (ME )?(MANDE|MANDEM|ENVIE|ENVIEM|ESCREVA|ESCREVAM) MAIS\b/,
  /\bNAO QUERO MAIS (AS |OS |SUAS |SEUS )?(MENSAGENS|MENSAGEM|ALERTAS)\b/,
  // RECEBER with nothing after it but messages, "nada" or politeness: "... receber esse cliente" is about a client.
  /\bNAO QUERO MAIS RECEBER( (AS|OS|ESSAS|ESSES|SUAS|SEUS|MENSAGENS|MENSAGEM|TEXTOS|SMS|ALERTAS|NADA|OBRIGADA|OBRIGADO|POR|FAVOR))*$/,
  /\bCHEGA DE (MENSAGENS|MENSAGEM|ALERTAS)\b/,
  /\b(ME )?(TIRA|TIRE|TIREM|REMOVA|REMOVAM) DA LISTA\b/,
  /\bME DESCADASTR(A|E|EM)\b|\bDESCADASTRAR\b/,
  /\bSAIR DA LISTA\b/,
  /^QUERO SAIR$/,
  // PAREM alone or with politeness: "Parem o carro" is something else.
  new RegExp(`^PAREM( (JA|AGORA|${POLITE}))*$`),
];

// PARE, Spanish and Portuguese alike, alone or with politeness ("Pare en la esquina" is about a car): no language.
const SHARED = new RegExp(`^PARE( (YA|JA|AGORA|${POLITE}))*$`);

// Words that may come before a request: "OK please stop texting me", "Merci, laissez-moi tranquille".
const COURTESY: ReadonlySet<string> = new Set([
  ...POLITE.split(/[| ]/),
  ...'OK OKAY YES HEY HI HELLO OMG SORRY BUT SO JUST NO NON BONJOUR SALUT HOLA OI OLA'.split(' '),
]);
// Phrases that may come before a request too: "can you stop texting me", "i want to unsubscribe".
const ASKING = /^(CAN|COULD|WOULD|WILL) (YOU|U) |^(I (WANT|NEED|WOULD LIKE) TO|I WANNA|ID LIKE TO) /;

/** How many words open the message before a request: courtesy, a STOP said again ("Stop! Stop texting me"), asking. */
function leadingWords(words: string[]): number {
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
 */
export function isStopRequest(words: string[], inWords = false): StopLang | null {
  if (words.length === 0) return null;
  // Past MAX_WORDS only a request opening the message counts ("Please stop texting me, my boyfriend goes through
  // my phone every night"), read on its first words: a mark stands for the rest, so no phrase that must end the
  // message ("no quiero mensajes" + "de él") ends it there.
  const long = words.length > MAX_WORDS;
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
  if (FR.some(says)) return { lang: 'fr' };
  if (says(PARE_DE)) return pareLang(seen, line);
  if (PT.some(says)) return { lang: seen.some((w) => ES_WORDS.has(w)) ? 'es' : 'pt' };
  return null;
}

// Evidence, in an answer, that a request opening it is someone else's words: a verb of saying to or from
// him ("le dije", "dijo él", "I told him", "he said", "falei pra ele", "il a dit"). Not "ya le dije", "como
// le dije", "I told you", "eu disse", "lhe disse": hers to the line ("I told you already") as often as to him;
// nor "me dijo", "he told me", "il m'a dit", which may be a friend's word about the line.
const SAYING =
  /\b((?<!(YA|COMO) )LE (DIJE|PEDI|ESCRIBI|GRITE|DECIA)|(EL|ELLA) DIJO|DIJO (EL|ELLA)|I (TOLD|ASKED) (HIM|HER)|(HE|SHE) (SAID|SAYS)|(DISSE|FALEI|PEDI) (PRA|PARA|A) (ELE|ELA)|(ELE|ELA) (DISSE|FALOU)|LUI AI DIT|(IL|ELLE) A DIT)\b/g;
// What goes on with the story after a quote ("y siguió", "and he laughed", "et il a continué").
const CONNECTIVES: ReadonlySet<string> = new Set('AND Y E ET THEN BUT PERO LUEGO PUIS ENTAO DEPOIS'.split(' '));
// Her speaking after the connective: "... he said and I'm scared" is her reason, not the story.
const HERSELF: ReadonlySet<string> = new Set('I IM ID ILL YO EU JE JAI'.split(' '));
// His messages, not the line's: "no más mensajes de él", "no more messages from him", "chega de mensagens dele".
const HIS_MESSAGES =
  /^((POR|FAVOR|YA|OK|HOLA) )*(NO MAS (MENSAJES|TEXTOS|FOTOS) DE (EL|ELLA|ELLOS|ELLAS)|NO MORE (TEXTS|MESSAGES) FROM (HIM|HER)|CHEGA DE (MENSAGENS|MENSAGEM) (DELE|DELA))\b/;
// Quote marks that open the message and close before it goes on: «Deja de mandarme fotos» y siguió. What
// follows them is kept (group 1). Alone they are no evidence: "Stop texting me" now is emphasis; a story after them is.
const QUOTED = /^\s*[«"“„][^«»"“”„]+[»"”](.*)$/su;

/** Words as written, as the phrases compare them (apostrophes too go: "I'm" is IM). */
function plainWords(written: string): string[] {
  return written
    .split(/\s+/)
    .map((w) => w.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase())
    .filter((w) => w !== '');
}

/** Whether the words after a quote go on with the story: a connective, then neither her speaking nor another request ("and stop calling"). */
function goesOnWithStory(after: string[]): boolean {
  const [first = '', next = ''] = after;
  return CONNECTIVES.has(first) && !HERSELF.has(next.replace(/['’]/g, '')) && isStopRequest(after.slice(1)) === null;
}

/** After a verb of saying: the message ends (courtesy at most) or goes on with the story; not a clause ("he said he'd hurt me"). */
function endsOrGoesOn(after: string[]): boolean {
  return after.every((w) => COURTESY.has(w)) || goesOnWithStory(after);
}

/**
 * Whether an answer that opens with a request shows it is someone else's
 * words (`words` normalized, `text` as written): only with such evidence is
 * a request an answer at an open question; a bare "Deja de mandarme
 * mensajes" still stops her. A verb of saying shows it where it ends the
 * message or goes on with the story; quote marks, where the story goes on
 * after them.
 */
export function quotesSomeone(words: string[], text: string): boolean {
  const line = words.join(' ');
  if (HIS_MESSAGES.test(line)) return true;
  const quoted = QUOTED.exec(text);
  if (quoted !== null && goesOnWithStory(plainWords(quoted[1] as string))) return true;
  return [...line.matchAll(SAYING)].some((m) => endsOrGoesOn(line.slice(m.index + m[0].length).split(' ').filter((w) => w !== '')));
}

// A request to stop sending something that is not the line's messages: her plea to a client threatening to
// out her ("Arrête d'envoyer mes photos à ma famille"), the sending verb, two words at most, then the thing.
const OTHER_THINGS =
  /\b(SEND(ING|IN)?|M?ENVOY(ER|EZ)|ENVOIE|MAND(AR|ARME|E|ES|EN|EM)|ENVI(AR|ARME|E|ES|EN|EM))( \S+){0,2} (PHOTOS?|PICS?|PICTURES?|FOTOS?|FOTOGRAFIAS?|VIDEOS?|NUDES?)\b/;
// The line's messages named anywhere leave it her request: "Stop sending me pics and texts".
const LINE_THINGS = /\b(TEXTS?|MESSAGES?|MSGS?|TXTS?|ALERTS?|SMS|MENSAJES?|TEXTOS?|ALERTAS?|MENSAGENS|MENSAGEM|ALERTES?)\b/;

// Whose they are: hers or his ("mes photos", "your pics"), or sent to someone ("des photos à mon mari"). Photos of
// no one's ("photos of the bad dates"), or with everything else ("stuff, pics and all"), may be the line's.
const OWNED = /^(MY|MES|MIS|MEUS|MINHAS|MINHA|MEU|MA|MON|YOUR|HIS|TES|TUS|TUAS|TEUS|SUS|SES|SEUS|SUAS|VOS)$/;
const RECIPIENT = /^( \S+)? (TO|A|PRA|PARA|AUX?) /;
const EVERYTHING = /\b(STUFF|ALL|EVERYTHING|TOUT|TODO|TUDO)\b/;

/**
 * Whether a request at an open question is about something of hers or his other than the line's messages
 * (photos, videos); `pieces`, its clauses: another request among them ("Unsubscribe me, and stop sending pics")
 * is hers.
 */
export function aboutOtherThings(words: string[], pieces: string[][] = [words]): boolean {
  const line = words.join(' ');
  const found = OTHER_THINGS.exec(line);
  if (found === null || LINE_THINGS.test(line) || EVERYTHING.test(line)) return false;
  const whose = found[0].split(' ').some((w) => OWNED.test(w)) || RECIPIENT.test(line.slice(found.index + found[0].length));
  return whose && !pieces.some((p) => !OTHER_THINGS.test(p.join(' ')) && isStopRequest(p, true) !== null);
}

// Someone of hers the messages go to, right after the verb and the messages it sends: her plea to a client
// threatening to out her ("Stop texting my family", "Arrête d'envoyer des messages à mon mari", "Deja de
// escribirle a mi familia"), in one clause. Not a reason after "me" or a comma: "Stop texting me, my boyfriend
// reads my phone", "Stop texting, my boyfriend…", "arrête de m'envoyer des messages, mon mari…" are hers.
const HERS = 'MY|MI|MIS|MA|MON|MES|MINHA|MEU|MEUS|MINHAS';
const PEOPLE =
  'FAMILY|FAMILIA|FAMILLE|SISTERS?|BROTHERS?|MOM|MUM|MOTHER|DAD|FATHER|PARENTS|HUSBAND|BOYFRIEND|BF|WIFE|GIRLFRIEND|GF|KIDS|CHILDREN|SON|DAUGHTER|FRIENDS?|BOSS|' +
  'ESPOSO|ESPOSA|MARIDO|NOVIO|NOVIA|MAMA|PAPA|MADRE|PADRE|PADRES|HERMANAS?|HERMANOS?|HIJOS?|HIJAS?|AMIGOS?|AMIGAS?|JEFE|' +
  'MARI|FEMME|COPAIN|COPINE|MERE|PERE|SOEURS?|FRERES?|ENFANTS|FILLE|FILS|AMIS?|AMIES?|' +
  'MULHER|NAMORADO|NAMORADA|MAE|PAI|PAIS|IRMAS?|IRMAOS?|FILHOS?|FILHAS?|CHEFE';
const TO_SOMEONE = new RegExp(
  `(?<=^| |\\bD['’])((TEXTING|TXTING|CONTACTING|MESSAGING|SENDING|CALLING|ESCRIBIR|MANDAR|ENVIAR|CONTACTAR|TEXTEAR|ESCREVER|ENVOYER|ECRIRE|CONTACTER|TEXTER)` +
    `( (MESSAGES?|TEXTS?|MSGS?|SMS|MENSAJES?|MENSAGENS|MENSAGEM|DES|LES|THE|ANY|MORE|STUFF))*( (TO|A|PRA|PARA|AUX?))? (${HERS}) (${PEOPLE})` +
    `|(ESCRIBIR|MANDAR|ENVIAR|TEXTEAR)LES?)\\b`,
);

/** Whether a clause of a request at an open question is about messages to someone of hers ("Stop texting my family"). */
export function toSomeoneElse(words: string[]): boolean {
  return TO_SOMEONE.test(words.join(' '));
}
