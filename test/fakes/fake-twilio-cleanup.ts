/**
 * Cleanup of Twilio's copy of a message, as the contract's
 * Messages/{Sid}.json describes: POST with Body="" redacts it (200, the
 * message resource with body ""), DELETE removes it (204, no body); an
 * unknown sid is 404 with code 20404. A message still in progress (not yet
 * at a final status) cannot be changed: 400 with code 20009; nor can an
 * inbound message be deleted in its first minute (Twilio's documentation of
 * 20009: "wait at least 1 minute to make your DELETE request").
 */
import { twilioError, type Answer, type FakeAnswer } from './fake-twilio-errors';
import { messageResource, type SentMessage } from './fake-twilio-resources';

/** One redaction or deletion request, and the HTTP status the fake answered. */
export interface CleanupCall {
  op: 'redact' | 'delete';
  sid: string;
  answer: number;
}

const FINAL_STATUSES = new Set(['delivered', 'undelivered', 'failed', 'read', 'canceled', 'received']);
/** How long after it arrived an inbound message is still being completed at Twilio. */
export const INBOUND_COMPLETE_MS = 60_000;

/** Decides the answer to a redaction or deletion of a known message. */
export type CleanupDecision = (op: CleanupCall['op'], sid: string, attempt: number) => FakeAnswer;

export class MessageCleanups {
  /** Every redaction and deletion request, in order. */
  readonly calls: CleanupCall[] = [];
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly accountSid: string,
    /** Twilio's stored copy of each message, by sid. */
    private readonly messages: Map<string, SentMessage>,
    private readonly decide: CleanupDecision | undefined,
  ) {}

  /** Messages/{Sid}.json: POST Body="" redacts (200 with the resource), DELETE removes (204). */
  answer(op: CleanupCall['op'], messageSid: string, raw: string): Answer {
    const answer = ((): Answer => {
      const msg = this.messages.get(messageSid);
      if (!msg) return twilioError(404, 20404, 'The requested resource was not found');
      const form = new URLSearchParams(raw);
      if (op === 'redact' && form.get('Body') !== '') return twilioError(400, 21619, 'A text message body or media url must be specified.');
      if (!FINAL_STATUSES.has(msg.status ?? 'queued')) return twilioError(400, 20009, 'Cannot delete or redact a message that is in progress.');
      if (op === 'delete' && msg.receivedAt !== undefined && Date.now() - msg.receivedAt < INBOUND_COMPLETE_MS) {
        return twilioError(400, 20009, 'Cannot delete this resource before it is complete');
      }
      const attempt = (this.attempts.get(messageSid) ?? 0) + 1;
      this.attempts.set(messageSid, attempt);
      const decided = this.decide?.(op, messageSid, attempt) ?? 'accept';
      if (decided !== 'accept') return twilioError(decided.status, decided.code, decided.message, decided.retryAfter);
      if (op === 'delete') {
        this.messages.delete(messageSid);
        return { status: 204, body: null };
      }
      msg.body = '';
      return { status: 200, body: messageResource(this.accountSid, msg, true) };
    })();
    this.calls.push({ op, sid: messageSid, answer: answer.status });
    return answer;
  }

  /** The successful cleanups of one kind, by sid. */
  done(op: CleanupCall['op']): string[] {
    return this.calls.filter((c) => c.op === op && (c.answer === 200 || c.answer === 204)).map((c) => c.sid);
  }
}
