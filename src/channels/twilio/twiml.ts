/** TwiML replies, built with twilio's own MessagingResponse. */
import twilio from 'twilio';

/** The empty <Response>, built once: most webhooks (HELP, STOP, dropped messages) answer with it. */
const EMPTY = new twilio.twiml.MessagingResponse().toString();

// Replies come from a small catalogue, and building TwiML costs more than the
// rest of a HELP webhook: remember the last few hundred.
const MEMO_SIZE = 256;
const memo = new Map<string, string>();

/** A <Response> with zero or one <Message>. */
export function twimlReply(text: string | null): string {
  if (text === null) return EMPTY;
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const response = new twilio.twiml.MessagingResponse();
  response.message(text);
  const xml = response.toString();
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(text, xml);
  return xml;
}
