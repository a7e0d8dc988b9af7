/**
 * Reads a JSON array of objects as it streams in, one object at a time:
 * signal-cli's identities list grows by one entry for every Signal account
 * that ever wrote to the line (100,000 are 35 MB), so it is never held whole
 * nor parsed in one go on the event loop, and objects the caller cannot want
 * are skipped unparsed.
 */

/** The longest one object's text may be (an IdentityEntry is about 350 characters). */
export const MAX_OBJECT_CHARS = 16 * 1024;

/** The stream is not a JSON array of objects, or an object is too long; the message quotes nothing. */
export class ArrayScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArrayScanError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Calls `onObject` with each object of the array whose text `wanted` accepts
 * (a cheap look at the raw text before any parse). Throws ArrayScanError
 * unless the whole stream is one array of objects, ended: a list cut short
 * must not read as a complete one.
 */
export async function scanJsonArray(chunks: AsyncIterable<Buffer | string>, wanted: (text: string) => boolean, onObject: (value: unknown) => void): Promise<void> {
  const decoder = new TextDecoder();
  let state: 'before' | 'between' | 'object' | 'after' = 'before';
  let depth = 0; // nesting inside the current object
  let inString = false;
  let escaped = false;
  let pending = ''; // the current object's text from earlier chunks

  // A function: the compiler does not see scan() change the state.
  const ended = () => state === 'after';

  const emit = (text: string) => {
    if (!wanted(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ArrayScanError('an entry of the list is not JSON');
    }
    onObject(value);
  };

  const scan = (text: string) => {
    let start = state === 'object' ? 0 : -1;
    // Where the next backslash is (rare in the list): looked up again only once passed.
    let backslash = text.indexOf('\\');
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (state === 'object') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          else {
            // Most of the list is inside strings: leap to the next quote or escape in this chunk.
            if (backslash !== -1 && backslash < i) backslash = text.indexOf('\\', i);
            const q = text.indexOf('"', i);
            const next = q === -1 ? backslash : backslash === -1 ? q : Math.min(q, backslash);
            i = (next === -1 ? text.length : next) - 1;
          }
        } else if (c === QUOTE) inString = true;
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
          depth--;
          if (depth === 0) {
            const whole = pending + text.slice(start, i + 1);
            pending = '';
            state = 'between';
            if (whole.length > MAX_OBJECT_CHARS) throw new ArrayScanError('an entry of the list is too long');
            emit(whole);
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (state === 'before' && c === OPEN_ARRAY) state = 'between';
      else if (state === 'between' && c === COMMA) continue;
      else if (state === 'between' && c === OPEN_OBJECT) {
        state = 'object';
        depth = 1;
        start = i;
      } else if (state === 'between' && c === CLOSE_ARRAY) state = 'after';
      else throw new ArrayScanError('the answer is not a list of entries');
    }
    if (state === 'object') {
      pending += text.slice(start);
      if (pending.length > MAX_OBJECT_CHARS) throw new ArrayScanError('an entry of the list is too long');
    }
  };

  for await (const chunk of chunks) scan(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  scan(decoder.decode());
  if (!ended()) throw new ArrayScanError('the list ended early');
}
