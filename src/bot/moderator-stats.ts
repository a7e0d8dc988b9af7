/** STATS: the line's counts for a moderator, with every area's members a page at a time ("STATS 2"). */
import { countAlerts, countRetractedAlerts } from '../store/alerts';
import type { Db } from '../store/db';
import { countRequestingPeople } from '../store/member-requests';
import { countPendingReports } from '../store/reports';
import { countSubscribedPeople, membersByArea } from '../store/subscriptions';
import type { Catalog } from './catalog';
import { cutPage } from './pages';

/** Most areas on a page; fewer when their names take the room. */
const PAGE_SIZE = 30;

/**
 * Page `page` of STATS: the first has the totals and the largest areas, the later ones the other areas, largest
 * first, so a line of 40 areas shows every count; each names the next page's command. Cut as cutPage cuts.
 */
export function statsPage(db: Db, t: Catalog, page: number): string {
  const areas = membersByArea(db);
  const retracted = countRetractedAlerts(db);
  const totals = {
    // People, each once however many areas and channels she has: the areas' counts add up to more.
    people: countSubscribedPeople(db),
    pendingReports: countPendingReports(db),
    // People, as members are counted: one number's SMS and Signal requests are one.
    pendingMembers: countRequestingPeople(db),
    // A retracted alert was withdrawn as sent in error: not one the line stands by.
    alertsIssued: countAlerts(db) - retracted,
    alertsRetracted: retracted,
  };
  return cutPage(areas, areas.length, page, PAGE_SIZE, (shown, more, p) =>
    p === 1 ? t.modStats({ ...totals, membersByArea: shown, moreAreas: more }) : t.modStatsMore(p, shown, more),
  );
}
