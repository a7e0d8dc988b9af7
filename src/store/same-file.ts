import fs from 'node:fs';

/** Whether two paths name one file (through a link, or spelled otherwise). */
export function sameFile(a: string, b: string): boolean {
  const sa = fs.statSync(a);
  const sb = fs.statSync(b);
  return sa.dev === sb.dev && sa.ino === sb.ino;
}
