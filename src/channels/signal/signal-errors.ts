/**
 * What signal-cli-rest-api's answers mean to Heads Up: a refusal's status and
 * text as a SendError, the challenge token of a rate limit, a send's result.
 * Texts are classified, never quoted: signal-cli's name the recipient.
 */
import { SendError } from '../types';

// signal-cli's words: "Failed to send message due to untrusted identities" (normal/native),
// "Unable to complete request due to untrusted recipient keys" (json-rpc). After 0.100 the normal
// mode passes on signal-cli's JSON result as well, whose `type` names each failure (IDENTITY_FAILURE, …).
const UNTRUSTED = /untrusted identit|untrusted recipient key|"IDENTITY_FAILURE"/i;
// The recipient's forms only: "Unregistered user \"…\"" (per recipient), "The user … is not registered." (signal-cli's send).
const UNREGISTERED = /unregistered user|the user \S+ is not registered|UnregisteredUserException|"UNREGISTERED_FAILURE"/i;
// The bot's own account: "User +… is not registered." (signal-cli), "Number not registered with JSON-RPC" (rest-api),
// "Specified account does not exist" (signal-cli in json-rpc mode, for an account it does not hold).
// Ours to fix, not the recipient's: never marks a member invalid.
const ACCOUNT_NOT_REGISTERED = /user (\+\d+ )?is not registered|not registered with json-rpc|specified account does not exist/i;
// signal-cli could not reach Signal's servers for this recipient (normal/native mode names it).
const NETWORK_FAILURE = /network[ _]failure/i;
// The recipient's keys changed under the send (they re-registered): "Invalid pre key for …" (normal/native),
// INVALID_PRE_KEY_FAILURE in the JSON result. signal-cli fetches their new keys: a later try goes.
const INVALID_PRE_KEY = /invalid[ _]pre[ _]?key/i;
// json-rpc mode passes on only the JSON-RPC error's message: a network failure and a recipient who left
// Signal both read just "Failed to send message". An outage is the likelier, and a retry cannot hurt.
const SEND_FAILED = /^\s*failed to send message\.?\s*$/i;
// signal-cli met an exception before any per-recipient result (SendCommand.java: "Failed to send message: <its text>
// (<SomeException>)", in both modes). Retried only when it names its connection to Signal (a time-out, DNS, TLS, a
// reset): any other (NotFoundException, AuthorizationFailedException, AttachmentInvalidException, a 4xx, a bug) would
// fail the same way for a day of tries, so it stays a refusal. Read only after the specific refusals above, which may be
// worded so too (UnregisteredUserException, a rate limit), and after a 5xx of Signal's ("Bad response: 503").
const SEND_EXCEPTION =
  /failed to send message: [^\n]{0,2000}\((?:[\w.]{0,100}\.)?(?:IOException|PushNetworkException|SocketTimeoutException|SocketException|UnknownHostException|ConnectException|NoRouteToHostException|TimeoutException|InterruptedIOException|EOFException|ProtocolException|StreamResetException|ConnectionShutdownException|WebSocketUnavailableException|SSLException|SSL\w{0,50}Exception)\)/i;
// Signal's server answered 5xx to signal-cli ("Bad response: 503"), or signal-cli-rest-api killed signal-cli at
// SIGNAL_CLI_CMD_TIMEOUT (cli.go): it may have sent, but a duplicate alert is better than a lost one.
const SIGNAL_SERVER_ERROR = /bad response: 5\d\d\b|process killed as timeout reached/i;
// A 429 only in the forms signal-cli writes it ("[429] …", "Bad response: 429"): a throttled send
// pauses the whole lane and uses up no tries, so a 429 inside anything else (a group id) must not read as one.
const RATE_LIMITED = /rate[ _]?limit|RateLimitException|\[429\]|(?:response|status(?: ?code)?)[: ]+429\b/i;
const PROOF_REQUIRED = /proof required|ProofRequiredException/i;
// json-rpc mode: signal-cli-rest-api lost its connection to the signal-cli daemon (restarting; upstream re-dials it)
// and passes on Go's error of the write or read as any send error, a 400. Nothing about the recipient.
const DAEMON_UNREACHABLE = /broken pipe|use of closed network connection|connection refused|connection reset by peer|i\/o timeout|^\s*(?:unexpected )?EOF\s*$/;

// What the held lane's log line tells the operator of each fault of the line's own (fixed words:
// never an address, never the answer's body, which may name the account or a recipient).
const PROXY_REFUSES = "a proxy in front of signal-cli-rest-api refuses the line's requests, its credentials or its rules (see `doctor`)";
const NO_SEND_ROUTE = 'SIGNAL_API_URL leads to no signal-cli-rest-api send route: a wrong URL or path, or a proxy without the route (see `doctor`)';
// Never followed (signal-sender.ts): a redirect could hand members' messages to another host.
const REDIRECTED =
  'SIGNAL_API_URL answers with a redirect, which Heads Up never follows: point it at signal-cli-rest-api itself, or make the proxy in front pass requests on (see `doctor`)';
const LINE_FAULTS: Record<string, string> = {
  '401': PROXY_REFUSES,
  '403': PROXY_REFUSES,
  '407': PROXY_REFUSES,
  '404': NO_SEND_ROUTE,
  '405': NO_SEND_ROUTE,
  account_not_registered: "the line's Signal account (SIGNAL_NUMBER) is not registered with signal-cli: register or link it again (see `doctor`)",
};

/** What a hold with `code` (a held row's `line:` error) tells the operator; undefined for a code not Signal's. */
export function signalLineFault(code: string): string | undefined {
  if (/^3\d\d$/.test(code)) return REDIRECTED;
  return Object.hasOwn(LINE_FAULTS, code) ? LINE_FAULTS[code] : undefined;
}

/** A refusal of the line's own setup, named for the operator. */
function lineFault(code: string): SendError {
  return new SendError('line', code, undefined, signalLineFault(code));
}

/** The codes of failures signal-cli words as one recipient's (a row keeps them as `server:<code>`): no sign it is down. */
export const SIGNAL_RECIPIENT_FAILURES: readonly string[] = ['network_failure', 'invalid_pre_key', 'send_exception', 'send_failed'];

/** A transient failure signal-cli words as one recipient's: retried, but no sign signal-cli is down (/readyz). */
function recipientFailure(code: string): SendError {
  return new SendError('server', code, undefined, undefined, true);
}

/** Maps an HTTP status and signal-cli-rest-api's `error` text to a SendError (the text itself is not kept). */
export function classifySignalError(status: number | undefined, errorText: string, sysCode?: string): SendError {
  if (status === undefined) return new SendError('connection', sysCode);
  // A redirect, whatever its page says (a proxy's, never signal-cli's words): every message would meet it alike.
  if (status >= 300 && status < 400) return lineFault(String(status));
  if (status === 429 || RATE_LIMITED.test(errorText) || PROOF_REQUIRED.test(errorText)) return new SendError('throttled', '429');
  // 408: a proxy gave up waiting for the request; transient by HTTP's own definition.
  if (status >= 500 || status === 408) return new SendError('server', String(status));
  // signal-cli-rest-api has no authentication: a proxy in front of it refuses the line's credentials, every message alike.
  // Nor does it answer 404 or 405 for a route it has: a wrong SIGNAL_API_URL path, or a proxy without the route.
  if (status === 401 || status === 403 || status === 407 || status === 404 || status === 405) return lineFault(String(status));
  // The recipient re-installed Signal or changed devices: their safety number must be trusted again.
  if (UNTRUSTED.test(errorText)) return new SendError('rejected', 'untrusted_identity');
  if (UNREGISTERED.test(errorText)) return new SendError('invalid', 'unregistered');
  // The line's own setup: the lane holds, tries kept, until the operator registers the account again.
  if (ACCOUNT_NOT_REGISTERED.test(errorText)) return lineFault('account_not_registered');
  if (NETWORK_FAILURE.test(errorText)) return recipientFailure('network_failure');
  if (INVALID_PRE_KEY.test(errorText)) return recipientFailure('invalid_pre_key');
  if (SIGNAL_SERVER_ERROR.test(errorText)) return new SendError('server', 'signal_server');
  // Before the daemon's errors: a Java exception's text ("Connection reset") is signal-cli's, not Go's.
  if (SEND_EXCEPTION.test(errorText)) return recipientFailure('send_exception');
  if (DAEMON_UNREACHABLE.test(errorText)) return new SendError('server', 'daemon_unreachable');
  // Retried with the bounded tries of an outage: failing every message of a short network loss for good would lose alerts.
  if (SEND_FAILED.test(errorText)) return recipientFailure('send_failed');
  return new SendError('rejected', String(status));
}

/**
 * The challenge token of a refusal: `challenge_tokens` of a json-rpc 429, or
 * in normal/native mode signal-cli's own text (`… with challenge token "…"`),
 * or after 0.100 its JSON result (`"token":"…"`).
 */
export function challengeToken(data: unknown): string | null {
  const tokens = (data as { challenge_tokens?: unknown } | null)?.challenge_tokens;
  const first = Array.isArray(tokens) ? tokens.find((t) => typeof t === 'string') : undefined;
  const token = typeof first === 'string' ? first : /challenge token "([^"\s]{1,200})"|"token":"([^"\s]{1,200})"/.exec(errorText(data))?.slice(1).find(Boolean);
  // Tokens are UUIDs in practice; anything else is not passed on.
  return token && /^[A-Za-z0-9._:-]{1,200}$/.test(token) ? token : null;
}

/** The text of an answer's body, to classify (never kept or logged). */
export function errorText(data: unknown): string {
  if (typeof data === 'string') return data.slice(0, 2000);
  if (data && typeof data === 'object') {
    const e = (data as { error?: unknown }).error;
    if (typeof e === 'string') return e;
    try {
      return JSON.stringify(data).slice(0, 2000);
    } catch /* Stryker disable next-line BlockStatement: unreachable from a send, a body parsed from JSON cannot be circular; from challengeToken, '' and undefined find no token alike (placed before the block: Stryker reads only a node's leading comments) */ {
      // Stryker disable next-line StringLiteral: unreachable (see above)
      return '';
    }
  }
  // Stryker disable next-line StringLiteral: a number or boolean body classifies the same with any text that names no known error
  return '';
}

/** readSendResult's error for a 2xx that is no send result at all. */
export const UNEXPECTED = 'unexpected response';

/**
 * The send result, in 0.100's form `{"timestamp":"…"}` or master's
 * `[{"timestamp":"…","errors":…}]`. Returns the timestamp, or the text of
 * per-recipient errors when the array form reports some.
 */
export function readSendResult(data: unknown): { timestamp: string } | { error: string } {
  const first = Array.isArray(data) ? data[0] : data;
  if (!first || typeof first !== 'object') return { error: UNEXPECTED };
  const { timestamp, errors } = first as { timestamp?: unknown; errors?: unknown };
  const hasErrors = Array.isArray(errors) ? errors.length > 0 : !!errors && typeof errors === 'object' && Object.keys(errors).length > 0;
  if (hasErrors) return { error: errorText({ error: JSON.stringify(errors) }) };
  if (typeof timestamp === 'string' && /^\d{1,20}$/.test(timestamp)) return { timestamp };
  if (typeof timestamp === 'number' && Number.isSafeInteger(timestamp)) return { timestamp: String(timestamp) };
  return { error: UNEXPECTED };
}

/** A request that got no answer (refused, timed out): classified by its system code alone. */
export function unanswered(err: unknown): SendError {
  const code = (err as { code?: unknown }).code;
  return classifySignalError(undefined, '', typeof code === 'string' ? code : undefined);
}
