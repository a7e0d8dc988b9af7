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

  it('stays right when one checker sees many shapes of form, in any order (its sort cache never mixes them up)', () => {
    const checker = new TwilioSignature('one-token-for-all');
    // Names drawn from a small set, so that shapes share their length, first and last name.
    const names = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'Body', 'From', 'To', 'MessageSid'), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(names, fc.string({ maxLength: 20 }), (ns, value) => {
        const fields: Record<string, string> = {};
        for (const n of ns) fields[n] = `${n}=${value}`;
        expect(checker.expected(URL, fields)).toBe(twilio.getExpectedTwilioSignature('one-token-for-all', URL, fields));
      }),
      { numRuns: 500 },
    );
  });

  it('handles a form far longer than its scratch space', () => {
    const fields = { Body: 'é'.repeat(1600), MediaUrl0: 'https://api.twilio.com/x'.repeat(100), From: '+14155550100' };
    const checker = new TwilioSignature('secret');
    expect(checker.expected(URL, fields)).toBe(twilio.getExpectedTwilioSignature('secret', URL, fields));
    expect(checker.expected(URL, { Body: 'short' })).toBe(twilio.getExpectedTwilioSignature('secret', URL, { Body: 'short' }));
  });

  it('keeps no trace of the signed fields in its scratch space', () => {
    const checker = new TwilioSignature('secret');
    checker.expected(URL, { From: '+14155550123', Body: 'REPORT 415 grey van' });
    const scratch = Reflect.get(checker, 'inner') as Buffer;
    expect(scratch.includes(Buffer.from('4155550123'))).toBe(false);
    expect(scratch.includes(Buffer.from('grey van'))).toBe(false);
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
