/**
 * Regions: named groups of area codes that overlay one place. An alert for
 * one code reaches every code that shares a region with it; JOIN accepts a
 * region's name. The data is config/regions.json, which operators may edit.
 */
import fs from 'node:fs';
import { isAreaCode } from '../phone/numbers';
import { findProjectDir } from '../store/find-up';
import path from 'node:path';

/** Resolves area tokens and expands areas to their overlays. */
export class Regions {
  private readonly byName = new Map<string, string[]>();
  private readonly overlays = new Map<string, Set<string>>();

  constructor(regions: Record<string, string[]>) {
    for (const [name, codes] of Object.entries(regions)) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`regions: "${name}" must be lower case letters, digits and hyphens`);
      for (const code of codes) {
        if (!isAreaCode(code)) throw new Error(`regions: ${name} lists ${code}, which is not a NANP area code`);
      }
      this.byName.set(name, [...codes].sort());
      for (const code of codes) {
        const set = this.overlays.get(code) ?? new Set([code]);
        for (const c of codes) set.add(c);
        this.overlays.set(code, set);
      }
    }
  }

  /** Loads config/regions.json (or another file). */
  static load(file: string = path.join(findProjectDir('config'), 'regions.json')): Regions {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { regions?: Record<string, string[]> };
    if (!parsed.regions || typeof parsed.regions !== 'object') throw new Error(`${file}: expected {"regions": {name: [codes]}}`);
    return new Regions(parsed.regions);
  }

  /**
   * Turns tokens ("415", "san-francisco") into sorted unique area codes.
   * Returns the first token that is neither, so the reply can name it.
   */
  resolve(tokens: string[]): { ok: true; npas: string[] } | { ok: false; bad: string } {
    const out = new Set<string>();
    for (const token of tokens) {
      if (isAreaCode(token)) {
        out.add(token);
        continue;
      }
      const region = this.byName.get(token.toLowerCase());
      if (!region) return { ok: false, bad: token };
      for (const c of region) out.add(c);
    }
    return { ok: true, npas: [...out].sort() };
  }

  /** The given areas plus every area that overlays one of them, sorted. */
  expand(npas: string[]): string[] {
    const out = new Set<string>();
    for (const npa of npas) for (const c of this.overlays.get(npa) ?? [npa]) out.add(c);
    return [...out].sort();
  }
}
