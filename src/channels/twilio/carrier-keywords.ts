/**
 * Twilio's default opt-out handling: a message that is exactly one of these
 * words is answered by Twilio itself, and STOP-type words block every later
 * message to the sender until one of the START-type words lifts the block.
 * Provider knowledge: it lives in the Twilio adapter and nowhere else.
 */

/** What the carrier did with a message it answered itself. */
export type CarrierAction = 'stop' | 'start' | 'help';

const KEYWORDS: ReadonlyMap<string, CarrierAction> = new Map([
  ['STOP', 'stop'],
  ['STOPALL', 'stop'],
  ['UNSUBSCRIBE', 'stop'],
  ['CANCEL', 'stop'],
  ['END', 'stop'],
  ['QUIT', 'stop'],
  ['REVOKE', 'stop'],
  ['OPTOUT', 'stop'],
  ['START', 'start'],
  ['YES', 'start'],
  ['UNSTOP', 'start'],
  ['HELP', 'help'],
  ['INFO', 'help'],
]);

/**
 * What Twilio did with a message, if it answered it: by Advanced Opt-Out's
 * OptOutType when present (it may match words we do not know, such as
 * "ARRET"), else by the default keywords, matched as the whole message in
 * any case, surrounding spaces and punctuation ignored.
 */
export function carrierAction(text: string, optOutType?: string): CarrierAction | undefined {
  const declared = optOutType?.toUpperCase();
  if (declared === 'STOP') return 'stop';
  if (declared === 'START') return 'start';
  if (declared === 'HELP') return 'help';
  return keywordAction(text);
}

/**
 * The default keyword a whole message is, if any. Only spaces and
 * punctuation around it are ignored: "START 415", "HELP ПОЖАЛУЙСТА" and
 * "STOP 🙏" are not Twilio's single word, and a message wrongly taken as
 * Twilio's would be answered by no one.
 */
function keywordAction(text: string): CarrierAction | undefined {
  return KEYWORDS.get(text.toUpperCase().replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ''));
}

/**
 * The text Heads Up acts on, given what the carrier did: the message itself
 * when it is already that keyword ("YES", which a person asked to be a
 * buddy means as ACCEPT), else the plain word for what was done (Advanced
 * Opt-Out's "ARRET" is STOP, its "MENU" HELP: a word the bot does not know
 * would be taken as the answer to an open question, beside Twilio's help).
 */
export function actedText(text: string, action: CarrierAction | undefined): string {
  if (action === undefined || keywordAction(text) === action) return text;
  return action === 'stop' ? 'STOP' : action === 'start' ? 'START' : 'HELP';
}
