/**
 * What the core knows of channels: a sender that sends one text to one
 * address and, on failure, throws a SendError saying whether a retry can
 * help. Adapters translate provider traffic to and from these; the core
 * never imports a provider.
 */
import type { Channel } from '../domain/channel';

/**
 * The closed set of send failures.
 * - connection, throttled, server: transient; retry with backoff.
 * - line: the provider refuses the line's own setup (its credentials, its sender): nothing is wrong with
 *   the recipient and every message would fail alike, so the channel holds its sending (the messages
 *   wait, their tries kept) until the operator fixes it.
 * - stopped: the recipient opted out at the provider; never retry, mark them stopped.
 * - invalid: the address cannot receive (not a number, not a mobile, not registered); mark it invalid.
 * - rejected: any other permanent refusal, with the provider's code.
 */
export type SendErrorKind = 'connection' | 'throttled' | 'server' | 'line' | 'stopped' | 'invalid' | 'rejected';

const RETRYABLE: ReadonlySet<SendErrorKind> = new Set(['connection', 'throttled', 'server', 'line']);

/** A classified send failure. Its message never contains the recipient or the text. */
export class SendError extends Error {
  constructor(
    readonly kind: SendErrorKind,
    /** The provider's own error code or HTTP status, for the record. */
    readonly code?: string,
    /** For throttling: how long the provider asked us to wait, if it said. */
    readonly retryAfterMs?: number,
    /** For `line`: what of the line's own setup the provider refused, in the operator's words (never an address). */
    readonly fault?: string,
    /** For `server`: the provider worded it as this recipient's failure (signal-cli's network failure for her): no sign the provider is down. */
    readonly recipientWorded = false,
    /**
     * For throttling with a named wait: the provider paused the line's whole account for it (Signal's rate
     * limit: the lane pauses), rather than asking this one request to wait (Twilio's 429, set false by its
     * adapter: only this message waits, and the Pacer slows the lane if throttling persists).
     */
    readonly pausesAccount = true,
  ) {
    super(code ? `${kind} (${code})` : kind);
    this.name = 'SendError';
  }

  /** Whether trying again later can succeed. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /**
   * Whether the failure says the provider (or the way to it) is down, nothing about this recipient: no
   * connection or no answer, or a server error. Not one the provider worded as one recipient's
   * (`recipientWorded`: signal-cli's network failure for her, its bare "Failed to send message"): one who
   * left Signal, retried for a day, would make a quiet line look down.
   */
  get providerDown(): boolean {
    return this.kind === 'connection' || (this.kind === 'server' && !this.recipientWorded);
  }

  /**
   * Whether the message surely never reached the provider: no connection was made (refused, no such
   * host, no route). A time-out or a reset may come after the provider took it.
   */
  get neverReached(): boolean {
    return this.kind === 'connection' && this.code !== undefined && NOT_CONNECTED.has(this.code);
  }
}

/** A send a stop refused before it was issued (ChannelSender.drain). */
export const SHUTTING_DOWN = 'ESHUTDOWN';

/** Errors of the connect phase: nothing was sent (a row's error keeps them as `connection:<code>`). */
export const NOT_CONNECTED: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', SHUTTING_DOWN]);

/** What a sender may carry along with a message. */
export interface SendOptions {
  /** The outbox row's id: a provider that reports delivery later echoes it back (Twilio: in the StatusCallback URL). */
  ref?: number;
  /** Which try of that row this is, echoed back with it. */
  attempt?: number;
}

/**
 * What a late delivery report says, as the core acts on it:
 * - delivered;
 * - unreachable: not delivered for now (the handset off, the sender's queue full, a carrier's passing error);
 *   worth trying again while the message is fresh;
 * - invalid: the address can never receive (unknown number, landline); mark it invalid;
 * - stopped: the recipient opted out; mark them stopped;
 * - filtered: the carrier blocked the message; fails, counted apart so an operator sees it;
 * - setup: the line's own sender may not send (an unregistered US number): fails, counted apart,
 *   logged and named by doctor, since every message like it fails alike until the operator acts;
 * - limited: the line's own account is over the provider's limit for now (Twilio's daily cap): the message
 *   was not sent, so it is sent again later, logged for the operator, however many sends it has had;
 * - failed: any other failure.
 */
export type DeliveryKind = 'delivered' | 'unreachable' | 'invalid' | 'stopped' | 'filtered' | 'setup' | 'limited' | 'failed';

/** A classified delivery report: its kind and the provider's code, for the record. */
export interface DeliveryReport {
  kind: DeliveryKind;
  code?: string;
}

/**
 * What a provider's own check says (for /readyz): it answers; it does not
 * (no answer, a 5xx, or something else than the provider); or it answers
 * refusing the line's credentials.
 */
export type ProviderCheck = 'ready' | 'no_answer' | 'credentials_refused';

/** Sends messages over one channel. */
export interface ChannelSender {
  /** Which members this sender serves. */
  readonly channel: Channel;
  /** A name for logs and metrics: twilio, console, signal. */
  readonly name: string;
  /** Most sends it takes at once (its connections), when fewer than the outbox would keep in flight. */
  readonly maxInFlight?: number;
  /** Sends a text; resolves with the provider's message id or throws a SendError. */
  send(to: string, body: string, opts?: SendOptions): Promise<{ providerId: string }>;
  /** Whether the provider answers, and takes the line's credentials (for /readyz). */
  ready?(): Promise<ProviderCheck>;
  /**
   * A stop has begun: sends waiting here for their turn (not yet issued to the provider) are refused at
   * once as never reached, to be tried at the next start, rather than hold the stop past its time.
   */
  drain?(): void;
  /** Sending starts again after drain() (a lane started after a stop). */
  endDrain?(): void;
  close?(): Promise<void>;
}
