/**
 * X-Twilio-Signature: base64 HMAC-SHA1, keyed by the auth token, over the
 * URL followed by each field name and value in sorted name order. One
 * checker per auth token.
 *
 * The expected value is computed as twilio.getExpectedTwilioSignature does,
 * but from two one-shot SHA-1 hashes over pads prepared once (RFC 2104):
 * creating an HMAC context per request (an OpenSSL algorithm look-up) cost
 * a sixth of a whole HELP webhook. Whatever does not match goes on to
 * twilio.validateRequest, which also tries the URL variants Twilio may have
 * signed, so a mistake here could only refuse slowly, never accept.
 */
import { hash, timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';

const BLOCK = 64;

export class TwilioSignature {
  private readonly innerPad: Buffer;
  private readonly outerPad: Buffer;

  constructor(private readonly authToken: string) {
    let key = Buffer.from(authToken, 'utf8');
    if (key.length > BLOCK) key = hash('sha1', key, 'buffer');
    const block = Buffer.alloc(BLOCK);
    key.copy(block);
    this.innerPad = Buffer.alloc(BLOCK);
    this.outerPad = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i++) {
      this.innerPad[i] = (block[i] as number) ^ 0x36;
      this.outerPad[i] = (block[i] as number) ^ 0x5c;
    }
  }

  /** The signature Twilio sends for these fields posted to exactly this URL. */
  expected(url: string, fields: Record<string, string>): string {
    let data = url;
    const names = Object.keys(fields).sort();
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      data += name + fields[name];
    }
    const inner = hash('sha1', Buffer.concat([this.innerPad, Buffer.from(data, 'utf8')]), 'buffer');
    return hash('sha1', Buffer.concat([this.outerPad, inner]), 'base64');
  }

  /** Whether `signature` is Twilio's for this request. */
  matches(signature: string, url: string, fields: Record<string, string>): boolean {
    const expected = Buffer.from(this.expected(url, fields));
    const given = Buffer.from(signature);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    return twilio.validateRequest(this.authToken, signature, url, fields);
  }
}
