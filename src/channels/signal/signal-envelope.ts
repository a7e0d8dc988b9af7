/**
 * Signal inbound: turns one item received from signal-cli-rest-api (a frame
 * of its json-rpc websocket, or an element of the array GET /v1/receive
 * answers in normal/native mode) into a message for the bot. Pure, and
 * total: hostile or unexpected input yields null, never an exception.
 *
 * Only a direct message is a message: text, or a photo, voice note, file or
 * sticker (flagged as media, its text empty); a long text is read from its
 * start (the body), its whole beside it being no file. Receipts, typing indicators, sync
 * messages (our own other devices), stories, calls, reactions, remote
 * deletes and group messages are ignored. An edit is marked as one and its
 * text is not read: acting on an edited command would run it twice (a
 * second REPORT); the bot tells her to send it again. A message signal-cli
 * could not decrypt (its sender's safety number changed) is no message
 * either; untrustedSender names who sent it.
 */
import { providerNumber } from '../../phone/numbers';
import { isSignalUuid, type Sender } from '../../phone/identity';

/** A parsed inbound Signal message. */
export interface SignalInbound {
  sender: Sender;
  text: string;
  /** Source UUID and envelope timestamp: a message redelivered after a reconnect is acted on once. */
  providerId: string;
  /** It carried an attachment or a sticker (never read: only the text is). */
  media: boolean;
  /** The envelope's timestamp: when the sender's phone sent it (ms since the epoch, by its clock, which may be wrong). */
  sentAt: number;
  /** When Signal's server received it (serverReceivedTimestamp, by Signal's clock); null when the envelope lacks it. */
  serverReceivedAt: number | null;
  /** An edit of an earlier message (editMessage): its text is left empty, never read. Set only when true. */
  edited?: true;
}

/** Signal's type for the whole of a text longer than 2,000 bytes, sent beside its start. */
const LONG_TEXT = 'text/x-signal-plain';

/** Longest text handed to the bot; Signal allows long messages, reports keep 1,600 characters anyway. */
export const MAX_SIGNAL_TEXT = 4000;

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

/** The envelope of a received item: `{envelope, account}`, or a raw JSON-RPC `receive` notification. */
function envelopeOf(item: unknown): Obj | null {
  const o = obj(item);
  if (!o) return null;
  if (obj(o.envelope)) return o.envelope as Obj;
  const params = obj(o.params);
  return params && o.method === 'receive' ? obj(params.envelope) : null;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Parses one received item; null when it is not a direct text message we act on. */
export function parseSignalItem(item: unknown): SignalInbound | null {
  try {
    const env = envelopeOf(item);
    if (!env) return null;
    const uuid = typeof env.sourceUuid === 'string' ? env.sourceUuid.toLowerCase() : '';
    if (!isSignalUuid(uuid)) return null;
    if (present(env.syncMessage) || present(env.storyMessage)) return null;
    // An edit carries its new version as a dataMessage of its own (receive.EditMessage); only its shape is read.
    const edited = present(env.editMessage);
    const data = edited ? obj(obj(env.editMessage)?.dataMessage) : obj(env.dataMessage);
    if (!data) return null; // receipt, typing, call, or nothing
    if (present(data.groupInfo) || present(data.groupV2)) return null;
    if (present(data.reaction) || present(data.remoteDelete) || present(data.storyContext)) return null;
    const text = edited ? '' : typeof data.message === 'string' ? data.message : '';
    // A long text's whole (its start is the body) is no file; a shared contact card (a client's, perhaps) is something the line does not read, as a photo is.
    const files = Array.isArray(data.attachments) ? data.attachments.filter((a) => obj(a)?.contentType !== LONG_TEXT) : [];
    const media = !edited && (files.length > 0 || present(data.sticker) || (Array.isArray(data.contacts) && data.contacts.length > 0));
    // Nothing to read and nothing sent (a disappearing-timer change, a profile key update): not a message.
    if (text.trim() === '' && !media && !edited) return null;
    const timestamp = Number.isSafeInteger(env.timestamp) ? (env.timestamp as number) : Number.isSafeInteger(data.timestamp) ? (data.timestamp as number) : null;
    if (timestamp === null || timestamp <= 0) return null;
    const phone = typeof env.sourceNumber === 'string' ? providerNumber(env.sourceNumber) : null;
    const sender: Sender = phone ? { channel: 'signal', address: uuid, phone } : { channel: 'signal', address: uuid };
    const received = Number.isSafeInteger(env.serverReceivedTimestamp) && (env.serverReceivedTimestamp as number) > 0 ? (env.serverReceivedTimestamp as number) : null;
    // The edit's own timestamp, not its target's: a redelivered edit is answered once, and each edit is answered.
    const parsed: SignalInbound = { sender, text: text.slice(0, MAX_SIGNAL_TEXT), providerId: `${uuid}:${timestamp}`, media, sentAt: timestamp, serverReceivedAt: received };
    return edited ? { ...parsed, edited: true } : parsed;
  } catch {
    // A getter or a proxy in hostile input: nothing to act on.
    return null;
  }
}

/** What signal-cli reports beside an envelope it could not read (`exception`: receive.Error {message, type}). */
function exceptionOf(item: unknown): Obj | null {
  const o = obj(item);
  if (!o) return null;
  const params = obj(o.params);
  return obj(o.exception) ?? (params && o.method === 'receive' ? obj(params.exception) : null);
}

/**
 * The type of the failure signal-cli reports for a received item (a Java
 * class name such as "UntrustedIdentityException"), if it reports one. Only
 * the type: its message names the sender.
 */
export function receiveException(item: unknown): string | null {
  try {
    const e = exceptionOf(item);
    if (!e) return null;
    return typeof e.type === 'string' && /^[\w.$]{1,100}$/.test(e.type) ? e.type : 'unknown';
  } catch {
    return null;
  }
}

/**
 * The UUID of the sender of a message signal-cli could not decrypt because
 * their safety number changed and the new key is not trusted (its default
 * trust mode, on-first-use): it keeps the message and hands it over once the
 * key is trusted. Null for anything else.
 */
export function untrustedSender(item: unknown): string | null {
  try {
    if (receiveException(item) !== 'UntrustedIdentityException') return null;
    const uuid = envelopeOf(item)?.sourceUuid;
    return typeof uuid === 'string' && isSignalUuid(uuid.toLowerCase()) ? uuid.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The text of an error frame signal-cli-rest-api writes on the websocket (`{"error": "…"}`), if this is one. */
export function errorFrame(item: unknown): string | null {
  const o = obj(item);
  return o && !present(o.envelope) && typeof o.error === 'string' ? o.error : null;
}
