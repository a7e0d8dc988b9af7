/** TwiML replies, built with twilio's own MessagingResponse. */
import twilio from 'twilio';

/** The empty <Response>, built once: most webhooks (HELP, STOP, dropped messages) answer with it. */
const EMPTY = new twilio.twiml.MessagingResponse().toString();

/** A <Response> with zero or one <Message>. */
export function twimlReply(text: string | null): string {
  if (text === null) return EMPTY;
  const response = new twilio.twiml.MessagingResponse();
  response.message(text);
  return response.toString();
}
