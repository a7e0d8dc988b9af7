/**
 * The fake Twilio's answers to a request it refuses: Twilio's JSON error
 * body {code, message, more_info, status}, and the refusals tests choose
 * from, each with Twilio's own code and wording.
 */

/** What the fake answers to one send: accept, or a Twilio error (a 429 may name its wait in a Retry-After header, seconds or an HTTP date). */
export type FakeAnswer = 'accept' | { status: number; code: number; message: string; retryAfter?: string };

export const TWILIO_ERRORS = {
  throttled: { status: 429, code: 20429, message: 'Too Many Requests' },
  stopped: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  invalidTo: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
  notMobile: { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
  regionDisabled: { status: 400, code: 21408, message: "Permission to send an SMS has not been enabled for the region indicated by the 'To' number" },
  serverError: { status: 500, code: 20500, message: 'Internal Server Error' },
  queueFull: { status: 400, code: 21611, message: "This 'From' number has exceeded the maximum number of queued messages" },
  // The sender refused (Twilio's messages name the numbers, as these do): 21212 whatever the destination;
  // 21606 and 21659 also when a short code is sent to another country's number.
  fromNotCapable: { status: 400, code: 21606, message: "The From phone number +15005550006 is not a valid, SMS-capable inbound phone number or short code for your account." },
  fromInvalid: { status: 400, code: 21212, message: "The 'From' number +15005550006 is not a valid phone number, shortcode, or alphanumeric sender ID." },
  fromNotTwilio: { status: 400, code: 21659, message: "'From' +15005550006 is not a Twilio phone number or Short Code country mismatch" },
  toUnreachable: { status: 400, code: 21612, message: "The 'To' phone number: +14155550100, is not currently reachable using the 'From' phone number: +15005550006 via SMS." },
  // The Messaging Service itself (TWILIO_MESSAGING_SERVICE_SID), whatever the destination.
  serviceMissing: { status: 400, code: 21701, message: 'The Messaging Service does not exist' },
  serviceUnavailable: { status: 400, code: 21702, message: 'The Messaging Service is not available to send new messages' },
  serviceEmpty: { status: 400, code: 21704, message: 'The Messaging Service contains no phone numbers' },
  serviceInvalid: { status: 400, code: 21705, message: 'The Messaging Service is invalid' },
  // No sender of the pool available for this message: can be this destination's alone (see twilio-errors.ts).
  serviceNoSender: { status: 400, code: 21703, message: 'The Messaging Service does not have a phone number available to send a message' },
  // The StatusCallback (built from PUBLIC_URL) has a host name Twilio refuses.
  statusCallbackRefused: { status: 400, code: 21609, message: 'The StatusCallback URL https://heads_up.example.org/webhooks/twilio/status is not a valid URL.' },
  // The account sent its allowance of a rolling 24 hours (a trial's is 50): Twilio answers the create with a 429
  // (twilio-node: "Unable to create record: Account exceeded the 50 daily messages limit"); a message it took
  // may come back failed with 63038 in its status callback instead (FakeTwilio.failDelivery).
  dailyLimit: { status: 429, code: 63038, message: 'Account exceeded the 50 daily messages limit' },
} as const;

/** One HTTP answer of the fake. */
export interface Answer {
  status: number;
  body: unknown;
  /** The message created, when one was. */
  sid?: string;
  headers?: Record<string, string>;
}

/** Twilio's error answer, with a Retry-After header when one is given. */
export function twilioError(status: number, code: number, message: string, retryAfter?: string): Answer {
  const body = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  return retryAfter === undefined ? { status, body } : { status, body, headers: { 'retry-after': retryAfter } };
}
