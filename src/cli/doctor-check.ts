/** One check of doctor's: its outcome, and the rule for files only the server's user may read. */
import fs from 'node:fs';

/** The outcome of one check: `ok` false means `detail` says what to do. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
export const bad = (name: string, detail: string): CheckResult => ({ name, ok: false, detail });

/** A file only the server's user may read (the database, a key file, a `.env` with secrets), named when others can; none when it is not there. */
export function readableByOthers(name: string, file: string, what = ''): CheckResult[] {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const mode = stat.mode & 0o777;
  return mode & 0o077 ? [bad(name, `${file}${what} is readable by others (mode ${mode.toString(8)}): chmod 600 it`)] : [];
}
