/** The areas that lead a REPORT's or an ALERT's text ("REPORT 415 grey van", "ALERT LDN london bridge…"), and the text after them. */
import type { Regions } from '../alerts/regions';
import { ENDS_AREAS, GLUED_COLON, SEPARATOR, SEPARATOR_FIRST, splitGluedColon } from './area-marks';

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
  // "415 100: london …": the colon the parser left leading the text stays on the number it ended.
  return { given: tokens.slice(0, firstText), raw: `${tokens.slice(firstText).join(' ')}${SEPARATOR_FIRST.test(rest) ? '' : ' '}${rest}` };
}

/**
 * The areas (codes or names of the line) that lead a text, and the text after
 * them; `afterAreas`: the message named areas before it ("415 and 510 …");
 * `elsewhere`: the report has an area without them (Regions.leading).
 *
 * Every leading word that names an area is one ("ALERT london manchester grey
 * van"). A colon or a dash ends them ("ALERT MAD: León, cliente violento",
 * "MAD - León …"): a client named like a city stays in the text.
 */
export function leadingAreas(regions: Regions, text: string, afterAreas = false, elsewhere = false, colonEnded = false): { areas: string[]; text: string } {
  // "LON:he hit me": a colon glued to the text after the areas ends them as "LON: he" does.
  const all = splitGluedColon(text.trim().split(/\s+/), (head) => regions.leading(head, afterAreas, elsewhere).used === head.length);
  // The mark first: it ended the areas before it ("ALERT 415: london …", the parser taking 415), so none leads;
  // split off the code by the parser ("415:london …", `colonEnded`) it goes, the word after it kept. A word she
  // wrote starting with a colon (":D he seemed fine", ":Ohio plates") is her text as it is.
  if (SEPARATOR.test(all[0] ?? '')) return { areas: [], text: all.slice(1).join(' ') };
  if (colonEnded && GLUED_COLON.test(all[0] ?? '')) return { areas: [], text: text.trim().replace(GLUED_COLON, '') };
  const words = all.slice(0, 12);
  const end = words.findIndex((w) => ENDS_AREAS.test(w));
  const { npas, used } = regions.leading(end < 0 ? words : words.slice(0, end + 1), afterAreas, elsewhere);
  if (used === 0) return { areas: [], text };
  // The colon or dash standing alone after them is no part of the text.
  const rest = all.slice(used);
  return { areas: npas, text: rest.slice(SEPARATOR.test(rest[0] ?? '') ? 1 : 0).join(' ') };
}
