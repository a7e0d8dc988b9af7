/**
 * AREAS_FILE: the line's own areas, read and validated at start. A bad file
 * stops start-up with a message naming the file, the entry and what is
 * wrong (a ConfigError of AREAS_FILE). Format (README, "Areas"):
 *
 *   { "northAmerica": false,
 *     "areas": [ { "code": "LDN", "names": ["london", "londres"], "prefixes": ["+4420"] } ] }
 *
 * `names` may also be given per language ({"en": [...], "fr": [...]}); other
 * fields are allowed and ignored, so operators may annotate entries.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { commandWordMeaning } from '../bot/control-words';
import { ALL_WORDS } from '../bot/all-words';
import { ConfigError } from '../config/config-error';
import { isAreaCode } from '../phone/numbers';
import { plainLatin } from '../util/plain-latin';

/** One of the line's own areas, as Regions uses it. */
export interface OwnArea {
  /** What members type: upper-case letters and digits. */
  code: string;
  /** Every alias, in every language. */
  names: string[];
  /** E.164 prefixes whose senders belong to this area by default. */
  prefixes: string[];
  /** Where it is described ("entry 3 (LDN)" of the file), for messages. */
  label: string;
}

export interface AreasFile {
  /** The file's path, for messages. */
  file: string;
  areas: OwnArea[];
  /** Whether North American area codes (with their overlays) are areas of this line too. */
  northAmerica: boolean;
  /** A code or name that is also a command word, one line each: the start and doctor warn of them. */
  warnings?: string[];
}

/** Most areas a file may describe: a line's areas are places members name, not a gazetteer. */
export const MAX_FILE_AREAS = 2000;

const name = z.string().trim().min(1, { error: 'a name is empty' }).max(60, { error: 'a name is longer than 60 characters' });
const names = z.union([z.array(name), z.record(z.string().regex(/^[a-z]{2}$/, { error: 'languages are 2-letter codes such as en' }), z.array(name))], {
  error: 'expected a list of names, or lists of names by language ({"en": [...]})',
});

const AREA = z.looseObject({
  code: z
    .string({ error: 'expected a code (letters and digits)' })
    .regex(/^[A-Za-z0-9]{1,8}$/, { error: 'the code must be 1 to 8 letters or digits' })
    .transform((c) => c.toUpperCase()),
  names: names.optional(),
  prefixes: z.array(z.string().regex(/^\+[1-9]\d{0,14}$/, { error: 'a prefix must be "+" and digits, as E.164 numbers start' })).optional(),
});

const FILE = z.looseObject({
  northAmerica: z.boolean({ error: 'northAmerica must be true or false' }).optional(),
  areas: z.array(z.unknown(), { error: 'expected "areas": a list of areas' }).min(1, { error: '"areas" is empty' }).max(MAX_FILE_AREAS, {
    error: `"areas" lists more than ${MAX_FILE_AREAS} areas`,
  }),
});

/**
 * How names are compared: case, accents, punctuation and spaces do not matter ("St. John's", "St Johns", "D.F.",
 * "df"). The parser splits words at punctuation ("St. John's" arrives as ST JOHN S) where a member may write none,
 * so neither counts; the file's names are checked with the same key, so no two areas share one.
 */
export function nameKey(s: string): string {
  return (
    plainLatin(s)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // Upper case first, as the parser reads a keyword's arguments: ß is SS there, and ẞ (plainLatin).
      .toUpperCase()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '')
  );
}

/** How many words a name may arrive as, split at its spaces and punctuation ("St. John's": ST JOHN S, three). */
export function nameWordCount(s: string): number {
  return s.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '').length;
}

/** Reads and validates an areas file; throws a ConfigError naming the file and the entry. */
export function readAreasFile(file: string): AreasFile {
  const fail = (what: string): never => {
    throw new ConfigError('AREAS_FILE', `${file}: ${what}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return fail((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`);
  }
  const top = FILE.safeParse(raw);
  if (!top.success) return fail(top.error.issues[0]?.message ?? 'expected {"areas": [...]}');
  const northAmerica = top.data.northAmerica ?? false;
  const areas: OwnArea[] = [];
  const claimed = new Map<string, string>();
  const prefixOwner = new Map<string, string>();
  const codes = new Map<string, string>();
  const warnings: string[] = [];
  top.data.areas.forEach((entry, i) => {
    const label = `entry ${i + 1}${entryCode(entry)}`;
    const parsed = AREA.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(`${label}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'not an area'}`);
    }
    const { code } = parsed.data;
    const first = codes.get(code);
    if (first !== undefined) fail(`${label}: the code ${code} is already ${first}'s`);
    codes.set(code, `entry ${i + 1}`);
    if (northAmerica && isAreaCode(code)) fail(`${label}: ${code} is a North American area code, which "northAmerica": true already provides`);
    const given = parsed.data.names ?? [];
    const all = Array.isArray(given) ? given : Object.values(given).flat();
    // A name read as a North American code would be looked up as that code, never as this area.
    for (const word of all) {
      if (northAmerica && isAreaCode(nameKey(word))) fail(`${label}: the name "${word}" is a North American area code, which "northAmerica": true already provides`);
    }
    // "APPROVE K7Q2 ALL" read ALL as every area while it sent to an area coded ALL (Alloa) alone: refused. Any other
    // command word may be a real place's code or name (OK for Oklahoma, Alta), or the old code a rename keeps as a
    // name: warned, as a member answering the area question with it gets the command.
    for (const word of [code, ...all]) {
      const key = nameKey(word).toUpperCase();
      const what = word === code ? `the code ${code}` : `the name "${word}"`;
      if (ALL_WORDS.has(key)) fail(`${label}: ${what} is the word LEAVE and APPROVE read as every area; give the area another`);
      const meaning = commandWordMeaning(key);
      if (meaning) warnings.push(`AREAS_FILE ${file}: ${label}: ${what} is also ${meaning}: a member who answers the area question with it gets that command, not the area`);
    }
    // A code and a name are both words members type: each may mean one area only.
    for (const word of [code, ...all]) {
      const key = nameKey(word);
      const owner = claimed.get(key);
      if (owner !== undefined && owner !== code) fail(`${label}: "${word}" already names ${owner}`);
      claimed.set(key, code);
    }
    const prefixes = parsed.data.prefixes ?? [];
    for (const prefix of prefixes) {
      const owner = prefixOwner.get(prefix);
      if (owner !== undefined) fail(`${label}: prefix ${prefix} already belongs to ${owner}`);
      prefixOwner.set(prefix, code);
    }
    areas.push({ code, names: [...new Set(all)], prefixes, label });
  });
  return { file, areas, northAmerica, warnings };
}

/** ` (LDN)` when the entry has a readable code, so the message names it. */
function entryCode(entry: unknown): string {
  const code = (entry as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9]{1,8}$/.test(code) ? ` (${code.toUpperCase()})` : '';
}
