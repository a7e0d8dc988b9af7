/**
 * Whether `err` is an Error, or shaped like one (a name and a stack): an
 * error of another context fails `instanceof Error`, and better-sqlite3's
 * native part keeps the error class of the context that loaded it first,
 * so under jest (a context per test file) its errors can be such.
 */
function isError(err: unknown): err is Error {
  if (err instanceof Error) return true;
  const e = err as { name?: unknown; stack?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e.name === 'string' && typeof e.stack === 'string';
}

/**
 * What of an error may be logged: its type, code and call stack. Not its
 * message, nor its other properties: an HTTP client's error carries the
 * request it made (a recipient's number, a message text), and a parser's
 * message quotes the input it choked on. The scrubber catches what looks
 * like a number, not a report's words.
 */
export function safeError(err: unknown): { type: string; code?: string; stack?: string } {
  if (!isError(err)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, code: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined, stack: framesOf(err.stack) };
}

/** The "at …" lines of a stack, without the "Name: message" lines above them. */
function framesOf(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
