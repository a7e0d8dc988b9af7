/**
 * Only area codes ("415", "415 628", "LDN") from someone with no membership on this channel: she means to join.
 * Most often the join question's answer come after its hour lapsed, which got "didn't understand", never
 * told the question had lapsed, and silence for a second try (the hint's hourly bound). She is told the JOIN
 * that does it instead. Not bound by the hint's hour: an auto-reply sends no area code, and the same message
 * answered the same way is answered twice an hour at most anyway (inbound/steps/repeats.ts). A membership that
 * was stopped gets the reply a stranger gets (in the language kept for her): the number may be someone else's now, who must
 * not learn it was on the line (JOIN brings her back with the areas she names).
 */
import type { Regions } from '../alerts/regions';
import type { Parsed } from './commands';
import { areaAnswer } from './dialogues';
import { say, type Asker, type Outcome } from './handler';

/** The reply naming JOIN with her codes, or undefined when the message is more than known area codes, or hers is a membership she holds (not one stopped). */
export function areasAlone(regions: Regions, who: Asker, moderator: boolean, parsed: Parsed, text: string, maxAreas: number): Outcome | undefined {
  const stopped = who.member?.status === 'stopped';
  if ((who.member && !stopped) || moderator || parsed.ok || parsed.error !== 'unknown') return undefined;
  const codes = areaAnswer(parsed, text);
  // Each word an area's code as codes are written (a name, "hey Austin", may be words of her own), the line's.
  if (codes.length === 0 || codes.length > maxAreas || !codes.every((c) => regions.writtenAsCode(c))) return undefined;
  return regions.resolve(codes).ok ? say(who.t.joinWith(codes)) : undefined;
}
