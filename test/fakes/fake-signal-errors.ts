/**
 * The fake signal-cli-rest-api's refusals, shaped as upstream answers them:
 * {"error": "…"} under a 400 (signal-cli's own text in normal/native mode,
 * only the JSON-RPC error's message in json-rpc mode), 429 with
 * `challenge_tokens` for Signal's rate limit in json-rpc mode; and the
 * answers tests choose from (SIGNAL_ERRORS).
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { lastTimestamp } from './fake-signal-envelopes';

export type FakeSignalMode = 'json-rpc' | 'normal' | 'native';

/** How the fake answers one send. */
export type SignalAnswer = 'accept' | { status: number; body: unknown };

/** Upstream's answer to a body it cannot bind (gin's ShouldBindJSON failed). */
export const INVALID_REQUEST = "Couldn't process request - invalid request";

/** Signal's own error answers, shaped as signal-cli-rest-api returns them. */
export const SIGNAL_ERRORS = {
  rateLimited: (account: string): SignalAnswer => ({
    status: 429,
    body: {
      error: 'Failed to send message due to rate limiting',
      challenge_tokens: [randomUUID()],
      account,
    },
  }),
  untrusted: (recipient: string): SignalAnswer => ({
    status: 400,
    body: { error: `Failed to send message due to untrusted identities: ${recipient}` },
  }),
  unregistered: (recipient: string): SignalAnswer => ({
    status: 400,
    body: { error: `Failed to send message: Unregistered user "${recipient}"` },
  }),
  server: (): SignalAnswer => ({ status: 500, body: { error: 'Internal Server Error' } }),
  /**
   * signal-cli could not reach Signal's servers for this recipient. Normal/native mode: its plain-text
   * output, then its exit message. json-rpc mode: only the JSON-RPC error's message (upstream's
   * jsonrpc2.go), which a recipient who left Signal (UNREGISTERED_FAILURE, by UUID) gets too.
   */
  networkFailure: (recipient: string, mode: FakeSignalMode): SignalAnswer =>
    mode === 'json-rpc'
      ? { status: 400, body: { error: 'Failed to send message' } }
      : { status: 400, body: { error: `Failed to send (some) messages:\n${recipient}: Network failure for "${recipient}"\n${lastTimestamp()}\nFailed to send message\n` } },
  /**
   * signal-cli met an IOException before any per-recipient result, `cause` being its text and class (by
   * default a time-out reaching Signal; 'Bad response: 503 (NonSuccessfulResponseCodeException)' for
   * Signal's server failing). SendCommand.java wraps it as "Failed to send message: <cause>"; normal/native
   * mode passes on what signal-cli wrote to stderr, json-rpc mode the JSON-RPC error's message, to which
   * signal-cli's handler adds the wrapper's class (SignalJsonRpcCommandHandler.java).
   */
  sendException: (mode: FakeSignalMode, cause = 'java.net.SocketTimeoutException: timeout (PushNetworkException)'): SignalAnswer => ({
    status: 400,
    body: { error: mode === 'json-rpc' ? `Failed to send message: ${cause} (UnexpectedErrorException)` : `Failed to send message: ${cause}\n` },
  }),
  /** Normal/native mode only: signal-cli-rest-api killed signal-cli at SIGNAL_CLI_CMD_TIMEOUT (cli.go Execute), whatever it had sent. */
  processTimeout: (): SignalAnswer => ({ status: 400, body: { error: 'process killed as timeout reached' } }),
  /**
   * The bot's own account is not registered (deregistered by Signal, or never registered): signal-cli's
   * App.loadManager in normal/native mode; in json-rpc mode the daemon does not hold the account.
   */
  accountNotRegistered: (account: string, mode: FakeSignalMode): SignalAnswer => ({
    status: 400,
    body: { error: mode === 'json-rpc' ? 'Specified account does not exist' : `User ${account} is not registered.\n` },
  }),
  /**
   * json-rpc mode only: signal-cli-rest-api lost its connection to the signal-cli daemon (restarting),
   * and passes on Go's error of the write to it as any send error, a 400 (jsonrpc2.go getRaw, api.go Send).
   */
  daemonConnectionLost: (): SignalAnswer => ({ status: 400, body: { error: 'write tcp 127.0.0.1:52114->127.0.0.1:6001: write: broken pipe' } }),
  /** What gin answers for a route it does not have (SIGNAL_API_URL with a wrong path, a proxy without the route): text/plain. */
  noSuchRoute: (): SignalAnswer => ({ status: 404, body: '404 page not found' }),
} as const;

/** signal-cli's refusal of an account it does not hold, as each mode words it (json-rpc: the daemon's JSON-RPC error). */
export function noSuchAccount(mode: FakeSignalMode): string {
  return mode === 'json-rpc' ? 'Specified account does not exist' : 'User is not registered';
}

/** signal-cli's refusal of a send to a contact whose key changed, as each mode words it. */
export function untrustedAnswer(mode: FakeSignalMode, recipient: string): SignalAnswer {
  if (mode === 'json-rpc') return { status: 400, body: { error: 'Unable to complete request due to untrusted recipient keys' } };
  return {
    status: 400,
    body: { error: `Failed to send (some) messages:\n${recipient}: Untrusted Identity for "${recipient}"\n${lastTimestamp()}\nFailed to send message due to untrusted identities\n` },
  };
}

/** Signal's demand for a captcha, as each mode reports it. */
export function challengeAnswer(mode: FakeSignalMode, account: string, recipient: string, token: string): SignalAnswer {
  if (mode === 'json-rpc') {
    return {
      status: 429,
      body: {
        error: "Failed to send message due to rate limiting. Use the attached challenge tokens to lift the rate limit restrictions via the '/v1/accounts/{number}/rate-limit-challenge' endpoint.",
        challenge_tokens: [token],
        account,
      },
    };
  }
  return {
    status: 400,
    body: {
      error:
        `Failed to send (some) messages:\n${recipient}: CAPTCHA proof required for sending to "${recipient}", available options "RECAPTCHA, PUSH_CHALLENGE" with challenge token "${token}", or wait "86400" seconds.\n` +
        'To get the captcha token, go to https://signalcaptchas.org/challenge/generate.html\n' +
        `${lastTimestamp()}\nFailed to send message due to rate limiting\n`,
    },
  };
}

/** Writes a JSON answer, unless the client gave up (its time-out): there is no one left to answer. */
export function writeJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A 204 with no body (upstream's answer to an accepted update). */
export function writeNoContent(res: http.ServerResponse): void {
  res.writeHead(204);
  res.end();
}
