/** What JOIN's question and a reply about a word that names no area say, in the line's own areas. */
import type { Regions } from '../alerts/regions';
import type { AreaCommand, Catalog } from './catalog';

/** Which area? With the line's own areas when they are few enough to list. */
export function whichArea(t: Catalog, regions: Regions): string {
  const listed = regions.listed();
  if (listed) return t.joinWhichAreaListed(listed);
  const example = regions.example();
  return example ? t.joinWhichAreaNamed(example) : t.joinWhichArea();
}

/**
 * A word that names no area: with the list of the line's own areas when it is
 * short, else an example the line has. `resend` names the command to send
 * again with one of the list; without it, the join question is open for the reply.
 * The example is one that works: LEAVE with one of `hers` (JOIN when she has
 * none: "LEAVE 415" would leave nothing), REPORT with the line's. The
 * moderators' commands keep JOIN's example (theirs are worded in moderator-*.ts).
 */
export function unknownArea(t: Catalog, regions: Regions, bad: string, resend?: AreaCommand, hers: readonly string[] = []): string {
  const listed = regions.listed();
  if (listed) return t.unknownAreaListed(listed, resend);
  const command = resend === 'report' || (resend === 'leave' && hers.length > 0) ? resend : undefined;
  const own = command === 'leave' ? hers[0] : undefined;
  const example = regions.example();
  return example ? t.unknownAreaNamed(bad, own ?? example, command) : t.unknownArea(bad, command, own);
}
