/**
 * POST /v2/send of the fake signal-cli-rest-api {number, message, recipients[],
 * text_mode?} → 201 {"timestamp":"<ms>"} (or master's [{"timestamp"}]), after
 * upstream's checks (400 {"error"}), then Signal's own refusals: a pending
 * challenge, a contact whose key changed, then the test's answer. In json-rpc
 * mode one signal-cli daemon answers sends as they come; in normal/native mode
 * upstream runs one signal-cli process per request, and the processes of one
 * account take turns on its lock (fake-signal-lock.ts, with receives and
 * identity lists): sends are served one at a time (`sendMs` each), and one
 * whose client gave up is still sent.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { nextTimestamp } from './fake-signal-envelopes';
import { challengeAnswer, INVALID_REQUEST, noSuchAccount, untrustedAnswer, writeJson, type FakeSignalMode, type SignalAnswer } from './fake-signal-errors';
import type { SignalIdentities } from './fake-signal-identities';
import type { AccountLock } from './fake-signal-lock';

export interface SignalSent {
  recipient: string;
  message: string;
  timestamp: string;
}

/** A test's answer to one send (attempt counts this recipient's sends, from 1). */
export type SendDecision = (msg: { recipient: string; message: string }, attempt: number) => SignalAnswer;

/** What sending reads and counts: the FakeSignal's own fields, as tests read and set them. */
export interface SendState {
  readonly mode: FakeSignalMode;
  readonly account: string;
  readonly sent: SignalSent[];
  sendRequests: number;
  sendMs: number;
  mostSendsAtOnce: number;
  challengeToken: string | null;
  answer: SendDecision | undefined;
}

export interface SendSettings {
  /** '0.100' answers {"timestamp"}, 'master' answers [{"timestamp"}]. */
  sendResponse?: '0.100' | 'master';
  /** signal-cli-rest-api's DEFAULT_SIGNAL_TEXT_MODE: the text_mode of a send that names none. */
  defaultTextMode?: 'normal' | 'styled';
}

export class SignalSends {
  private sendsOpen = 0;
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly state: SendState,
    private readonly identities: SignalIdentities,
    private readonly settings: SendSettings,
    private readonly lock: AccountLock,
  ) {}

  /** Serves one POST /v2/send in its turn: at once in json-rpc mode, one at a time after sendMs otherwise (fake-signal-lock.ts). */
  inTurn(res: http.ServerResponse, raw: string): void {
    this.sendsOpen++;
    this.state.mostSendsAtOnce = Math.max(this.state.mostSendsAtOnce, this.sendsOpen);
    const serve = () => {
      this.sendsOpen--;
      this.send(res, raw);
    };
    this.lock.take(res, serve, () => this.state.sendMs);
  }

  private send(res: http.ServerResponse, raw: string): void {
    const state = this.state;
    state.sendRequests++;
    let req: { number?: unknown; message?: unknown; recipients?: unknown; text_mode?: unknown };
    try {
      req = JSON.parse(raw);
    } catch {
      return writeJson(res, 400, { error: INVALID_REQUEST });
    }
    if (!Array.isArray(req.recipients) || req.recipients.length === 0) {
      return writeJson(res, 400, { error: "Couldn't process request - please provide at least one recipient" });
    }
    if (typeof req.number !== 'string' || req.number === '') {
      return writeJson(res, 400, { error: "Couldn't process request - please provide a valid number" });
    }
    if (req.number !== state.account) return writeJson(res, 400, { error: noSuchAccount(state.mode) });
    const recipient = String(req.recipients[0]);
    const written = typeof req.message === 'string' ? req.message : '';
    // Styled text loses its markers (*italic*, **bold**, ~strike~, ||spoiler||, `mono`): `message` is what the recipient reads.
    // An empty text_mode is Go's zero value, the same as none: the default applies.
    const styled = (req.text_mode || this.settings.defaultTextMode || 'normal') === 'styled';
    const message = styled ? written.replace(/\*\*|[*~`]|\|\|/g, '') : written;
    const attempt = (this.attempts.get(recipient) ?? 0) + 1;
    this.attempts.set(recipient, attempt);
    // Signal's own refusals come first: a pending challenge, then a changed key.
    const known = this.identities.find(recipient);
    const answer: SignalAnswer = state.challengeToken
      ? challengeAnswer(state.mode, state.account, recipient, state.challengeToken)
      : known?.status === 'UNTRUSTED'
        ? untrustedAnswer(state.mode, recipient)
        : (state.answer?.({ recipient, message }, attempt) ?? 'accept');
    // A first send fetches the contact's key: trusted on first use.
    if (!known && answer === 'accept') {
      if (/^[0-9a-f-]{36}$/i.test(recipient)) this.identities.know(recipient.toLowerCase(), '');
      else this.identities.know(randomUUID(), recipient);
    }
    if (answer !== 'accept') return writeJson(res, answer.status, answer.body);
    const timestamp = String(nextTimestamp());
    state.sent.push({ recipient, message, timestamp });
    writeJson(res, 201, this.settings.sendResponse === 'master' ? [{ timestamp }] : { timestamp });
  }
}
