/** TwiML replies, built with twilio's own MessagingResponse. */
import twilio from 'twilio';

/** A <Response> with zero or one <Message>. */
export function twimlReply(text: string | null): string {
  const response = new twilio.twiml.MessagingResponse();
  if (text !== null) response.message(text);
  return response.toString();
}
