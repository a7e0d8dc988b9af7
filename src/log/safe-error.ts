import path from 'node:path';

/**
 * Whether `err` is an Error, or shaped like one (a name and a stack): an
 * error of another context fails `instanceof Error`, and better-sqlite3's
 * native part keeps the error class of the context that loaded it first,
 * so under jest (a context per test file) its errors can be such.
 */
function isError(err: unknown): err is Error {
  const e = err as { name?: unknown; stack?: unknown } | null;
  try {
    if (err instanceof Error) return true;
    return typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.stack === 'string';
  } catch {
    return false; // a stack V8 could not write (see framesOf), a throwing getter, a revoked Proxy
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
  // Whatever code made of the fields (a symbol, a throwing getter, a revoked Proxy), the line is written: a catch
  // that logs must go on.
  let type = 'Error';
  let code: string | undefined;
  try {
    if (typeof err.name === 'string') type = err.name;
    const c = (err as { code?: unknown }).code;
    if (typeof c === 'string' || typeof c === 'number') code = String(c);
  } catch {
    return { type: 'Error' };
  }
  return { type, code, stack: framesOf(err) };
}

// Where a frame ran, once cut to the project or node_modules: a file of ours or a package's (letters, digits, dots,
// dashes, slashes: no "+", no space) with its line and column, node's own, or none. A message's own line shaped
// like a frame ("at +1415… (pier 39:1:1)") names no such place and is dropped.
const LOCATION = /^(?:(?:(?:src|test|dist|scripts|node_modules)[/\\][\w./\\@-]*\.[mc]?[jt]s|node:[\w/]+):\d+:\d+|native|<anonymous>)$/;

/**
 * A frame as logged: "at" and where it ran, never the function's name, which data may make (an object's key
 * called as a method reads "at Object.+14155550100"); a path is cut to the project or to node_modules/ (a
 * package seen through a symlink is elsewhere), so no home directory shows. Undefined for anything else.
 */
function frameOf(line: string): string | undefined {
  const at = /^\s+at (?:.*\((.*)\)|(.*))$/.exec(line);
  if (!at) return undefined;
  let where = (at[1] ?? at[2] ?? '').replace(/^file:\/\//, '');
  const modules = where.search(/[/\\]node_modules[/\\]/);
  if (modules >= 0) where = where.slice(modules + 1);
  else if (where.startsWith(ROOT + path.sep)) where = where.slice(ROOT.length + 1);
  return LOCATION.test(where) ? `    at ${where}` : undefined;
}

/**
 * The first frames of the stack, without the "Name: message" above them. The message may span lines, one
 * of which may look like a frame ("…\n    at Rick's place"): it is cut off whole, as the stack was written
 * with it; a stack written before the message changed is read from its second line, frames only.
 */
function framesOf(err: Error): string | undefined {
  let name: unknown, message: unknown, stack: unknown;
  try {
    ({ name, message } = err as { name: unknown; message: unknown });
    stack = err.stack;
  } catch {
    // V8 writes a stack when first read, and throws on a message it cannot write (a symbol): no frames then.
    return undefined;
  }
  if (typeof stack !== 'string' || !stack) return undefined;
  const header = typeof name === 'string' && typeof message === 'string' ? (message ? `${name}: ${message}` : name) : null;
  const lines = (header !== null && stack.startsWith(header) ? stack.slice(header.length) : stack.slice(stack.indexOf('\n') + 1)).split('\n');
  const frames = lines.map(frameOf).filter((f): f is string => f !== undefined);
  return frames.slice(0, MAX_FRAMES).join('\n');
}
