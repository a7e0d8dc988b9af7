/** A debug logger whose lines a test reads: each parsed (level, msg, fields), and each as written (to search for what must never appear). */
import { createLogger } from '../../src/log/logger';

export function collectingLogger() {
  const lines: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
  const raw: string[] = [];
  const log = createLogger('debug', {
    write: (l: string) => {
      raw.push(l);
      lines.push(JSON.parse(l));
    },
  });
  return { lines, raw, log };
}
