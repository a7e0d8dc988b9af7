/**
 * X-Twilio-Signature: base64 HMAC-SHA1, keyed by the auth token, over the
 * URL Twilio called followed by each field name and value in sorted name
 * order (a repeated field's distinct values sorted, each after its name).
 * The tests hold this to twilio.getExpectedTwilioSignature on random forms.
 *
 * The HMAC is RFC 2104 from two one-shot hashes over pads made once, not
 * crypto.createHmac: an HMAC object looks OpenSSL's algorithm up on every
 * request, and in the running server that was a third of a HELP webhook's
 * CPU time (`npm run bench:cpu`, issue 10); crypto.hash keeps its look-up.
 *
 * One computation per request, against the one URL Heads Up gives Twilio
 * (PUBLIC_URL and the route's path, never the Host header), and none for a
 * header that cannot be a signature. The one exception: Twilio signs an
 * https URL without a written :443 (http, :80), so a PUBLIC_URL that
 * writes its default port is also tried without it (a second HMAC, for a
 * signature the first refused). twilio.validateRequest would also try
 * re-encoded forms, up to six HMACs for a forged request; PUBLIC_URL is
 * exactly what Twilio is told to call, so those cannot be what it signed.
 */
import { hash, timingSafeEqual } from 'node:crypto';

/** Base64 of a 20-byte SHA-1 digest. */
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{27}=$/;

/** SHA-1's block: a longer key is hashed first, a shorter one padded with zeros. */
const BLOCK = 64;

/** Whether a header value is shaped like a signature at all (no HMAC needed to tell). */
export function looksLikeSignature(value: unknown): value is string {
  return typeof value === 'string' && SIGNATURE_SHAPE.test(value);
}

/** What Twilio signs: the URL, then each field's name and value, names sorted. */
function signedText(url: string, fields: Record<string, string | string[]>): string {
  let text = url;
  for (const name of Object.keys(fields).sort()) {
    const value = fields[name] as string | string[];
    if (typeof value === 'string') text += name + value;
    else for (const one of [...new Set(value)].sort()) text += name + one;
  }
  return text;
}

/** The URLs Twilio may have signed for a call to `url`: as written, and without a written default port. */
export function signedUrlForms(url: string): string[] {
  const m = /^(https?):\/\/([^/:]+):(\d+)(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme, host, port, rest] = m as unknown as [string, string, string, string, string];
  return port === (scheme.toLowerCase() === 'https' ? '443' : '80') ? [url, `${scheme}://${host}${rest}`] : [url];
}

export class TwilioSignature {
  private readonly innerPad = Buffer.alloc(BLOCK, 0x36);
  private readonly outerPad = Buffer.alloc(BLOCK, 0x5c);

  constructor(authToken: string) {
    const token = Buffer.from(authToken);
    const key = token.length > BLOCK ? hash('sha1', token, 'buffer') : token;
    for (let i = 0; i < key.length; i++) {
      this.innerPad[i] = (this.innerPad[i] as number) ^ (key[i] as number);
      this.outerPad[i] = (this.outerPad[i] as number) ^ (key[i] as number);
    }
  }

  /** The signature Twilio sends for these fields posted to exactly this URL. */
  expected(url: string, fields: Record<string, string | string[]>): string {
    const inner = hash('sha1', Buffer.concat([this.innerPad, Buffer.from(signedText(url, fields))]), 'buffer');
    return hash('sha1', Buffer.concat([this.outerPad, inner]), 'base64');
  }

  /** Whether `signature` is Twilio's for this request: at most one HMAC. */
  matches(signature: string, url: string, fields: Record<string, string | string[]>): boolean {
    if (!looksLikeSignature(signature)) return false;
    const expected = Buffer.from(this.expected(url, fields));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
