import path from 'node:path';

/**
 * Whether `err` is an Error, or shaped like one (a name and a stack): an
 * error of another context fails `instanceof Error`, and better-sqlite3's
 * native part keeps the error class of the context that loaded it first,
 * so under jest (a context per test file) its errors can be such.
 */
function isError(err: unknown): err is Error {
  if (err instanceof Error) return true;
  const e = err as { name?: unknown; stack?: unknown } | null;
  try {
    return typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.stack === 'string';
  } catch {
    return false; // a stack V8 could not write (see framesOf)
  }
}

/** Frames kept: where it failed and the calls that led there; the rest (the event loop, node's internals) only lengthen the line. */
export const MAX_FRAMES = 5;

// The project's directory (src/log/.. or dist/src/log/..): frames name files within it, not where it is installed
// (a home directory names its user).
const ROOT = path.resolve(__dirname, '..', '..').replace(/[/\\]dist$/, '');

/**
 * What of an error may be logged: its type, code and first call frames. Not
 * its message, nor its other properties: an HTTP client's error carries the
 * request it made (a recipient's number, a message text), and a parser's
 * message quotes the input it choked on. SQLite's own messages name columns
 * and constraints, never values, but are dropped all the same. The scrubber
 * catches what looks like a number, not a report's words.
 */
export function safeError(err: unknown): { type: string; code?: string; stack?: string } {
  if (!isError(err)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  // Whatever code made of the name (a symbol, an object), the line is written: a catch that logs must go on.
  return { type: typeof err.name === 'string' ? err.name : 'Error', code: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined, stack: framesOf(err) };
}

// A frame as V8 writes one, ending with a line and column or a location without a file: a message's own line
// that merely opens with "at " ("at +1415… he said") is none.
const FRAME = /^\s+at (?:.*:\d+:\d+\)?|.*\((?:native|<anonymous>|index \d+)\))$/;

/**
 * The first frames of the stack, without the "Name: message" above them. The message may span lines, one
 * of which may look like a frame ("…\n    at Rick's place"): it is cut off whole, as the stack was written
 * with it; a stack written before the message changed is read from its second line, frames only.
 */
function framesOf(err: Error): string | undefined {
  const { name, message } = err as { name: unknown; message: unknown };
  let stack: unknown;
  try {
    stack = err.stack;
  } catch {
    // V8 writes a stack when first read, and throws on a message it cannot write (a symbol): no frames then.
    return undefined;
  }
  if (typeof stack !== 'string' || !stack) return undefined;
  const header = typeof name === 'string' && typeof message === 'string' ? (message ? `${name}: ${message}` : name) : null;
  const lines = (header !== null && stack.startsWith(header) ? stack.slice(header.length) : stack.slice(stack.indexOf('\n') + 1)).split('\n');
  const frames = lines.filter((line) => FRAME.test(line)).slice(0, MAX_FRAMES);
  return frames.map((line) => line.split(ROOT + path.sep).join('')).join('\n');
}
