/** Issue 15: signal-cli-rest-api's refusals as each mode words them (texts from upstream's sources). */
import { challengeToken, classifySignalError } from '../../../src/channels/signal/signal-errors';

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

  // signal-cli's own texts: SendMessageResultUtils (per recipient), SendCommand (UnregisteredRecipientException), App.loadManager (the account).
  it.each([
    ['a recipient who left Signal (normal/native)', 'Failed to send (some) messages:\nx: Unregistered user "x"\n1700000000000\nFailed to send message\n'],
    ['a recipient signal-cli cannot find', 'The user 0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21 is not registered.'],
  ])('reads %s as an address that cannot receive', (_what, text) => {
    expect(classifySignalError(400, text)).toMatchObject({ kind: 'invalid', code: 'unregistered' });
  });

  it.each([
    ['normal/native', 'User +15005550199 is not registered.\n'],
    ['signal-cli itself', 'User is not registered.'],
    ['json-rpc (0.100)', 'Number not registered with JSON-RPC'],
    ['json-rpc (signal-cli does not hold the account)', 'Specified account does not exist'],
  ])("does not blame the recipient when the bot's own account is not registered (%s): retried, never marked invalid", (_mode, text) => {
    const e = classifySignalError(400, text);
    expect(e).toMatchObject({ kind: 'line', code: 'account_not_registered' });
    expect(e.retryable).toBe(true);
  });

  // After 0.100, normal/native mode runs signal-cli with `--output json`: a refusal's text is its JSON result
  // (one per recipient, `type` naming the failure) followed by what signal-cli wrote to stderr.
  const jsonResult = (type: string, extra = '') =>
    `{"timestamp":1700000000000,"results":[{"recipientAddress":{"uuid":"0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21","number":"+14155550100","username":null},"type":"${type}"${extra}}]}\n`;

  it.each([
    ['a recipient who left Signal', jsonResult('UNREGISTERED_FAILURE') + 'Failed to send message\n', 'invalid', 'unregistered'],
    ['a network failure', jsonResult('NETWORK_FAILURE') + 'Failed to send message\n', 'server', 'network_failure'],
    ['a changed safety number', jsonResult('IDENTITY_FAILURE') + 'Failed to send message\n', 'rejected', 'untrusted_identity'],
    ['a rate limit', jsonResult('RATE_LIMIT_FAILURE', ',"retryAfterSeconds":60') + 'Failed to send message\n', 'throttled', '429'],
    ["the recipient's keys changing under the send", jsonResult('INVALID_PRE_KEY_FAILURE') + 'Failed to send message\n', 'server', 'invalid_pre_key'],
  ])("reads %s in signal-cli's JSON result (after 0.100)", (_what, text, kind, code) => {
    expect(classifySignalError(400, text)).toMatchObject({ kind, code });
  });

  it("takes the challenge token from signal-cli's JSON result (after 0.100)", () => {
    const error = jsonResult('RATE_LIMIT_FAILURE', `,"token":"${TOKEN}","retryAfterSeconds":86400`) + 'Failed to send message due to rate limiting\n';
    expect(challengeToken({ error })).toBe(TOKEN);
    expect(classifySignalError(400, error)).toMatchObject({ kind: 'throttled' });
  });

  it('retries a network failure between signal-cli and Signal (normal/native)', () => {
    const e = classifySignalError(400, 'Failed to send (some) messages:\nx: Network failure for "x"\n1700000000000\nFailed to send message\n');
    expect(e).toMatchObject({ kind: 'server', code: 'network_failure' });
    expect(e.retryable).toBe(true);
  });

  // json-rpc mode passes on only the JSON-RPC error's message (upstream's jsonrpc2.go): signal-cli's
  // words for a NETWORK_FAILURE and an UNREGISTERED_FAILURE alike.
  it('retries a send json-rpc mode reports only as failed: it cannot tell a network failure from a recipient who left', () => {
    const e = classifySignalError(400, 'Failed to send message');
    expect(e).toMatchObject({ kind: 'server', code: 'send_failed' });
    expect(e.retryable).toBe(true);
  });

  // json-rpc mode: signal-cli-rest-api lost its connection to the signal-cli daemon (it restarts, upstream re-dials
  // for up to 30 s) and passes on Go's error of the write, or of the read, as any send error: a 400 (jsonrpc2.go getRaw).
  it.each([
    'write tcp 127.0.0.1:52114->127.0.0.1:6001: write: broken pipe',
    'write tcp 127.0.0.1:52114->127.0.0.1:6001: use of closed network connection',
    'dial tcp 127.0.0.1:6001: connect: connection refused',
    'read tcp 127.0.0.1:52114->127.0.0.1:6001: read: connection reset by peer',
    'read tcp 127.0.0.1:52114->127.0.0.1:6001: i/o timeout',
    'EOF',
    'unexpected EOF',
  ])('retries a send refused with the daemon connection’s error %j: an outage, not the recipient', (text) => {
    const e = classifySignalError(400, text);
    expect(e).toMatchObject({ kind: 'server', code: 'daemon_unreachable' });
    expect(e.retryable).toBe(true);
  });

  // The recipient re-registered or refreshed their keys while the bot held old ones: signal-cli fetches
  // new ones, and a later try goes. Retried with an outage's backoff and count of tries, never failed at once.
  it.each([
    ['normal/native', 'Failed to send (some) messages:\nx: Invalid pre key for "x"\n1700000000000\nFailed to send message\n'],
    ["signal-cli's JSON result", jsonResult('INVALID_PRE_KEY_FAILURE') + 'Failed to send message\n'],
  ])('retries an invalid pre key (%s): a passing state of the recipient\'s keys', (_mode, text) => {
    const e = classifySignalError(400, text);
    expect(e).toMatchObject({ kind: 'server', code: 'invalid_pre_key' });
    expect(e.retryable).toBe(true);
  });

  // SendCommand.java wraps an IOException met before any per-recipient result as "Failed to send message: <text>
  // (<class>)"; json-rpc mode's handler adds its own class after. Transient: retried, a bounded number of tries.
  it.each([
    ['a time-out reaching Signal (normal/native)', 'Failed to send message: java.net.SocketTimeoutException: timeout (PushNetworkException)\n'],
    ['no DNS (normal/native)', 'Failed to send message: java.net.UnknownHostException: chat.signal.org (PushNetworkException)\n'],
    ['a reset connection', 'Failed to send message: java.net.SocketException: Connection reset (PushNetworkException)\n'],
    ['a time-out reaching Signal (json-rpc)', 'Failed to send message: java.net.SocketTimeoutException: timeout (PushNetworkException) (UnexpectedErrorException)'],
    ['a recipient device long offline', "FAILED TO SEND MESSAGE: No prekeys available (IOException), maybe one of the devices of the recipient wasn't online for a while.\n"],
  ])('retries an exception signal-cli met before any result: %s', (_what, text) => {
    const e = classifySignalError(400, text);
    expect(e).toMatchObject({ kind: 'server', code: 'send_exception', recipientWorded: true });
    expect(e.retryable).toBe(true);
  });

  // Only its connection to Signal is worth a day of tries: any other exception would fail alike each time.
  it.each([
    ['a connection refused', 'Failed to send message: Connection refused (ConnectException)\n', true],
    ['a TLS failure', 'Failed to send message: handshake failed (javax.net.ssl.SSLHandshakeException)\n', true],
    ['a time-out (TimeoutException)', 'Failed to send message: timed out (TimeoutException)\n', true],
    ['a bare SocketException', 'Failed to send message: Network is unreachable (SocketException)\n', true],
    ['no route to Signal', 'Failed to send message: No route to host (java.net.NoRouteToHostException)\n', true],
    ['a connection cut mid-answer', 'Failed to send message: null (EOFException)\n', true],
    ['an interrupted read', 'Failed to send message: interrupted (InterruptedIOException)\n', true],
    ['an HTTP/2 stream reset', 'Failed to send message: stream was reset: CANCEL (okhttp3.internal.http2.StreamResetException)\n', true],
    ['a connection shut down', 'Failed to send message: null (ConnectionShutdownException)\n', true],
    ['a protocol error on the wire', 'Failed to send message: unexpected end of stream (ProtocolException)\n', true],
    ["Signal's websocket unavailable", 'Failed to send message: null (WebSocketUnavailableException)\n', true],
    ['no such group or recipient', 'Failed to send message: Not found (NotFoundException)\n', false],
    ["Signal refusing the line's credentials", 'Failed to send message: Authorization failed! (AuthorizationFailedException)\n', false],
    ['an invalid attachment', 'Failed to send message: Invalid attachment (AttachmentInvalidException)\n', false],
    ['a stale registration id', 'Failed to send message: Invalid registration id (InvalidRegistrationIdException)\n', false],
    ['a signal-cli too old', 'Failed to send message: Deprecated version (DeprecatedVersionException)\n', false],
    ['a 401 of Signal', 'Failed to send message: Bad response: 401 (NonSuccessfulResponseCodeException)\n', false],
    ['a 403 of Signal (json-rpc)', 'Failed to send message: Bad response: 403 (NonSuccessfulResponseCodeException) (UnexpectedErrorException)', false],
    ['a bug in signal-cli', 'Failed to send message: null (NullPointerException)\n', false],
  ])('retries a send exception only when it is the connection: %s', (_what, text, retried) => {
    const e = classifySignalError(400, text);
    expect(e.retryable).toBe(retried);
    expect(e).toMatchObject(retried ? { kind: 'server', code: 'send_exception' } : { kind: 'rejected', code: '400' });
  });

  // A duplicate is better than a lost alert: signal-cli may have sent before it was killed.
  it.each([
    ["Signal's server failing (normal/native)", 'Failed to send message: Bad response: 503 (NonSuccessfulResponseCodeException)\n'],
    ["Signal's server failing (json-rpc)", 'Failed to send message: Bad response: 502 (NonSuccessfulResponseCodeException) (UnexpectedErrorException)'],
    ['signal-cli-rest-api killing signal-cli at SIGNAL_CLI_CMD_TIMEOUT', 'process killed as timeout reached'],
  ])('retries %s as a server failure', (_what, text) => {
    const e = classifySignalError(400, text);
    expect(e).toMatchObject({ kind: 'server', code: 'signal_server', recipientWorded: false });
    expect(e.retryable).toBe(true);
  });

  // The refusals that mean something specific keep their meaning when signal-cli words them as such an exception.
  it.each([
    ['a recipient who left Signal', 'Failed to send message: Unregistered user "x" (UnregisteredUserException)\n', 'invalid', 'unregistered'],
    ['a changed safety number', 'Failed to send message: Untrusted identity (UntrustedIdentityException)\n', 'rejected', 'untrusted_identity'],
    ['a rate limit', 'Failed to send message: [429] Rate limit exceeded: 429 (RateLimitException)\n', 'throttled', '429'],
    ['a proof demand', 'Failed to send message: [428] Proof required (ProofRequiredException)\n', 'throttled', '429'],
    ['a 4xx of Signal that is a rate limit', 'Failed to send message: Bad response: 429 (NonSuccessfulResponseCodeException)\n', 'throttled', '429'],
  ])('keeps %s worded as an exception what it is', (_what, text, kind, code) => {
    expect(classifySignalError(400, text)).toMatchObject({ kind, code });
  });

  it('reads "Failed to send message" as a failure to retry only when it says nothing more', () => {
    const text = 'Failed to send (some) messages:\nx: Something new for "x"\n1700000000000\nFailed to send message\n';
    expect(classifySignalError(400, text)).toMatchObject({ kind: 'rejected', code: '400' });
  });
});
