/** One check of doctor's: its outcome, and the rule for files only the server's user may read. */
import fs from 'node:fs';

/** The outcome of one check: `ok` false means `detail` says what to do; `warn`, that it may need doing (doctor still passes). */
export interface CheckResult {
  name: string;
  ok: boolean;
  warn?: boolean;
  detail: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, ok: true, detail });
export const bad = (name: string, detail: string): CheckResult => ({ name, ok: false, detail });
export const warn = (name: string, detail: string): CheckResult => ({ name, ok: true, warn: true, detail });

/** A file only the server's user may read (the database, a key file, a `.env` with secrets), named when others can; none when it is not there. */
export function readableByOthers(name: string, file: string, what = ''): CheckResult[] {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const mode = stat.mode & 0o777;
  return mode & 0o077 ? [bad(name, `${file}${what} is readable by others (mode ${mode.toString(8)}): chmod 600 it`)] : [];
}
