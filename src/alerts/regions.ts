/**
 * The line's areas: what members type to name a place, and which areas an
 * alert reaches. By default North American area codes, where regions
 * (config/regions.json: named groups of codes that overlay one place) make
 * an alert for one code reach every code that shares a region with it, and
 * JOIN accepts a region's name (not a REPORT or ALERT text, where "Austin"
 * is as likely a client's name). A line's AREAS_FILE adds areas of its own
 * (codes, names in its languages, phone prefixes), with or without the
 * North American codes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error';
import { areaCodeOf, isAmount, isAreaCode, startsWithNumber, type CountryCode } from '../phone/numbers';
import { findProjectDir } from '../store/find-up';
import { nameKey, nameWordCount, readAreasFile, type AreasFile, type OwnArea } from './areas-file';

/** The word for "and" in the line's languages (and its sign), between two areas. */
const JOINERS: ReadonlySet<string> = new Set(['AND', 'Y', 'ET', 'E', '&']);

/**
 * A word that may come before the areas a member names ("UNIRSE a 415", "SALIR de 415", "JOIN to 415", "ENTRAR em
 * Monterrey"); like an article after it ("UNIRSE a la CDMX"), it leads in only when it names no area itself and
 * an area follows: a line whose file has the code EM still reads it as that area.
 */
const LEAD_INS: ReadonlySet<string> = new Set(['TO', 'IN', 'FOR', 'A', 'AL', 'DE', 'DEL', 'EN', 'EM', 'PARA', 'POUR', 'DA', 'DO', 'NA']);

/** An article that may follow a lead-in word ("a la", "en el", "à la"). */
const ARTICLES: ReadonlySet<string> = new Set(['LA', 'EL', 'LOS', 'LAS', 'LE', 'LES', 'THE']);

/** Most of a line's own areas a question or a reply lists; past this, members are asked to name theirs. */
export const LISTED_AREAS = 12;

/** The longest run of words a name is looked for in, at least ("ciudad de mexico"); a longer name of the line's own raises it. */
const MAX_NAME_WORDS = 4;

/** Resolves area tokens and expands areas to their overlays. */
export class Regions {
  private readonly byName = new Map<string, string[]>();
  /** The names of config/regions.json, which lead no free text: cities that are also first names (Austin, Dallas). */
  private readonly regionNames = new Set<string>();
  private readonly overlays = new Map<string, Set<string>>();
  private readonly own = new Map<string, OwnArea>();
  /** [prefix, code], longest prefix first. */
  private readonly prefixes: Array<[string, string]> = [];
  /** Whether 3-digit North American area codes are areas of this line. */
  readonly northAmerica: boolean;
  /** AREAS_FILE's codes and names that are also command words: the start and doctor warn of each. */
  readonly warnings: readonly string[];
  /** The most words a name has: "saint jean de la lande" is looked for as five words. */
  private nameWords = MAX_NAME_WORDS;

  constructor(
    regions: Record<string, string[]>,
    file?: AreasFile,
    /** DEFAULT_COUNTRY: how national-format numbers in reports and CHECK are read. */
    readonly country: CountryCode = 'US',
  ) {
    this.northAmerica = file ? file.northAmerica : true;
    this.warnings = file?.warnings ?? [];
    if (this.northAmerica) {
      for (const [name, codes] of Object.entries(regions)) {
        if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`regions: "${name}" must be lower case letters, digits and hyphens`);
        for (const code of codes) {
          if (!isAreaCode(code)) throw new Error(`regions: ${name} lists ${code}, which is not a NANP area code`);
        }
        this.byName.set(nameKey(name), [...codes].sort());
        this.regionNames.add(nameKey(name));
        for (const code of codes) {
          const set = this.overlays.get(code) ?? new Set([code]);
          for (const c of codes) set.add(c);
          this.overlays.set(code, set);
        }
      }
    }
    for (const area of file?.areas ?? []) {
      this.own.set(area.code, area);
      // A code is looked up before any name: the region it shares a word with could no longer be joined by name.
      if (this.byName.has(nameKey(area.code))) {
        throw new ConfigError('AREAS_FILE', `${file?.file}: ${area.label}: "${area.code}" is already the name of a North American region`);
      }
      for (const name of area.names) {
        const key = nameKey(name);
        const taken = this.byName.get(key);
        if (taken && !(taken.length === 1 && taken[0] === area.code)) {
          throw new ConfigError('AREAS_FILE', `${file?.file}: ${area.label}: "${name}" is already the name of a North American region`);
        }
        this.byName.set(key, [area.code]);
        this.nameWords = Math.max(this.nameWords, nameWordCount(name));
      }
      for (const prefix of area.prefixes) this.prefixes.push([prefix, area.code]);
    }
    this.prefixes.sort((a, b) => b[0].length - a[0].length);
  }

  /** Loads config/regions.json (or another file): North American areas only. */
  static load(file: string = path.join(findProjectDir('config'), 'regions.json')): Regions {
    return new Regions(readRegions(file));
  }

  /** The line's areas: AREAS_FILE when set (with the regions when it asks for North America), else the regions. */
  static forLine(areasFile: string | undefined, country: CountryCode = 'US'): Regions {
    const regionsFile = path.join(findProjectDir('config'), 'regions.json');
    if (!areasFile) return new Regions(readRegions(regionsFile), undefined, country);
    const file = readAreasFile(areasFile);
    return new Regions(file.northAmerica ? readRegions(regionsFile) : {}, file, country);
  }

  /**
   * Turns tokens ("415", "san-francisco", "LDN", "london", "ciudad de
   * mexico") into sorted unique area codes. Returns the first token that
   * names no area, so the reply can name it.
   */
  resolve(tokens: string[]): { ok: true; npas: string[] } | { ok: false; bad: string } {
    const { npas, used } = this.run(tokens, false);
    return used < tokens.length ? { ok: false, bad: tokens[used] as string } : { ok: true, npas };
  }

  /**
   * Whether `token` is an area's code written as one: a North American area code on a line that has them, or
   * one of the line's own codes as its file spells it (in capitals: "LDN", not "ldn"); never a name.
   */
  writtenAsCode(token: string): boolean {
    return (this.northAmerica && isAreaCode(token)) || this.own.has(token);
  }

  /**
   * How many of the leading tokens name areas, read as resolve() reads them
   * (names of several words, "and" between two areas): a guided report's
   * "where" answer ("los angeles, motel on Sunset") starts with them.
   */
  areaWords(tokens: string[]): number {
    return this.run(tokens, false).used;
  }

  /**
   * The areas that lead a text ("LDN grey van" → LDN, then "grey van"), for
   * REPORT and ALERT; the line's own names count too ("london grey van"), a
   * region's do not ("Austin robbed me" names a client). In free text a code
   * counts only as written in capitals: "man in a van" does not name MAN.
   * `words` are as written: a number they start ("(628) 555-0177") is text.
   * `afterAreas`: areas came before the text, so it may start with the word
   * that joins one more ("415 and 510 police sweep": "and 510 police sweep").
   * `elsewhere`: the report has an area without these words (given before
   * them, her subscriptions, her number's).
   */
  leading(words: string[], afterAreas = false, elsewhere = false): { npas: string[]; used: number } {
    // A word of marks alone ("&") is kept as written: it may join two areas.
    const tokens = words.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') || w);
    // "$250 short", "250$ manquant": an amount, written with its currency sign, is text.
    const isText = (i: number) => isAmount(words[i] as string) || startsWithNumber(words.slice(i).join(' '), this.country);
    const read = this.run(tokens, true, afterAreas, isText);
    // All in capitals, every word looks like a code: "MAN WITH A KNIFE" is a man, not Manchester. There a letter
    // code leads only when the words are areas alone ("REPORT LDN") or the report has nowhere else to go. Words
    // after the codes with no capital ("LDN 07700 900123", a script without case) are not shouted: the code leads.
    const after = words.slice(read.used).join(' ');
    const shouted = /\p{Lu}/u.test(after) && !/\p{Ll}/u.test(after);
    if (!shouted || !elsewhere || read.used === tokens.length) return read;
    return this.run(tokens, true, afterAreas, isText, false);
  }

  /** The phone prefixes of the line's own areas (AREAS_FILE), as the file gives them. */
  ownPrefixes(): string[] {
    return this.prefixes.map(([prefix]) => prefix);
  }

  /** The area a number belongs to: its own area's prefix, else its North American area code; null when none. */
  areaOf(e164: string): string | null {
    for (const [prefix, code] of this.prefixes) if (e164.startsWith(prefix)) return code;
    return this.northAmerica ? areaCodeOf(e164) : null;
  }

  /**
   * The line's areas when they are its own and few enough to list in a reply;
   * null otherwise: when it has none, too many, or the North American codes
   * too (hundreds: its replies say "e.g. 415", as a North American line's do).
   */
  listed(): string[] | null {
    return !this.northAmerica && this.own.size > 0 && this.own.size <= LISTED_AREAS ? [...this.own.keys()] : null;
  }

  /**
   * An area of the line's own to name in a reply's example ("e.g. JOIN LDN");
   * on a line that also keeps the North American codes, one of each ("LDN /
   * 415"): a member of its own areas must learn they exist, one in North
   * America that 3 digits work. Null on a North American line alone, whose
   * replies say "e.g. JOIN 415".
   */
  example(): string | null {
    const own = this.ownExample();
    if (own === null) return null;
    return this.northAmerica ? `${own} / 415` : own;
  }

  /** One area code of the line's own (the first of its file), for an example that can name only one; null when none. */
  ownExample(): string | null {
    return [...this.own.keys()][0] ?? null;
  }

  /** The given areas plus every area that overlays one of them, sorted. */
  expand(npas: string[]): string[] {
    const out = new Set<string>();
    for (const npa of npas) for (const c of this.overlays.get(npa) ?? [npa]) out.add(c);
    return [...out].sort();
  }

  /**
   * The areas the leading tokens name, and how many tokens that took. A word
   * that joins two areas ("415 and 628", "415 y 628") counts when an area
   * follows it and it names none itself (an area coded E, "brighton and
   * hove" are matched first); the first token may be one when `afterAreas`.
   * Outside free text the first token may be a word that leads in to areas
   * ("de 415"), when an area follows it. Stops at the first token that names
   * none, or where `isText` says the tokens from there are text all the same.
   * `letterCodes` false: codes of letters name no area (digit codes and names still do).
   */
  private run(tokens: string[], freeText: boolean, afterAreas = false, isText = (_i: number) => false, letterCodes = true): { npas: string[]; used: number } {
    const out = new Set<string>();
    let used = 0;
    for (let i = 0; i < tokens.length; ) {
      const found = this.match(tokens, i, freeText, letterCodes);
      if (found && !isText(i)) {
        for (const c of found.codes) out.add(c);
        i += found.words;
        used = i;
      } else if (!found && i === used && (used > 0 || afterAreas) && JOINERS.has((tokens[i] as string).toUpperCase())) {
        i++;
      } else if (!found && i === 0 && tokens.length > 1 && !freeText && LEAD_INS.has((tokens[0] as string).toUpperCase())) {
        // The lead-in, and its article when one follows it that names no area ("a la CDMX"): an area must follow them.
        const article = ARTICLES.has((tokens[1] as string).toUpperCase()) && !this.match(tokens, 1, false) ? 1 : 0;
        if (1 + article >= tokens.length || !this.match(tokens, 1 + article, false)) break;
        i += 1 + article;
      } else {
        break;
      }
    }
    return { npas: [...out].sort(), used };
  }

  /**
   * The areas the words from `i` name (a code, or a name of up to `nameWords` words, longest first), and how many
   * words that took; in free text, own codes only in capitals and no region names; without `letterCodes`, no code
   * holding a letter.
   */
  private match(tokens: string[], i: number, freeText = false, letterCodes = true): { codes: string[]; words: number } | undefined {
    const token = tokens[i] as string;
    const code = nameKey(token).toUpperCase();
    const spelt = letterCodes || !/\p{L}/u.test(code);
    if (this.own.has(code) && spelt && (!freeText || token === token.toUpperCase())) return { codes: [code], words: 1 };
    if (this.northAmerica && isAreaCode(token)) return { codes: [token], words: 1 };
    for (let n = Math.min(this.nameWords, tokens.length - i); n >= 1; n--) {
      const key = nameKey(tokens.slice(i, i + n).join(' '));
      const codes = freeText && this.regionNames.has(key) ? undefined : this.byName.get(key);
      if (codes) return { codes, words: n };
    }
    return undefined;
  }
}

function readRegions(file: string): Record<string, string[]> {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { regions?: Record<string, string[]> };
  if (!parsed.regions || typeof parsed.regions !== 'object') throw new Error(`${file}: expected {"regions": {name: [codes]}}`);
  return parsed.regions;
}
