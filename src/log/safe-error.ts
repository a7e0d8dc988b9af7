/**
 * What of an error may be logged: its type, code and stack. Not its other
 * properties: an HTTP client's error carries the request it made, which can
 * hold a recipient's number and a message text.
 */
export function safeError(err: unknown): { type: string; code?: string; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, code: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined, stack: err.stack };
}
