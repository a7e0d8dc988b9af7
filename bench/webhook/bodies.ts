/**
 * Pre-signed inbound SMS webhooks, shaped like Twilio's own (every field it
 * posts, in its order), each with a fresh MessageSid and From number so
 * nothing is short-circuited by de-duplication or per-sender limits. Signed
 * ahead of the run so the load generator spends no CPU on HMACs.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import twilio from 'twilio';
import { ACCOUNT_SID, AUTH_TOKEN, benchNumber, FROM_NUMBER, PUBLIC_URL, WEBHOOK_PATH } from '../common';

/** One ready request: the form body and its headers. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** `count` signed webhooks carrying `text`, senders numbered from `firstSender`. */
export function signedWebhooks(path: string, text: string, count: number, firstSender: number): SignedRequest[] {
  const url = PUBLIC_URL + path;
  const out: SignedRequest[] = new Array(count);
  const sids = randomBytes(16 * count);
  for (let i = 0; i < count; i++) {
    const sid = `SM${sids.toString('hex', i * 16, i * 16 + 16)}`;
    const from = benchNumber(firstSender + i);
    const fields: Record<string, string> = {
      ToCountry: 'US',
      ToState: 'CA',
      SmsMessageSid: sid,
      NumMedia: '0',
      ToCity: '',
      FromZip: '',
      SmsSid: sid,
      FromState: '',
      SmsStatus: 'received',
      FromCity: '',
      Body: text,
      FromCountry: 'US',
      To: FROM_NUMBER,
      ToZip: '',
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: ACCOUNT_SID,
      From: from,
      ApiVersion: '2010-04-01',
    };
    out[i] = {
      body: new URLSearchParams(fields).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, fields),
      },
    };
  }
  return out;
}

/**
 * Posts `amount` of the pool's webhooks (from index `from`), 10 at a time, to
 * the server at `url`; throws unless every one was answered 2xx in time.
 */
export async function postWebhooks(url: string, pool: SignedRequest[], from: number, amount: number, timeoutS: number): Promise<void> {
  let i = from;
  const r = await autocannon({
    url,
    connections: 10,
    amount,
    timeout: timeoutS,
    requests: [{ method: 'POST', path: WEBHOOK_PATH, setupRequest: (req) => ({ ...req, ...(pool[i++] as SignedRequest) }) }],
  });
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} time-outs`);
}
