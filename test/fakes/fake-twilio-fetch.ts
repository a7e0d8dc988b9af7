/**
 * GET Messages/{Sid}.json in the fake Twilio: the message as Twilio has it
 * now (fake-twilio-resources.ts, fetchedMessage), 404 with code 20404 for an
 * unknown sid. Every fetch's sid is recorded in `fetched`. A test can make
 * Twilio settle a message whose callback is lost (settleUnreported), answer
 * every fetch with an error (`failWith`: an outage, a 429), or leave fetches
 * unanswered (`hold`: a Twilio that never answers) until release().
 */
import type http from 'node:http';
import { twilioError, type Answer } from './fake-twilio-errors';
import { fetchedMessage, type SentMessage } from './fake-twilio-resources';

export class MessageFetches {
  /** The sid of every fetch, in order. */
  readonly fetched: string[] = [];
  /** Set: every fetch is answered with this Twilio error. */
  failWith: { status: number; code: number; message: string } | null = null;
  /** While true, fetches wait unanswered until release(). */
  hold = false;
  private readonly held: Array<{ answer: () => void; open: boolean }> = [];

  constructor(
    private readonly accountSid: string,
    private readonly messages: Map<string, SentMessage>,
  ) {}

  /** The answer to a fetch of `sid`: now, or once released while `hold` is set. */
  answer(res: http.ServerResponse, sid: string): Answer | Promise<Answer> {
    this.fetched.push(sid);
    const now = (): Answer => (this.failWith ? twilioError(this.failWith.status, this.failWith.code, this.failWith.message) : fetchedMessage(this.accountSid, this.messages, sid));
    if (!this.hold) return now();
    return new Promise((resolve) => {
      const entry = { answer: () => resolve(now()), open: true };
      // Closed before an answer: the caller gave up (its time-out).
      res.once('close', () => (entry.open = false));
      this.held.push(entry);
    });
  }

  /** Fetches held whose caller still waits for the answer (its connection open). */
  waiting(): number {
    return this.held.filter((h) => h.open).length;
  }

  /** Stops holding, and answers every held fetch now, with the message as it is now. */
  release(): void {
    this.hold = false;
    for (const h of this.held.splice(0)) h.answer();
  }

  /**
   * Message `sid` reaches its final status at Twilio, but its status callback
   * never arrives (lost on the way): only a fetch of the message tells it.
   */
  settleUnreported(sid: string, status: 'undelivered' | 'failed' | 'delivered' | 'read', errorCode?: number): void {
    const stored = this.messages.get(sid);
    if (!stored) throw new Error('no such message');
    stored.status = status;
    if (errorCode !== undefined) stored.errorCode = errorCode;
  }
}
