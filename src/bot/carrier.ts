/** Which messages the carrier (Twilio's opt-out handling) answers itself. */
import { CARRIER_KEYWORDS } from './keywords';
import { normalizeWord } from './parser';

/** True when the whole message is one of the keywords Twilio replies to on its own. */
export function carrierAnswers(text: string): boolean {
  const trimmed = text.trim();
  return !/\s/.test(trimmed) && CARRIER_KEYWORDS.has(normalizeWord(trimmed));
}
