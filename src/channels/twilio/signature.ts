/**
 * X-Twilio-Signature: base64 HMAC-SHA1, keyed by the auth token, over the
 * URL Twilio called followed by each field name and value in sorted name
 * order. The twilio library computes it; this only decides what to compare.
 *
 * One computation per request, against the one URL Heads Up gives Twilio
 * (PUBLIC_URL and the route's path, never the Host header), and none for a
 * header that cannot be a signature. twilio.validateRequest would also try
 * the URL with and without its default port and re-encoded, up to six
 * HMACs for a forged request; PUBLIC_URL is exactly what Twilio is told to
 * call, so those forms cannot be what Twilio signed.
 */
import { timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';

/** Base64 of a 20-byte SHA-1 digest. */
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{27}=$/;

/** Whether a header value is shaped like a signature at all (no HMAC needed to tell). */
export function looksLikeSignature(value: unknown): value is string {
  return typeof value === 'string' && SIGNATURE_SHAPE.test(value);
}

export class TwilioSignature {
  constructor(private readonly authToken: string) {}

  /** The signature Twilio sends for these fields posted to exactly this URL. */
  expected(url: string, fields: Record<string, string | string[]>): string {
    return twilio.getExpectedTwilioSignature(this.authToken, url, fields);
  }

  /** Whether `signature` is Twilio's for this request: at most one HMAC. */
  matches(signature: string, url: string, fields: Record<string, string | string[]>): boolean {
    if (!looksLikeSignature(signature)) return false;
    const expected = Buffer.from(this.expected(url, fields));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
