/**
 * The one shape every channel's traffic takes once its adapter has read it
 * (a Twilio webhook, a Signal envelope), and what handling it decided.
 */
import type { Parsed } from '../bot/commands';
import type { Sender } from '../phone/identity';

/** A received message, as a channel adapter hands it over. */
export interface Inbound {
  sender: Sender;
  text: string;
  /** The provider's id for this message (Twilio MessageSid, Signal source and timestamp), for de-duplication. */
  providerId?: string;
  /**
   * The carrier has answered this message itself (Twilio's STOP, START,
   * HELP): act on it, answer nothing. Set by the adapter, which alone knows
   * what its provider answers.
   */
  answered?: boolean;
  /**
   * The message carried a photo, a voice note or a file. Heads Up reads only
   * text: one that is nothing else is told so, rather than read as empty.
   */
  media?: boolean;
  /**
   * An edit of an earlier message (Signal's edit): its text is empty, never
   * read. Acting on it would run a command again; she is told to send it anew.
   */
  edited?: boolean;
  /**
   * Set by the inbound path when it parks a message from a listed moderator
   * who was not trusted as it arrived (over Signal: their identity changed,
   * or could not be checked): its retry counts as a member's whatever the
   * record says by then, after a restart too.
   */
  moderatorUntrusted?: boolean;
  /**
   * When the provider's server received it (Signal's serverReceivedTimestamp),
   * for a message that may have waited there; never trusted as is (heard-at.ts).
   * None for SMS.
   */
  serverReceivedAt?: number | null;
}

/**
 * How a reply leaves: in the provider's own response (TwiML for a Twilio
 * webhook), or through the outbox's urgent lane (Signal, which has no
 * response to carry one, and any message handled after its provider stopped
 * waiting).
 */
export type ReplyWay = 'response' | 'outbox';

/** What handling a message decided. */
export interface Handled {
  /** What to answer in the response; always null for the outbox way (the reply is queued). */
  reply: string | null;
  parsed: Parsed;
  /** This provider id was handled before: the reply is the one given then, and nothing was done. */
  duplicate: boolean;
  /** Why nothing was done, when the message was dropped. */
  dropped?: 'blocked' | 'rate_limited';
  /** Handling failed; the message is kept sealed and tried again later. */
  parked?: boolean;
}
