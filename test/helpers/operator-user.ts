/**
 * The user an admin command runs as in tests of the file system refusing
 * it. Modes refuse nothing to root: run as root (a container, a CI runner),
 * the command runs as nobody instead, on files handed to nobody, so that a
 * folder closed with chmod is closed to it as it is to a normal user.
 */
import fs from 'node:fs';
import path from 'node:path';

/** nobody where the tests run as root; null (the tests' own user) otherwise. */
export const OPERATOR: { uid: number; gid: number } | null = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;

/** Gives `dir` and everything in it to OPERATOR (nothing to do when that is the tests' own user). */
export function handToOperator(dir: string): void {
  if (!OPERATOR) return;
  const { uid, gid } = OPERATOR;
  fs.chownSync(dir, uid, gid);
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) fs.chownSync(path.join(dir, name), uid, gid);
}
