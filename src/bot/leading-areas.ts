/** The areas that lead a REPORT's or an ALERT's text ("REPORT 415 grey van", "ALERT LDN london bridge…"), and the text after them. */
import { JOINERS, type Regions } from '../alerts/regions';

/**
 * The parser takes every leading 3-digit number for an area: with text
 * after them, the first that is no area of the line ("REPORT 200 short,
 * took my phone", "REPORT 415 100 dollars short") starts the text. Alone
 * ("REPORT 451", a mistyped area) it is still refused as an area. ALERT
 * reads its areas so too.
 */
export function areasBeforeText(regions: Regions, tokens: string[], rest: string): { given: string[]; raw: string } {
  const firstText = rest.trim() === '' ? -1 : tokens.findIndex((token) => !regions.resolve([token]).ok);
  if (firstText < 0) return { given: tokens, raw: rest };
  return { given: tokens.slice(0, firstText), raw: `${tokens.slice(firstText).join(' ')} ${rest}` };
}

/**
 * The areas (codes or names of the line) that lead a text, and the text after
 * them; `afterAreas`: the message named areas before it ("415 and 510 …");
 * `elsewhere`: the report has an area without them (Regions.leading).
 *
 * After the first area, another leads only when written as a code in
 * capitals ("ALERT LDN MAN grey van") or joined to the one before by a comma
 * or "and" ("MAD, León", "MAD y León"): "ALERT MAD León, cliente violento"
 * names a client León, not the city, and goes to MAD with his name kept.
 */
export function leadingAreas(regions: Regions, text: string, afterAreas = false, elsewhere = false): { areas: string[]; text: string } {
  const words = text.trim().split(/\s+/).slice(0, 12);
  const { npas, used } = regions.leading(words, afterAreas, elsewhere);
  if (used === 0) return { areas: [], text };
  const kept = joinedAreas(regions, words, used, afterAreas);
  if (kept === 0) return { areas: [], text };
  const areas = kept === used ? npas : regions.leading(words.slice(0, kept), afterAreas, elsewhere).npas;
  return { areas, text: text.trim().split(/\s+/).slice(kept).join(' ') };
}

/** How many of the `used` leading words to take as areas: up to the first later area neither in capitals nor joined. */
function joinedAreas(regions: Regions, words: string[], used: number, afterAreas: boolean): number {
  // Where each area ends: every prefix of the words that is areas alone ("new york" is one, "MAD and LEON" two).
  const ends = [0];
  for (let n = 1; n <= used; n++) if (regions.leading(words.slice(0, n), afterAreas).used === n) ends.push(n);
  let kept = 0;
  for (let i = 1; i < ends.length; i++) {
    const unit = words.slice(ends[i - 1], ends[i]);
    const first = (unit[0] as string).replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}&]+$/gu, '');
    const asCode = unit.length === 1 && regions.writtenAsCode(first);
    const joined = JOINERS.has(first.toUpperCase()) || (kept > 0 && /[,;/]$/.test(words[kept - 1] as string));
    // The first area of the text leads as ever, unless areas came before it.
    if (!(asCode || joined || (i === 1 && !afterAreas))) break;
    kept = ends[i] as number;
  }
  return kept;
}
