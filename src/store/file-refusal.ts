/**
 * The file system refusing the user a command runs as, in the operator's
 * words: errno text ("EACCES: permission denied, open 'x.partial'") named a
 * file the operator never asked for, and neither the cause nor the cure.
 */

/** What the operator is told to do, for each kind of refusal. */
export interface RefusalAdvice {
  /** A folder or file this user may not read, enter or write (EACCES, EPERM). */
  denied: string;
  /** A disk mounted read-only (EROFS). */
  readOnly?: string;
}

/**
 * `cannot <verb> <file>: <why>; <advice>` when `err` is the file system
 * refusing this user, or null for any other failure.
 */
export function refusalMessage(err: unknown, verb: string, file: string, advice: RefusalAdvice): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return `cannot ${verb} ${file}: permission denied; ${advice.denied}`;
  if (code === 'EROFS') return `cannot ${verb} ${file}: its disk is mounted read-only; ${advice.readOnly ?? 'use a disk this user may write'}`;
  return null;
}
