/** TwiML replies, built with twilio's own MessagingResponse. */
import twilio from 'twilio';

/** The empty <Response>, built once: most webhooks (HELP, STOP, dropped messages) answer with it. */
const EMPTY = new twilio.twiml.MessagingResponse().toString();

// Replies come from a small catalogue, and building TwiML costs more than the
// rest of a HELP webhook: remember the last few hundred.
const MEMO_SIZE = 256;
const memo = new Map<string, string>();

/**
 * A <Response> with zero or one <Message>. With `statusUrl`, Twilio posts
 * the reply's status callbacks there (the `action` attribute): the only way
 * its message id reaches us, so that its body can be redacted once final.
 */
export function twimlReply(text: string | null, statusUrl?: string): string {
  if (text === null) return EMPTY;
  const key = statusUrl ? `${statusUrl}\n${text}` : text;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const response = new twilio.twiml.MessagingResponse();
  if (statusUrl) response.message({ action: statusUrl, method: 'POST' }, text);
  else response.message(text);
  const xml = response.toString();
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, xml);
  return xml;
}
