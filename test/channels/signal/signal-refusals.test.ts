/** Issue 15: signal-cli-rest-api's refusals as each mode words them (texts from upstream's sources). */
import { challengeToken, classifySignalError } from '../../../src/channels/signal/signal-sender';

const TOKEN = '0c9b8a7f-6e5d-4c3b-a291-8f7e6d5c4b3a';

describe('Signal refusals', () => {
  it.each([
    ['json-rpc', 'Unable to complete request due to untrusted recipient keys'],
    ['normal/native', 'Failed to send (some) messages:\n+14155550100: Untrusted Identity for "+14155550100"\n1700000000000\nFailed to send message due to untrusted identities\n'],
  ])('reads a changed safety number in %s mode', (_mode, text) => {
    expect(classifySignalError(400, text)).toMatchObject({ kind: 'rejected', code: 'untrusted_identity' });
  });

  it('takes the challenge token from a json-rpc 429', () => {
    expect(challengeToken({ error: 'Failed to send message due to rate limiting', challenge_tokens: [TOKEN], account: '+15005550199' })).toBe(TOKEN);
  });

  it("takes the challenge token from signal-cli's text in normal/native mode, and calls it throttling", () => {
    const error = `Failed to send (some) messages:\nx: CAPTCHA proof required for sending to "x", available options "RECAPTCHA, PUSH_CHALLENGE" with challenge token "${TOKEN}", or wait "86400" seconds.\n`;
    expect(challengeToken({ error })).toBe(TOKEN);
    expect(classifySignalError(400, error)).toMatchObject({ kind: 'throttled' });
  });

  it('finds no token where there is none, or one that is not a plain token', () => {
    expect(challengeToken({ error: 'Failed to send message due to rate limiting', challenge_tokens: [], account: '+1' })).toBeNull();
    expect(challengeToken({ error: 'Internal Server Error' })).toBeNull();
    expect(challengeToken({ challenge_tokens: ['a b<script>'] })).toBeNull();
  });
});
