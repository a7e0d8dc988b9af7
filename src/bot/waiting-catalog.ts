/**
 * The replies an asker reads. Under SUBSCRIBE_MODE=approval, an applicant whose join request waits is told so
 * by what only members may do: told to "text JOIN", she would only hear again that her request waits.
 */
import type { Lang } from '../domain/lang';
import type { Db } from '../store/db';
import { requestedAreas } from '../store/member-requests';
import type { MemberRow } from '../store/members';
import { catalog, type Catalog } from './catalog';
import { withExamples, type LineExamples } from './line-examples';

/** The areas her join request asks for while she waits to be admitted; none for anyone else (a member asking for one more area is a member). */
export function waitingAreas(db: Db, member: MemberRow | undefined): string[] {
  return member?.status === 'pending' ? requestedAreas(db, member.id) : [];
}

/** The catalogue of `lang`, giving the line's examples (`ex`); for an applicant whose request waits, its membersOnly (CHECK, BUDDY, CHECKIN) says that it waits. */
export function askerCatalog(db: Db, member: MemberRow | undefined, lang: Lang, ex?: LineExamples): Catalog {
  const t = withExamples(catalog(lang), ex);
  const waiting = waitingAreas(db, member);
  return waiting.length === 0 ? t : { ...t, membersOnly: () => t.requestWaiting(waiting) };
}
