/**
 * The fake Twilio's status callbacks, as Twilio posts them to a message's
 * StatusCallback: form-encoded MessageSid, MessageStatus, SmsSid, SmsStatus,
 * AccountSid, From, To, ApiVersion, and ErrorCode on failure, signed with
 * the auth token. queued, sent, then delivered, or undelivered/failed with
 * the code a test chose for that number (or nothing after sent, for a
 * number whose carrier has not reported, until reportLate). The URL signed
 * is the StatusCallback as given (the public URL); the request goes to the
 * target given (the server on loopback, as behind a proxy).
 */
import twilio from 'twilio';
import type { SentMessage } from './fake-twilio-resources';

/** Whether Twilio takes this StatusCallback: an http(s) URL whose host name has no underscore. */
export function callbackAccepted(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.hostname.includes('_');
  } catch {
    return false;
  }
}

/** A status callback the fake posted, and the HTTP status the server answered. */
export interface PostedCallback {
  sid: string;
  to: string;
  status: string;
  errorCode?: string;
  answer: number;
  /** Posted before the create it reports on was answered (it beat the send's outcome). */
  postedBeforeAnswer: boolean;
}

export interface StatusCallbackDeps {
  accountSid: string;
  authToken: string;
  /** Delay before the first callback, and between callbacks, in ms. */
  gapMs: number;
  /** Twilio's stored copy of each message (its status follows the callbacks). */
  messages: Map<string, SentMessage>;
  /** When each create was answered. */
  answeredAt: Map<string, number>;
}

export class StatusCallbacks {
  /** Every status callback posted, in order. */
  readonly posted: PostedCallback[] = [];
  private readonly failures = new Map<string, { status: 'undelivered' | 'failed'; code: number; times: number }>();
  private readonly unreported = new Set<string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: StatusCallbackDeps) {}

  /** The next `times` messages to `number` end undelivered (or failed) with `code`. */
  failDelivery(number: string, code: number, status: 'undelivered' | 'failed', times: number): void {
    this.failures.set(number, { status, code, times });
  }

  /** Later messages to `number` stop at "sent". */
  withholdFinalStatus(number: string): void {
    this.unreported.add(number);
  }

  /** Resolves once every status callback started so far has been answered. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Each message's callbacks still being posted, by sid. */
  private readonly runs = new Map<string, Promise<void>>();

  /** Settles once the callbacks scheduled for `sid` have been posted (at once when none are). */
  postedFor(sid: string): Promise<void> {
    return this.runs.get(sid) ?? Promise.resolve();
  }

  /** queued, sent, then the final status, each a few ms apart, in order; none without a target or a StatusCallback. */
  schedule(target: string | null, msg: SentMessage): void {
    if (!target || !msg.statusCallback) return;
    const failure = this.failures.get(msg.to);
    if (failure && --failure.times <= 0) this.failures.delete(msg.to);
    const steps: Array<{ status: string; errorCode?: string }> = [
      { status: 'queued' },
      { status: 'sent' },
      failure ? { status: failure.status, errorCode: String(failure.code) } : { status: 'delivered' },
    ].slice(0, this.unreported.has(msg.to) ? 2 : 3);
    const run = (async () => {
      for (const step of steps) {
        await new Promise((r) => setTimeout(r, this.deps.gapMs));
        const stored = this.deps.messages.get(msg.sid);
        if (stored) {
          stored.status = step.status;
          if (step.errorCode !== undefined) stored.errorCode = Number(step.errorCode);
        }
        await this.post(target, msg, step.status, step.errorCode);
      }
    })();
    this.pending.add(run);
    this.runs.set(msg.sid, run);
    void run.finally(() => {
      this.pending.delete(run);
      this.runs.delete(msg.sid);
    });
  }

  /** Posts one callback, signed, and records the server's answer. */
  async post(target: string, msg: SentMessage, status: string, errorCode?: string): Promise<void> {
    const signedUrl = msg.statusCallback as string;
    const fields: Record<string, string> = {
      ApiVersion: '2010-04-01',
      AccountSid: this.deps.accountSid,
      MessageSid: msg.sid,
      SmsSid: msg.sid,
      MessageStatus: status,
      SmsStatus: status,
      To: msg.to,
      ...(msg.from ? { From: msg.from } : {}),
      ...(msg.messagingServiceSid ? { MessagingServiceSid: msg.messagingServiceSid } : {}),
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    };
    const u = new URL(signedUrl);
    const postedBeforeAnswer = !this.deps.answeredAt.has(msg.sid);
    let answer = 0;
    try {
      const res = await fetch(`${target}${u.pathname}${u.search}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(this.deps.authToken, signedUrl, fields),
        },
        body: new URLSearchParams(fields).toString(),
      });
      answer = res.status;
      await res.arrayBuffer();
    } catch {
      answer = -1; // the server is gone (a crash test): Twilio would retry later; the fake gives up
    }
    this.posted.push({ sid: msg.sid, to: msg.to, status, errorCode, answer, postedBeforeAnswer });
  }
}
