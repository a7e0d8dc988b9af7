/**
 * What makes a request to stop, at an open question, the answer instead: someone else's words quoted ("Deja de
 * mandarme fotos le dije y siguió"), her plea to a client about her photos or about someone of hers ("Stop
 * texting my family"). Out of a question none of this applies: a request there is her STOP.
 */
import { COURTESY, isStopRequest } from './stop-phrases';

// Evidence, in an answer, that a request opening it is someone else's words: a verb of saying to or from
// him ("le dije", "dijo él", "I told him", "he said", "falei pra ele", "il a dit"). Not "ya le dije", "como
// le dije", "I told you", "eu disse", "lhe disse": hers to the line ("I told you already") as often as to him;
// nor "me dijo", "he told me", "il m'a dit", which may be a friend's word about the line.
const SAYING =
  /\b((?<!(YA|COMO) )LE (DIJE|PEDI|ESCRIBI|GRITE|DECIA)|(EL|ELLA) DIJO|DIJO (EL|ELLA)|(?<!\bME )(RESPONDIO|CONTESTO|GRITO)|I (TOLD|ASKED) (HIM|HER)|(HE|SHE) (SAID|SAYS|YELLED|SCREAMED|SHOUTED|WROTE|REPLIED|TEXTED)|(DISSE|FALEI|PEDI) (PRA|PARA|A) (ELE|ELA)|(ELE|ELA) (DISSE|FALOU|GRITOU|ESCREVEU|RESPONDEU)|LUI AI DIT|((IL|ELLE) A|A-T-(IL|ELLE)) (DIT|CRIE|ECRIT|REPONDU))\b/g;
// Her own words: "I said" ends a request to the line as often ("Stop texting me, I said"): a quote only with the story going on.
const HER_SAYING = /\bI (SAID|SCREAMED|YELLED|SHOUTED|BEGGED)\b/g;
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
  const after = (m: RegExpMatchArray) => line.slice((m.index ?? 0) + m[0].length).split(' ').filter((w) => w !== '');
  return firstMatches(line, SAYING).some((m) => endsOrGoesOn(after(m))) || firstMatches(line, HER_SAYING).some((m) => goesOnWithStory(after(m)));
}

// Each match copies the rest of the line: the first ones only, so the work stays bounded whatever she sends.
const MAX_MATCHES = 40;

function firstMatches(line: string, re: RegExp): RegExpMatchArray[] {
  const found: RegExpMatchArray[] = [];
  for (const m of line.matchAll(re)) {
    if (found.length === MAX_MATCHES) break;
    found.push(m);
  }
  return found;
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
