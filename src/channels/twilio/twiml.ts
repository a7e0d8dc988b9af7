/** TwiML replies, built with twilio's own MessagingResponse. */
import twilio from 'twilio';

/** The empty <Response>, built once: most webhooks (HELP, STOP, dropped messages) answer with it. */
const EMPTY = new twilio.twiml.MessagingResponse().toString();

// Replies come from a small catalogue, and building TwiML costs more than the
// rest of a HELP webhook: remember the last few hundred.
const MEMO_SIZE = 256;
const memo = new Map<string, string>();

// What XML 1.0 cannot carry (C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF): the TwiML
// builder throws on them, and a reply quoting a text that holds one (SHOW of a report) would be a 500.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

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
  const body = text.replace(NOT_XML, '');
  if (statusUrl) response.message({ action: statusUrl, method: 'POST' }, body);
  else response.message(body);
  const xml = response.toString();
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, xml);
  return xml;
}
