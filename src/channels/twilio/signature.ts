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
const SHA1_BYTES = 20;

export class TwilioSignature {
  /** The inner pad, followed by room for the signed data (grown when a request needs more). */
  private inner: Buffer;
  /** The outer pad, followed by the inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + SHA1_BYTES);
  /**
   * Sorted field names by the order they were posted in: Twilio posts the
   * same fields in the same order, and sorting them was a third of the check.
   */
  private readonly orders = new Map<string, { posted: string[]; sorted: string[] }>();

  constructor(private readonly authToken: string) {
    let key = Buffer.from(authToken, 'utf8');
    if (key.length > BLOCK) key = hash('sha1', key, 'buffer');
    const block = Buffer.alloc(BLOCK);
    key.copy(block);
    this.inner = Buffer.alloc(BLOCK + 4096);
    for (let i = 0; i < BLOCK; i++) {
      this.inner[i] = (block[i] as number) ^ 0x36;
      this.outer[i] = (block[i] as number) ^ 0x5c;
    }
  }

  /** The signature Twilio sends for these fields posted to exactly this URL. */
  expected(url: string, fields: Record<string, string>, names: string[] = Object.keys(fields)): string {
    const sorted = this.sortedNames(names);
    let data = url;
    for (let i = 0; i < sorted.length; i++) {
      const name = sorted[i] as string;
      data += name + fields[name];
    }
    const length = Buffer.byteLength(data, 'utf8');
    if (BLOCK + length > this.inner.length) {
      const grown = Buffer.alloc(BLOCK + length);
      this.inner.copy(grown, 0, 0, BLOCK);
      this.inner = grown;
    }
    this.inner.write(data, BLOCK, 'utf8');
    hash('sha1', this.inner.subarray(0, BLOCK + length), 'buffer').copy(this.outer, BLOCK);
    // The signed data holds the sender's number and text: do not keep it in a long-lived buffer.
    this.inner.fill(0, BLOCK, BLOCK + length);
    return hash('sha1', this.outer, 'base64');
  }

  /** Whether `signature` is Twilio's for this request. */
  matches(signature: string, url: string, fields: Record<string, string>, names?: string[]): boolean {
    const expected = Buffer.from(this.expected(url, fields, names));
    const given = Buffer.from(signature);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    return twilio.validateRequest(this.authToken, signature, url, fields);
  }

  private sortedNames(names: string[]): string[] {
    const key = `${names.length}\u0000${names[0] ?? ''}\u0000${names[names.length - 1] ?? ''}`;
    const known = this.orders.get(key);
    if (known && sameList(known.posted, names)) return known.sorted;
    const sorted = [...names].sort();
    // A handful of shapes in practice (inbound SMS, status callbacks); never let a sender grow this.
    if (this.orders.size >= 32) this.orders.clear();
    this.orders.set(key, { posted: [...names], sorted });
    return sorted;
  }
}

function sameList(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
