/** The areas that lead a REPORT's or an ALERT's text ("REPORT 415 grey van", "ALERT LDN london bridge…"), and the text after them. */
import type { Regions } from '../alerts/regions';

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
 */
export function leadingAreas(regions: Regions, text: string, afterAreas = false, elsewhere = false): { areas: string[]; text: string } {
  const { npas, used } = regions.leading(text.trim().split(/\s+/).slice(0, 12), afterAreas, elsewhere);
  if (used === 0) return { areas: [], text };
  const rest = text.trim().split(/\s+/).slice(used).join(' ');
  return { areas: npas, text: rest };
}
