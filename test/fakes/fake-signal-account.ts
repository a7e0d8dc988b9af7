/**
 * The fake signal-cli-rest-api's account endpoints besides sending and
 * receiving, each with upstream's checks in upstream's order (api.go), then
 * signal-cli's verdict:
 * - POST /v1/accounts/{number}/rate-limit-challenge {challenge_token, captcha}
 *   → 204, or 400 {"error"} (a wrong token or captcha last);
 * - GET /v1/identities/{number} → 200 [IdentityEntry] and
 *   PUT /v1/identities/{number}/trust/{numberToTrust} {trust_all_known_keys |
 *   verified_safety_number} → 204, or 400 {"error"};
 * - PUT /v1/contacts/{number} {recipient, name?, expiration_in_seconds?}
 *   (api.UpdateContactRequest) → 204, or 400 {"error"}: the contact's
 *   disappearing-messages timer (and name) as signal-cli's updateContact sets them;
 * - DELETE /v1/remote-delete/{number} {recipient, timestamp} → 201
 *   {"timestamp":"<ms>"} (the deletion message's own), or 400 {"error"}
 *   (signal-cli sends the deletion whatever the timestamp, so tests compare
 *   `remoteDeletes` with `sent`).
 * Tests may choose other answers (the *Answer fields), 'hang' for a stuck signal-cli.
 */
import type http from 'node:http';
import { nextTimestamp } from './fake-signal-envelopes';
import { INVALID_REQUEST, noSuchAccount, writeJson, writeNoContent, type FakeSignalMode, type SignalAnswer } from './fake-signal-errors';
import type { SignalIdentities } from './fake-signal-identities';

/** What these endpoints read and record: the FakeSignal's own fields, as tests read and set them. */
export interface AccountState {
  readonly mode: FakeSignalMode;
  readonly account: string;
  challenges: Array<{ challenge_token?: string; captcha?: string }>;
  challengeToken: string | null;
  identityLists: number;
  identityListAnswer: (() => SignalAnswer | 'hang' | 'stall') | undefined;
  trusts: Array<{ recipient: string; how: 'all_known_keys' | 'verified' }>;
  trustAnswer: (() => SignalAnswer | 'reset') | undefined;
  contactUpdates: Array<{ recipient: string; name?: string; expiration_in_seconds?: number }>;
  contactAnswer: (() => SignalAnswer) | undefined;
  contactRequests: number;
  readonly expirations: Map<string, number>;
  remoteDeletes: Array<{ recipient: string; timestamp: string }>;
  remoteDeleteRequests: number;
  remoteDeleteAnswer: (() => SignalAnswer | 'hang') | undefined;
}

/** A JSON object body, or null for anything gin's binding refuses. */
function objectOf(raw: string): Record<string, unknown> | null {
  try {
    const body: unknown = JSON.parse(raw);
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Upstream's checks (api.go RemoteDelete); signal-cli then sends the deletion. */
export function remoteDelete(state: AccountState, res: http.ServerResponse, number: string, raw: string): void {
  const body = objectOf(raw);
  if (!body) return writeJson(res, 400, { error: INVALID_REQUEST });
  if (number !== state.account) return writeJson(res, 400, { error: noSuchAccount(state.mode) });
  if (typeof body.recipient !== 'string' || body.recipient === '') return writeJson(res, 400, { error: "Couldn't process request - please provide a recipient" });
  if (typeof body.timestamp !== 'number' || !Number.isSafeInteger(body.timestamp)) return writeJson(res, 400, { error: INVALID_REQUEST });
  state.remoteDeleteRequests++;
  const answer = state.remoteDeleteAnswer?.() ?? 'accept';
  if (answer === 'hang') return; // answered never; stop() closes the connection
  if (answer !== 'accept') return writeJson(res, answer.status, answer.body);
  state.remoteDeletes.push({ recipient: body.recipient, timestamp: String(body.timestamp) });
  writeJson(res, 201, { timestamp: String(nextTimestamp()) });
}

/** Upstream's checks in order (api.go SubmitRateLimitChallenge), then signal-cli's verdict. */
export function submitChallenge(state: AccountState, res: http.ServerResponse, raw: string): void {
  const body = objectOf(raw);
  if (!body) return writeJson(res, 400, { error: INVALID_REQUEST });
  state.challenges.push(body as { challenge_token?: string; captcha?: string });
  if (typeof body.challenge_token !== 'string' || body.challenge_token === '') return writeJson(res, 400, { error: "Couldn't process request - challenge token missing" });
  if (typeof body.captcha !== 'string' || body.captcha === '') return writeJson(res, 400, { error: "Couldn't process request - captcha missing" });
  if (state.challengeToken !== null && body.challenge_token !== state.challengeToken) return writeJson(res, 400, { error: 'Failed to submit challenge: [428] invalid challenge token' });
  if (!/^signalcaptcha:\/\/\S+$/.test(body.captcha)) return writeJson(res, 400, { error: 'Failed to submit challenge: invalid captcha' });
  state.challengeToken = null;
  writeNoContent(res);
}

/** Upstream's checks in order (api.go UpdateContact: a JSON body, a recipient), then signal-cli's updateContact. */
export function updateContact(state: AccountState, res: http.ServerResponse, number: string, raw: string): void {
  const body = objectOf(raw);
  if (!body) return writeJson(res, 400, { error: INVALID_REQUEST });
  // Go's binding refuses a field of the wrong type.
  if (body.expiration_in_seconds !== undefined && !Number.isInteger(body.expiration_in_seconds)) return writeJson(res, 400, { error: INVALID_REQUEST });
  if (body.name !== undefined && typeof body.name !== 'string') return writeJson(res, 400, { error: INVALID_REQUEST });
  if (typeof body.recipient !== 'string' || body.recipient === '') return writeJson(res, 400, { error: "Couldn't process request - recipient missing" });
  if (number !== state.account) return writeJson(res, 400, { error: noSuchAccount(state.mode) });
  state.contactRequests++;
  const answer = state.contactAnswer?.() ?? 'accept';
  if (answer !== 'accept') return writeJson(res, answer.status, answer.body);
  const update = { recipient: body.recipient, name: body.name as string | undefined, expiration_in_seconds: body.expiration_in_seconds as number | undefined };
  state.contactUpdates.push(update);
  if (update.expiration_in_seconds !== undefined) state.expirations.set(update.recipient, update.expiration_in_seconds);
  writeNoContent(res);
}

/** GET /v1/identities/{number}: the identities signal-cli holds. */
export function listIdentities(state: AccountState, identities: SignalIdentities, res: http.ServerResponse, number: string): void {
  state.identityLists++;
  // signal-cli fails for an account it does not hold; upstream answers 500 with its text.
  if (number !== state.account) return writeJson(res, 500, { error: noSuchAccount(state.mode) });
  const answer = state.identityListAnswer?.() ?? 'accept';
  if (answer === 'hang') return; // answered never; stop() closes the connection
  if (answer === 'stall') {
    // Its list begun, never ended (signal-cli stuck part way): stop() closes the connection.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    return;
  }
  if (answer !== 'accept') return writeJson(res, answer.status, answer.body);
  writeJson(res, 200, identities.list);
}

/**
 * Upstream's checks in order (api.go TrustIdentity), then signal-cli's trust
 * command. Returns the messages signal-cli kept from that contact (now to be
 * received: it retries them once their sender's key is trusted).
 */
export function trust(state: AccountState, identities: SignalIdentities, res: http.ServerResponse, number: string, contact: string, raw: string): unknown[] {
  const refuse = (status: number, body: unknown): unknown[] => {
    writeJson(res, status, body);
    return [];
  };
  const answer = state.trustAnswer?.() ?? 'accept';
  if (answer === 'reset') {
    res.socket?.destroy();
    return [];
  }
  if (answer !== 'accept') return refuse(answer.status, answer.body);
  const body = objectOf(raw);
  if (!body) return refuse(400, { error: INVALID_REQUEST });
  const all = body.trust_all_known_keys;
  const sn = body.verified_safety_number;
  if ((sn === undefined && all === undefined) || (sn === undefined && all !== true)) {
    return refuse(400, { error: "Couldn't process request - please either provide a safety number (preferred & more secure) or set 'trust_all_known_keys' to true" });
  }
  if (sn !== undefined && all === true) {
    return refuse(400, { error: "Couldn't process request - please either provide a safety number or set 'trust_all_known_keys' to true. But do not set both parameters at once!" });
  }
  if (sn !== undefined && (typeof sn !== 'string' || sn === '')) return refuse(400, { error: "Couldn't process request - please provide a valid safety number" });
  if (number !== state.account) return refuse(400, { error: noSuchAccount(state.mode) });
  const entry = identities.find(contact);
  if (!entry) return refuse(400, { error: `Failed to set the trust for this number: unknown recipient` });
  if (typeof sn === 'string') {
    if (sn.replace(/\s/g, '') !== entry.safety_number) {
      return refuse(400, { error: 'Failed to set the trust for this number, make sure the number and the safety number are correct.' });
    }
    entry.status = 'TRUSTED_VERIFIED';
    state.trusts.push({ recipient: contact, how: 'verified' });
  } else {
    entry.status = 'TRUSTED_UNVERIFIED';
    state.trusts.push({ recipient: contact, how: 'all_known_keys' });
  }
  writeNoContent(res);
  return identities.release(entry.uuid);
}
