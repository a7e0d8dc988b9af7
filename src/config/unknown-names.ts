/**
 * Names in the environment that look like the line's own but that it does
 * not read: RETENTION_DAY=30 (for RETENTION_DAYS) was ignored without a word,
 * and retention kept its 90 days. Only names are ever returned, never values.
 */
import { ENV_SCHEMA } from './env';

/** The secrets' schema (env.ts) is kept unexported; these are its names. */
const SECRETS = ['HEADSUP_MASTER_KEY', 'TWILIO_AUTH_TOKEN', 'METRICS_TOKEN'];
/** Read by rotate-key only (src/cli/rotate-key-command.ts). */
const READ_ELSEWHERE = ['HEADSUP_NEW_MASTER_KEY', 'HEADSUP_ROTATE_BATCH'];

const KNOWN: readonly string[] = [...Object.keys(ENV_SCHEMA.shape), ...SECRETS, ...READ_ELSEWHERE];
const KNOWN_SET = new Set(KNOWN);

/** Starts other programs' names share: Node's own (NODE_OPTIONS, the image's NODE_VERSION), and common words (LOG_FORMAT). */
const SHARED = new Set(['NODE_', 'LOG_', 'DATA_']);

/**
 * The start a name of the line's shares with its family: TWILIO_ of
 * TWILIO_REDACT, MODERATOR of MODERATORS. Short single words (PORT, HOST,
 * TZ) begin other programs' names too (HOSTNAME).
 */
function prefixOf(name: string): string | null {
  const i = name.indexOf('_');
  if (i > 0) return SHARED.has(name.slice(0, i + 1)) ? null : name.slice(0, i + 1);
  return name.length >= 6 ? name.replace(/S$/, '') : null;
}
const PREFIXES = [...new Set(KNOWN.map(prefixOf).filter((p): p is string => p !== null))];

/** Levenshtein distance, plain. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length] as number;
}

/** The known name within 2 edits of `name` (in capitals), the closest first; or null. */
function closest(name: string): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of KNOWN) {
    const d = distance(name, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

/**
 * One line per name set (not blank) that the line does not read but that
 * starts as its names do, or is within 2 edits of one of its longer names
 * (TWILLIO_AUTH_TOKEN; short ones would catch HOME for HOST), in order.
 */
export function unknownNames(env: Record<string, string | undefined>): string[] {
  const lines: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (KNOWN_SET.has(name) || (env[name] ?? '').trim() === '') continue;
    const upper = name.toUpperCase();
    const near = closest(upper);
    const looksOurs = PREFIXES.some((p) => upper.startsWith(p)) || (near !== null && near.length >= 8);
    if (looksOurs) lines.push(`${name} is not a Heads Up setting${near ? ` (${near}?)` : ''}`);
  }
  return lines;
}
