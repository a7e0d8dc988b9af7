import fc from 'fast-check';
import twilio from 'twilio';
import { TwilioSignature } from '../../src/channels/twilio/signature';

const URL = 'https://headsup.example.org/webhooks/twilio/sms';

describe('TwilioSignature', () => {
  const token = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 });
  const fields = fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 200 }), { maxKeys: 25 });
  const url = fc.webUrl({ withQueryParameters: true });

  it('computes what twilio.getExpectedTwilioSignature computes, for any token (short, 64 bytes, longer), URL and fields', () => {
    fc.assert(
      fc.property(token, url, fields, (t, u, f) => {
        expect(new TwilioSignature(t).expected(u, f)).toBe(twilio.getExpectedTwilioSignature(t, u, f));
      }),
      { numRuns: 400 },
    );
    const exactlyOneBlock = 'k'.repeat(64);
    expect(new TwilioSignature(exactlyOneBlock).expected(URL, { A: '1' })).toBe(twilio.getExpectedTwilioSignature(exactlyOneBlock, URL, { A: '1' }));
  });

  it('accepts a signature made by twilio, and refuses it once any field, the URL or the token differs', () => {
    fc.assert(
      fc.property(token, fields, fc.string({ minLength: 1, maxLength: 10 }), (t, f, extra) => {
        const signed = twilio.getExpectedTwilioSignature(t, URL, f);
        const checker = new TwilioSignature(t);
        expect(checker.matches(signed, URL, f)).toBe(true);
        expect(checker.matches(signed, URL, { ...f, Body: `${f.Body ?? ''}${extra}` })).toBe(false);
        expect(checker.matches(signed, `${URL}x`, f)).toBe(false);
        expect(new TwilioSignature(`${t}x`).matches(signed, URL, f)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an empty, truncated or padded signature', () => {
    const f = { Body: 'JOIN', From: '+14155550100' };
    const signed = twilio.getExpectedTwilioSignature('secret', URL, f);
    const checker = new TwilioSignature('secret');
    for (const bad of ['', signed.slice(0, -1), `${signed}=`, signed.toLowerCase(), Buffer.from(signed).toString('hex')]) {
      expect(checker.matches(bad, URL, f)).toBe(false);
    }
  });

  it('still accepts what Twilio signed with the port spelled out, through twilio.validateRequest', () => {
    const f = { Body: 'HELP', From: '+14155550100' };
    const withPort = twilio.getExpectedTwilioSignature('secret', 'https://headsup.example.org:443/webhooks/twilio/sms', f);
    expect(new TwilioSignature('secret').expected(URL, f)).not.toBe(withPort);
    expect(new TwilioSignature('secret').matches(withPort, URL, f)).toBe(true);
  });
});
