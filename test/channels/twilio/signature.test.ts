import { createHmac, hash } from 'node:crypto';
import fc from 'fast-check';
import twilio from 'twilio';
import { looksLikeSignature, signedUrlForms, TwilioSignature } from '../../../src/channels/twilio/signature';

const URL = 'https://headsup.example.org/webhooks/twilio/sms';

/** How many HMACs `fn` computes: SHA-1 hashes (two an HMAC) and HMAC objects, counted through node's crypto module. */
function hmacsDuring(fn: () => void): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const crypto = require('crypto') as { createHmac: typeof createHmac; hash: typeof hash };
  const originals = { createHmac: crypto.createHmac, hash: crypto.hash };
  let hashes = 0;
  crypto.createHmac = ((...args: Parameters<typeof createHmac>) => {
    hashes += 2;
    return originals.createHmac(...args);
  }) as typeof createHmac;
  crypto.hash = ((...args: Parameters<typeof hash>) => {
    hashes++;
    return originals.hash(...args);
  }) as typeof hash;
  try {
    fn();
  } finally {
    Object.assign(crypto, originals);
  }
  return hashes / 2;
}

describe('TwilioSignature', () => {
  const token = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 });
  const value = fc.string({ unit: 'grapheme', maxLength: 200 });
  // A field posted more than once reaches the route as an array (fast-querystring), repeats and all.
  const fields = fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.oneof(value, fc.array(fc.constantFrom('b', 'a', 'é', '', 'a'), { minLength: 2, maxLength: 4 }), fc.array(value, { minLength: 2, maxLength: 3 })), {
    maxKeys: 25,
  });

  it('accepts a signature made by twilio, and refuses it once any field, the URL or the token differs', () => {
    fc.assert(
      fc.property(token, fields, fc.string({ minLength: 1, maxLength: 10 }), (t, f, extra) => {
        const signed = twilio.getExpectedTwilioSignature(t, URL, f);
        const checker = new TwilioSignature(t);
        expect(checker.matches(signed, URL, f)).toBe(true);
        expect(checker.matches(signed, URL, { ...f, Body: `${String(f.Body ?? '')}${extra}` })).toBe(false);
        expect(checker.matches(signed, `${URL}x`, f)).toBe(false);
        expect(new TwilioSignature(`${t}x`).matches(signed, URL, f)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('signs with a key longer than a SHA-1 block (hashed first) as twilio does', () => {
    const f = { Body: 'JOIN', From: '+14155550100', MediaUrl: ['https://a.example/2', 'https://a.example/1'] };
    for (const t of ['k'.repeat(63), 'k'.repeat(64), 'k'.repeat(65), 'é'.repeat(40), 'k'.repeat(300)]) {
      expect(new TwilioSignature(t).expected(URL, f)).toBe(twilio.getExpectedTwilioSignature(t, URL, f));
    }
  });

  it('refuses an empty, truncated, padded or re-encoded signature', () => {
    const f = { Body: 'JOIN', From: '+14155550100' };
    const signed = twilio.getExpectedTwilioSignature('secret', URL, f);
    const checker = new TwilioSignature('secret');
    for (const bad of ['', signed.slice(0, -1), `${signed}=`, signed.toLowerCase(), Buffer.from(signed).toString('hex')]) {
      expect(checker.matches(bad, URL, f)).toBe(false);
    }
  });

  it('computes one HMAC for a forged signature, and none for a header that cannot be one', () => {
    const checker = new TwilioSignature('secret');
    const f = { Body: 'STATS', From: '+14155550100' };
    const forged = createHmac('sha1', 'guess').update('x').digest('base64');
    expect(hmacsDuring(() => expect(checker.matches(forged, URL, f)).toBe(false))).toBe(1);
    expect(hmacsDuring(() => expect(checker.matches('not a signature', URL, f)).toBe(false))).toBe(0);
    const genuine = twilio.getExpectedTwilioSignature('secret', URL, f);
    expect(hmacsDuring(() => expect(checker.matches(genuine, URL, f)).toBe(true))).toBe(1);
  });

  it('checks only the URL it is given: the form with the default port spelled out is another URL', () => {
    const f = { Body: 'HELP', From: '+14155550100' };
    const withPort = twilio.getExpectedTwilioSignature('secret', 'https://headsup.example.org:443/webhooks/twilio/sms', f);
    expect(new TwilioSignature('secret').matches(withPort, URL, f)).toBe(false);
  });

  it('tells the shape of a signature (base64 of 20 bytes) from anything else', () => {
    expect(looksLikeSignature(createHmac('sha1', 'k').update('d').digest('base64'))).toBe(true);
    for (const v of [undefined, '', 'c2lnbmF0dXJl', 'x'.repeat(28), ['a'], `${'A'.repeat(27)}=x`, `-${'A'.repeat(27)}=`]) expect(looksLikeSignature(v)).toBe(false);
  });
});

describe('signedUrlForms', () => {
  it.each([
    ['https://h.example.org:443/webhooks/twilio/sms', ['https://h.example.org:443/webhooks/twilio/sms', 'https://h.example.org/webhooks/twilio/sms']],
    ['http://h.example.org:80/x', ['http://h.example.org:80/x', 'http://h.example.org/x']],
    ['HTTPS://h.example.org:443/x', ['HTTPS://h.example.org:443/x', 'HTTPS://h.example.org/x']],
    ['https://h.example.org/x', ['https://h.example.org/x']],
    ['https://h.example.org:8443/x', ['https://h.example.org:8443/x']],
    ['http://h.example.org:443/x', ['http://h.example.org:443/x']],
  ])('%s is also tried as %j', (url, forms) => {
    expect(signedUrlForms(url)).toEqual(forms);
  });
});
