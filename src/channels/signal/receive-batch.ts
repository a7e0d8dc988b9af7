/**
 * Reads a poll's answer (GET /v1/receive in normal/native mode). Upstream
 * builds it by joining every line signal-cli printed, stdout and stderr
 * alike, with ',' inside '[…]' (client.go Receive): a Java stack trace after
 * the messages (upstream issue #680) makes the whole not JSON though each
 * message in it is whole. signal-cli has already taken those messages off
 * Signal's server, so they are read one by one and only the lines that are
 * not a JSON object are dropped.
 */

/** A poll's items, and how many unreadable stretches were dropped from among them. */
export interface ReceiveBatch {
  items: unknown[];
  dropped: number;
}

/**
 * The largest envelope a sender can make signal-cli hand over: Signal's
 * server carries up to 256 KiB of content, and a text of control characters
 * is written as \u0001 escapes, six bytes each. A hostile sender's message
 * must not exceed a bound and take other members' messages with it.
 */
export const MAX_ENVELOPE_BYTES = 2 * 1024 * 1024;
/** Most messages taken per poll (a full batch is followed by the next poll at once); the rest stay queued at signal-cli. */
export const MAX_BATCH = 20;

/**
 * Whether more may wait at signal-cli. An envelope it could not print (#680)
 * left a stack trace in its place, which counted toward max_messages: a
 * dropped stretch fills the batch as an item does.
 */
export function batchFull(batch: ReceiveBatch): boolean {
  return batch.items.length + batch.dropped >= MAX_BATCH;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * The index of the bracket closing the one that opens at `start` (an object's
 * '}', or a ']' that does not match: no object then, which the parse that
 * follows rejects), or -1 when it does not close before `end` or within
 * `maxChars`. Aware of strings: signal-cli's JSON escapes every quote inside one.
 */
function objectEnd(text: string, start: number, end: number, maxChars: number): number {
  let depth = 0;
  let inString = false;
  const stop = Math.min(end, start + maxChars);
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** A text from '{' to its closing bracket: an object when it parses, null when not. */
function parsedObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The items of a poll's answer: its JSON array (an empty body is none), or,
 * when the whole is not JSON but is an array, each element that is a JSON
 * object. Null when it is no array at all (a proxy's HTML page).
 * `maxItemChars` bounds one element; all the scanning together is bounded
 * to a few times the body's length, whatever the unreadable text holds.
 */
export function parseBatch(body: string, maxItemChars: number): ReceiveBatch | null {
  try {
    const items: unknown = JSON.parse(body || '[]');
    return { items: Array.isArray(items) ? items : [items], dropped: 0 };
  } catch {
    // Read element by element below.
  }
  const text = body.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) return null;
  const end = text.length - 1;
  const items: unknown[] = [];
  let dropped = 0;
  // Failed scans may cover the same text again: bounded, so a hostile stretch cannot take quadratic time.
  let budget = 2 * text.length + maxItemChars;
  let pos = 1;
  while (pos < end) {
    if (text.charCodeAt(pos) === OPEN_OBJECT) {
      const close = objectEnd(text, pos, end, Math.min(maxItemChars, budget));
      budget -= close === -1 ? Math.min(maxItemChars, end - pos) : close + 1 - pos;
      // Whole only where upstream's ',' or the closing ']' follows it.
      const item = close !== -1 && (close + 1 === end || text[close + 1] === ',') ? parsedObject(text.slice(pos, close + 1)) : null;
      if (item !== null) {
        items.push(item);
        pos = close + 2;
        continue;
      }
    }
    // Not a whole object (a stack trace's line, a cut message): skipped to the next element that opens one.
    dropped++;
    const next = text.indexOf(',{', pos + 1);
    // `next` is before `end`: the body ends with ']', not with ',{'.
    if (next === -1 || budget <= 0) break;
    pos = next + 1;
  }
  return { items, dropped };
}
